// The deployment, releases and policy the upgrade checks' tests start from, and how they
// evaluate a change of them.

import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import type {
  CustomerDeploymentEntity,
  CustomerDeploymentSpec,
} from '../../../kinds';
import {
  ChartRelease,
  ReleasePolicy,
  readReleaseIndex,
  readReleasePolicy,
} from '../../../releases';
import { DAY_MS } from '../../../time/units';
import type {
  BundleObservation,
  DeploymentObservations,
} from '../../observations';
import type { UpgradeCheckId, UpgradeSignal } from '../../types';
import {
  evaluateUpgrade,
  type UpgradeEvaluationOptions,
} from '../evaluateUpgrade';

const examples = path.resolve(__dirname, '../../../__fixtures__/releases');
const readExample = (file: string): unknown =>
  parse(fs.readFileSync(path.join(examples, file), 'utf8'));
export const RELEASES = readReleaseIndex(readExample('index.yaml'))[
  'deepgram-self-hosted'
];
export const POLICY = readReleasePolicy(readExample('policy.yaml'));

export const now = new Date('2026-08-20T12:00:00Z');
export const daysFromNow = (days: number) =>
  new Date(now.getTime() + days * DAY_MS);
export const dateFromNow = (days: number) =>
  daysFromNow(days).toISOString().slice(0, 10);

export const baseSpec = (): CustomerDeploymentSpec => ({
  customer: 'northwind-health',
  owner: 'group:default/solutions-east',
  lifecycle: 'production',
  profile: 'airgapped',
  chart: { name: 'deepgram-self-hosted', version: '0.39.0' },
  cluster: {
    kubernetesVersion: 'v1.31.4-eks-2d5f260',
    namespace: 'dg-self-hosted',
  },
  license: {
    id: 'LIC-NWH-2041',
    expiresAt: dateFromNow(200),
    keySecretRef: 'dg-license-key',
    fileSecretRef: 'dg-license-file',
  },
  billing: {
    mode: 'journal',
    replicas: 2,
    journalStorage: 'efs',
    returnEvery: 'P30D',
  },
  gpu: { resourceName: 'nvidia.com/gpu', perEngine: 1, engineReplicas: 4 },
});

/** An update bundle from 0.39.0 to `target`, handed out and verified on site. */
export const verifiedBundle = (target: string): BundleObservation => ({
  id: createHash('sha256').update(target).digest('hex'),
  from: '0.39.0',
  target,
  deliveredAt: daysFromNow(-5).toISOString(),
  deliveredBy: 'user:default/dana.se',
  verifiedAt: daysFromNow(-3).toISOString(),
  verification: 'verified',
});

/** The values the onboarding template generated for the base deployment: refs and names only. */
export const VALUES_DOCUMENT = `global:
  deepgramLicenseSecretRef: dg-license-key
  pullSecretRef: dg-registry
scaling:
  replicas:
    engine: 4
engine:
  resources:
    requests:
      gpu: 1
billing:
  enabled: true
  licenseFile:
    secretRef: dg-license-file
    secretKey: license.dg
`;

export const baseObservations = (): DeploymentObservations => ({
  firstSeenAt: daysFromNow(-400).toISOString(),
  journals: [
    {
      replica: 'deepgram-billing-0',
      receivedAt: daysFromNow(-2).toISOString(),
    },
    {
      replica: 'deepgram-billing-1',
      receivedAt: daysFromNow(-2).toISOString(),
    },
  ],
  gpu: {
    observedAt: daysFromNow(-0.25).toISOString(),
    source: 'report',
    allocatable: 8,
    requested: 4,
    pendingGpuPods: 0,
    models: [],
    driverVersion: '550.54.15',
  },
  valuesKeys: ['engine.resources.requests.gpu', 'scaling.replicas.engine'],
  values: {
    document: VALUES_DOCUMENT,
    source: 'onboarding',
    recordedAt: daysFromNow(-300).toISOString(),
    sha256: createHash('sha256').update(VALUES_DOCUMENT).digest('hex'),
  },
  // the site received and verified the bundles of the targets the tests judge
  bundles: ['0.42.0', '0.41.1'].map(target => verifiedBundle(target)),
});

export function evaluate(
  change: {
    spec?: Partial<CustomerDeploymentSpec>;
    observations?: Partial<DeploymentObservations>;
    releases?: ChartRelease[];
    policy?: ReleasePolicy | null;
    options?: Partial<
      Pick<
        UpgradeEvaluationOptions,
        'target' | 'upgradeWindowDays' | 'journalDueWindowDays'
      >
    >;
  } = {},
): UpgradeSignal {
  const entity: CustomerDeploymentEntity = {
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: 'CustomerDeployment',
    metadata: { name: 'northwind-health-prod' },
    spec: { ...baseSpec(), ...change.spec },
  };
  return evaluateUpgrade({
    entity,
    observations: { ...baseObservations(), ...change.observations },
    releases: change.releases ?? RELEASES,
    policy: change.policy === null ? undefined : change.policy ?? POLICY,
    now,
    ...change.options,
  });
}

export const checkOf = (signal: UpgradeSignal, id: UpgradeCheckId) => {
  const found = signal.checks.find(c => c.id === id);
  if (!found) {
    throw new Error(`no ${id} check in ${JSON.stringify(signal.checks)}`);
  }
  return found;
};

export const release = (
  version: string,
  kubeVersion?: string,
  created = '2026-08-01T00:00:00Z',
) => ({
  version,
  created,
  ...(kubeVersion ? { kubeVersion } : {}),
});
