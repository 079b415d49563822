import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import type {
  CustomerDeploymentEntity,
  CustomerDeploymentSpec,
} from '../kinds';
import {
  ChartRelease,
  ReleasePolicy,
  readReleaseIndex,
  readReleasePolicy,
} from '../releases';
import { evaluateUpgrade, UpgradeEvaluationOptions } from './evaluateUpgrade';
import type { DeploymentObservations } from './observations';
import type { UpgradeCheckId, UpgradeSignal } from './types';

const examples = path.resolve(__dirname, '../__fixtures__/releases');
const readExample = (file: string): unknown =>
  parse(fs.readFileSync(path.join(examples, file), 'utf8'));
const RELEASES = readReleaseIndex(readExample('index.yaml'))[
  'deepgram-self-hosted'
];
const POLICY = readReleasePolicy(readExample('policy.yaml'));

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-08-20T12:00:00Z');
const daysFromNow = (days: number) => new Date(now.getTime() + days * DAY);
const dateFromNow = (days: number) =>
  daysFromNow(days).toISOString().slice(0, 10);

const baseSpec = (): CustomerDeploymentSpec => ({
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

const baseObservations = (): DeploymentObservations => ({
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
});

function evaluate(
  change: {
    spec?: Partial<CustomerDeploymentSpec>;
    observations?: Partial<DeploymentObservations>;
    releases?: ChartRelease[];
    policy?: ReleasePolicy | null;
    options?: UpgradeEvaluationOptions;
  } = {},
): UpgradeSignal {
  const entity: CustomerDeploymentEntity = {
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: 'CustomerDeployment',
    metadata: { name: 'northwind-health-prod' },
    spec: { ...baseSpec(), ...change.spec },
  };
  return evaluateUpgrade(
    entity,
    { ...baseObservations(), ...change.observations },
    change.releases ?? RELEASES,
    change.policy === null ? undefined : change.policy ?? POLICY,
    now,
    change.options,
  );
}

const checkOf = (signal: UpgradeSignal, id: UpgradeCheckId) => {
  const found = signal.checks.find(c => c.id === id);
  if (!found) {
    throw new Error(`no ${id} check in ${JSON.stringify(signal.checks)}`);
  }
  return found;
};

const release = (
  version: string,
  kubeVersion?: string,
  created = '2026-08-01T00:00:00Z',
) => ({
  version,
  created,
  ...(kubeVersion ? { kubeVersion } : {}),
});

describe('evaluateUpgrade', () => {
  it('is ready when every check passes', () => {
    const signal = evaluate();
    expect(signal).toMatchObject({
      status: 'ready',
      current: '0.39.0',
      target: '0.42.0',
      latest: '0.42.0',
      versionsBehind: 6,
      daysBehind: 42,
    });
    expect(signal.checks.map(c => [c.id, c.title, c.outcome])).toEqual([
      ['target', 'Target release', 'pass'],
      ['kubernetes', 'Kubernetes version', 'pass'],
      ['license', 'License', 'pass'],
      ['journal', 'Billing journals', 'pass'],
      ['gpu', 'GPU capacity', 'pass'],
      ['values', 'Values keys', 'pass'],
      ['path', 'Upgrade path', 'pass'],
    ]);
    expect(signal.checks.map(c => c.message)).toEqual([
      'upgrade from 0.39.0 to 0.42.0: 6 releases ahead, 42 days newer',
      "Kubernetes v1.31.4-eks-2d5f260 (as declared in spec.cluster.kubernetesVersion) satisfies 0.42.0's kubeVersion >=1.28.0-0",
      'license LIC-NWH-2041 is valid through 2027-03-08 (200 days left)',
      'the journals of all 2 billing replicas are fresh (next due 2026-09-17T12:00:00.000Z)',
      '0.42.0 needs 4 nvidia.com/gpu (4 engine pods × 1); 8 allocatable, 4 free after the upgrade (snapshot 6 hours old)',
      'none of the 2 values keys on record was removed or renamed between 0.39.0 and 0.42.0',
      'no required intermediate release or known-bad release between 0.39.0 and 0.42.0',
    ]);
    expect(signal.checks.every(c => c.fix === undefined)).toBe(true);
  });

  describe('target', () => {
    it('passes for a requested older-than-latest target and says what is newest', () => {
      const signal = evaluate({ options: { target: '0.41.1' } });
      expect(signal).toMatchObject({
        status: 'ready',
        target: '0.41.1',
        latest: '0.42.0',
      });
      expect(checkOf(signal, 'target')).toMatchObject({
        outcome: 'pass',
        message:
          'upgrade from 0.39.0 to 0.41.1: 5 releases ahead, 28 days newer (the newest is 0.42.0)',
      });
    });

    it('is up to date on the newest release, reporting only the target', () => {
      const signal = evaluate({
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.42.0' } },
      });
      expect(signal).toEqual({
        status: 'up-to-date',
        current: '0.42.0',
        target: '0.42.0',
        latest: '0.42.0',
        versionsBehind: 0,
        daysBehind: 0,
        checks: [
          {
            id: 'target',
            title: 'Target release',
            outcome: 'pass',
            message:
              '0.42.0 is installed, the newest release of deepgram-self-hosted',
          },
        ],
      });
    });

    it('is up to date when the requested target is what is installed', () => {
      const signal = evaluate({ options: { target: '0.39.0' } });
      expect(signal).toMatchObject({
        status: 'up-to-date',
        target: '0.39.0',
        latest: '0.42.0',
      });
      expect(checkOf(signal, 'target').message).toBe(
        '0.39.0 is already installed (the newest is 0.42.0)',
      );
    });

    it('fails for a target that is not a release, naming those available', () => {
      const signal = evaluate({ options: { target: '0.50.0' } });
      expect(signal.status).toBe('blocked');
      expect(signal.target).toBeUndefined();
      expect(checkOf(signal, 'target')).toEqual({
        id: 'target',
        title: 'Target release',
        outcome: 'fail',
        message:
          '0.50.0 is not a release of deepgram-self-hosted; available: 0.42.0, 0.41.1, 0.41.0, 0.40.2, 0.40.1, 0.40.0, 0.39.0, 0.38.0, … (22 releases)',
        fix: 'pick one of the available versions',
      });
      expect(checkOf(signal, 'kubernetes').outcome).toBe('unknown');
    });

    it('fails for a target older than the installed release', () => {
      expect(
        checkOf(evaluate({ options: { target: '0.38.0' } }), 'target'),
      ).toMatchObject({
        outcome: 'fail',
        message:
          '0.38.0 is older than the installed 0.39.0; only upgrades are checked',
      });
    });

    it('is unknown when the installed version is not in the index', () => {
      const signal = evaluate({
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.39.5' } },
      });
      expect(signal.status).toBe('unknown');
      expect(signal.versionsBehind).toBeUndefined();
      expect(checkOf(signal, 'target')).toMatchObject({
        outcome: 'unknown',
        message:
          'the installed version 0.39.5 is not a release of deepgram-self-hosted in the index (newest: 0.42.0)',
      });
    });

    it('is unknown without any release', () => {
      const signal = evaluate({ releases: [] });
      expect(signal.status).toBe('unknown');
      expect(checkOf(signal, 'target')).toMatchObject({
        outcome: 'unknown',
        message: 'the release index has no releases of deepgram-self-hosted',
      });
    });

    it('takes the installed version the cluster reported over the entity', () => {
      const signal = evaluate({
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.38.0' } },
        observations: {
          reported: { chartVersion: '0.39.0', observedAt: now.toISOString() },
        },
      });
      expect(signal.current).toBe('0.39.0');
      expect(checkOf(signal, 'target').message).toBe(
        'upgrade from 0.39.0 (last reported by the cluster; the entity declares 0.38.0) to 0.42.0: 6 releases ahead, 42 days newer',
      );
    });

    it('does not offer a pre-release as the newest release', () => {
      const signal = evaluate({
        releases: [release('0.43.0-rc.1'), ...RELEASES],
      });
      expect(signal).toMatchObject({
        latest: '0.42.0',
        target: '0.42.0',
        versionsBehind: 6,
      });
    });
  });

  describe('kubernetes', () => {
    it('fails when the target needs a newer Kubernetes, and says which', () => {
      const signal = evaluate({
        spec: { cluster: { kubernetesVersion: '1.27', namespace: 'speech' } },
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'kubernetes')).toEqual({
        id: 'kubernetes',
        title: 'Kubernetes version',
        outcome: 'fail',
        message:
          '0.42.0 needs Kubernetes >=1.28.0-0; the cluster runs 1.27 (as declared in spec.cluster.kubernetesVersion)',
        fix: 'upgrade the cluster to a Kubernetes version that satisfies >=1.28.0-0 before upgrading the chart',
      });
    });

    it('names the newest release the cluster could take instead', () => {
      const signal = evaluate({
        spec: { cluster: { kubernetesVersion: '1.27', namespace: 'speech' } },
        releases: [
          release('0.41.0', '>=1.28.0-0'),
          release('0.40.0', '>=1.26.0-0'),
          release('0.39.0', '>=1.26.0-0'),
        ],
        policy: null,
      });
      expect(checkOf(signal, 'kubernetes').fix).toBe(
        'upgrade the cluster to a Kubernetes version that satisfies >=1.28.0-0 before upgrading the chart, or upgrade only to 0.40.0, the newest release that supports Kubernetes 1.27',
      );
    });

    it('explains a vendor suffix refused by a range without "-0"', () => {
      const signal = evaluate({
        spec: {
          cluster: { kubernetesVersion: 'v1.29.3-eks-4d1a2', namespace: 'dg' },
        },
        releases: [
          release('0.42.0', '>=1.28.0'),
          release('0.39.0', '>=1.28.0'),
        ],
      });
      expect(checkOf(signal, 'kubernetes')).toMatchObject({
        outcome: 'fail',
        fix: 'Helm reads the vendor suffix of v1.29.3-eks-4d1a2 as a pre-release, which >=1.28.0 (no "-0") does not admit; the chart\'s kubeVersion would need "-0" (e.g. ">=1.28.0-0")',
      });
    });

    it('takes the Kubernetes version the cluster reported over the entity', () => {
      const signal = evaluate({
        spec: { cluster: { kubernetesVersion: '1.27', namespace: 'speech' } },
        observations: {
          reported: {
            kubernetesVersion: 'v1.30.5-gke.1014001',
            observedAt: now.toISOString(),
          },
        },
      });
      expect(checkOf(signal, 'kubernetes')).toMatchObject({
        outcome: 'pass',
        message:
          "Kubernetes v1.30.5-gke.1014001 (as last reported by the cluster) satisfies 0.42.0's kubeVersion >=1.28.0-0",
      });
    });

    it('passes a release without kubeVersion', () => {
      const signal = evaluate({
        releases: [release('0.42.0'), release('0.39.0')],
      });
      expect(checkOf(signal, 'kubernetes')).toMatchObject({
        outcome: 'pass',
        message:
          '0.42.0 declares no kubeVersion, so Helm installs it on any Kubernetes',
      });
    });

    it('is unknown, and so is the upgrade, when the cluster version cannot be read', () => {
      const signal = evaluate({
        spec: { cluster: { kubernetesVersion: 'latest', namespace: 'dg' } },
      });
      expect(signal.status).toBe('unknown');
      expect(checkOf(signal, 'kubernetes')).toMatchObject({
        outcome: 'unknown',
        message:
          'cannot read the cluster\'s Kubernetes version "latest" (as declared in spec.cluster.kubernetesVersion)',
      });
    });
  });

  describe('license', () => {
    it('passes when none is required', () => {
      const signal = evaluate({
        spec: {
          profile: 'connected',
          license: undefined,
          billing: { mode: 'license-server' },
        },
      });
      expect(checkOf(signal, 'license')).toMatchObject({
        outcome: 'pass',
        message: 'a connected deployment needs no license of its own',
      });
    });

    it('warns when the license ends inside the upgrade window', () => {
      const spec = { license: { id: 'LIC-1', expiresAt: dateFromNow(45) } };
      expect(checkOf(evaluate({ spec }), 'license').outcome).toBe('pass');
      const signal = evaluate({ spec, options: { upgradeWindowDays: 60 } });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'license')).toEqual({
        id: 'license',
        title: 'License',
        outcome: 'warn',
        message:
          'license LIC-1 ends within the 60-day upgrade window: last valid day 2026-10-04 (in 45 days)',
        fix: 'renew license LIC-1 before upgrading, so the upgraded deployment does not stop soon after',
      });
      expect(
        checkOf(
          evaluate({
            spec: { license: { id: 'LIC-1', expiresAt: dateFromNow(0) } },
          }),
          'license',
        ).message,
      ).toBe(
        'license LIC-1 ends within the 30-day upgrade window: last valid day 2026-08-20 (today)',
      );
    });

    it('fails when the license expired', () => {
      const signal = evaluate({
        spec: { license: { id: 'LIC-1', expiresAt: dateFromNow(-9) } },
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'license')).toMatchObject({
        outcome: 'fail',
        message:
          'license LIC-1 expired: its last valid day was 2026-08-11, 9 days ago',
        fix: 'renew license LIC-1, update the license Secrets and spec.license.expiresAt, then upgrade',
      });
    });

    it('fails when an air-gapped deployment has no license', () => {
      expect(
        checkOf(evaluate({ spec: { license: undefined } }), 'license'),
      ).toMatchObject({
        outcome: 'fail',
        message:
          'an air-gapped deployment cannot run without a license, and none is on record',
      });
    });
  });

  describe('journal', () => {
    it('does not apply without journal billing', () => {
      const signal = evaluate({
        spec: {
          profile: 'connected',
          license: undefined,
          billing: { mode: 'license-server' },
        },
      });
      expect(checkOf(signal, 'journal')).toMatchObject({
        outcome: 'pass',
        message:
          'does not apply: this deployment bills by license-server, not by journals',
      });
    });

    it('warns when a replica is due', () => {
      const signal = evaluate({
        observations: {
          journals: [
            {
              replica: 'deepgram-billing-0',
              receivedAt: daysFromNow(-2).toISOString(),
            },
            {
              replica: 'deepgram-billing-1',
              receivedAt: daysFromNow(-25).toISOString(),
            },
          ],
        },
      });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'journal')).toMatchObject({
        outcome: 'warn',
        message: 'deepgram-billing-1 is due by 2026-08-25T12:00:00.000Z',
        fix: 'return the journals of deepgram-billing-1 before upgrading; the billing pods restart during the upgrade, so return their journals first',
      });
    });

    it('fails when a replica is overdue or never returned a journal', () => {
      const signal = evaluate({
        observations: {
          journals: [
            {
              replica: 'deepgram-billing-0',
              receivedAt: daysFromNow(-40).toISOString(),
            },
          ],
        },
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'journal')).toMatchObject({
        outcome: 'fail',
        message:
          'deepgram-billing-0 is overdue (due 2026-08-10T12:00:00.000Z), deepgram-billing-1 has never returned a journal',
        fix: 'collect and return the journals of deepgram-billing-0, deepgram-billing-1 before upgrading; the billing pods restart during the upgrade, so return their journals first',
      });
    });
  });

  describe('gpu', () => {
    const gpuObservation = (
      change: Partial<NonNullable<DeploymentObservations['gpu']>>,
    ) => ({
      gpu: { ...baseObservations().gpu!, ...change },
    });

    it('warns when nothing is left for one more engine pod during a rolling update', () => {
      const signal = evaluate({
        observations: gpuObservation({ allocatable: 4 }),
      });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'gpu')).toMatchObject({
        outcome: 'warn',
        message:
          '0.42.0 needs 4 nvidia.com/gpu (4 engine pods × 1); 0 would be free, and a rolling upgrade needs 1 for one more engine pod (snapshot 6 hours old)',
        fix: 'add 1 nvidia.com/gpu, or scale the engine down by one pod for the upgrade',
      });
    });

    it('fails when the target needs more GPUs than are allocatable (0.35.0 agent TTS change)', () => {
      const signal = evaluate({
        spec: {
          chart: { name: 'deepgram-self-hosted', version: '0.34.0' },
          gpu: {
            resourceName: 'nvidia.com/mig-3g.40gb',
            perEngine: 1,
            engineReplicas: 6,
            components: [
              { name: 'agent-text-to-speech', replicas: 1, gpusPerPod: 1 },
            ],
          },
        },
        observations: gpuObservation({ allocatable: 7, requested: 7 }),
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'gpu')).toMatchObject({
        outcome: 'fail',
        message:
          '0.42.0 needs 8 nvidia.com/mig-3g.40gb (6 engine pods × 1 + agent-text-to-speech 1 × 2 (2 since 0.35.0, was 1)); only 7 are allocatable (snapshot 6 hours old)',
        fix: 'add 1 nvidia.com/mig-3g.40gb or reduce replicas before upgrading',
      });
    });

    it('fails when the extra GPUs the target needs are taken by other pods', () => {
      const signal = evaluate({
        spec: {
          chart: { name: 'deepgram-self-hosted', version: '0.34.0' },
          gpu: {
            resourceName: 'nvidia.com/gpu',
            perEngine: 1,
            engineReplicas: 6,
            components: [
              { name: 'agent-text-to-speech', replicas: 1, gpusPerPod: 1 },
            ],
          },
        },
        observations: gpuObservation({ allocatable: 9, requested: 9 }),
      });
      expect(checkOf(signal, 'gpu')).toMatchObject({
        outcome: 'fail',
        message:
          '0.42.0 needs 8 nvidia.com/gpu (6 engine pods × 1 + agent-text-to-speech 1 × 2 (2 since 0.35.0, was 1)), 1 more than now; only 0 are free (snapshot 6 hours old)',
      });
    });

    it('fails while GPU pods are pending', () => {
      expect(
        checkOf(
          evaluate({ observations: gpuObservation({ pendingGpuPods: 1 }) }),
          'gpu',
        ),
      ).toMatchObject({
        outcome: 'fail',
        message:
          '1 pod already pending for want of nvidia.com/gpu (snapshot 6 hours old)',
      });
    });

    it('checks the minimum driver when the policy and the observation both have one', () => {
      const policy = { ...POLICY, minimumDriver: { version: '560.28.03' } };
      expect(checkOf(evaluate({ policy }), 'gpu')).toMatchObject({
        outcome: 'fail',
        message:
          '0.42.0 needs 4 nvidia.com/gpu (4 engine pods × 1); 8 allocatable, 4 free after the upgrade (snapshot 6 hours old); the NVIDIA driver 550.54.15 is older than the minimum 560.28.03',
        fix: 'upgrade the NVIDIA driver on the GPU nodes to 560.28.03 or later',
      });
      expect(
        checkOf(
          evaluate({
            policy: { ...POLICY, minimumDriver: { version: '535.104.05' } },
          }),
          'gpu',
        ).outcome,
      ).toBe('pass');
      const unobserved = evaluate({
        policy,
        observations: gpuObservation({ driverVersion: undefined }),
      });
      expect(checkOf(unobserved, 'gpu')).toMatchObject({
        outcome: 'unknown',
        message: expect.stringContaining(
          'the driver version was not observed, so the minimum 560.28.03 could not be checked',
        ),
      });
      expect(unobserved.status).toBe('ready-with-warnings');
    });

    it.each([
      [
        { observations: { gpu: undefined } },
        'no GPU capacity has been observed for this deployment (no cluster snapshot or status report)',
      ],
      [
        {
          observations: gpuObservation({
            error: 'report unreadable',
            observedAt: daysFromNow(-12).toISOString(),
          }),
        },
        'the latest GPU observation failed (report unreadable); the last good snapshot is 12 days old',
      ],
      [
        { spec: { gpu: undefined } },
        'spec.gpu is not declared, so the GPUs this deployment needs are unknown',
      ],
    ])('is unknown without usable data (%#)', (change, message) => {
      const signal = evaluate(change);
      expect(checkOf(signal, 'gpu')).toMatchObject({
        outcome: 'unknown',
        message,
      });
      expect(signal.status).toBe('ready-with-warnings');
    });
  });

  describe('values', () => {
    const policy: ReleasePolicy = {
      ...POLICY,
      valuesChanges: [
        { since: '0.39.0', from: 'engine.old', to: 'engine.older' },
        { since: '0.40.0', from: 'engine.foo', to: 'engine.bar' },
        { since: '0.42.0', from: 'api.legacy' },
        { since: '0.43.0', from: 'api.future' },
      ],
    };

    it('fails on keys the target removed or renamed, with the replacement as fix', () => {
      const signal = evaluate({
        policy,
        observations: {
          valuesKeys: [
            'engine.old',
            'engine.foo',
            'engine.foo.sub',
            'engine.foobar',
            'api.legacy',
            'api.future',
          ],
        },
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'values')).toEqual({
        id: 'values',
        title: 'Values keys',
        outcome: 'fail',
        message:
          '0.42.0 no longer reads 3 values keys this deployment sets: engine.foo (renamed to engine.bar in 0.40.0), engine.foo.sub (engine.foo renamed to engine.bar in 0.40.0), api.legacy (removed in 0.42.0)',
        fix: 'in the values file, move engine.foo to engine.bar, move engine.foo.sub to engine.bar.sub, remove api.legacy',
      });
    });

    it('is unknown without a values file on record', () => {
      expect(
        checkOf(
          evaluate({ observations: { valuesKeys: undefined } }),
          'values',
        ),
      ).toMatchObject({
        outcome: 'unknown',
        message: 'no values file on record for this deployment',
      });
    });

    it('is unknown without a release policy, as is the path', () => {
      const signal = evaluate({ policy: null });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'values')).toMatchObject({
        outcome: 'unknown',
        message:
          'no release policy for deepgram-self-hosted, so removed and renamed values keys cannot be checked',
      });
      expect(checkOf(signal, 'path')).toMatchObject({
        outcome: 'unknown',
        message:
          'no release policy for deepgram-self-hosted, so required intermediate releases and known-bad releases cannot be checked',
      });
    });

    it('ignores a policy for another chart', () => {
      const signal = evaluate({ policy: { ...POLICY, chart: 'other-chart' } });
      expect(checkOf(signal, 'values').outcome).toBe('unknown');
    });
  });

  describe('path', () => {
    it('fails when the upgrade skips required intermediate releases', () => {
      const policy: ReleasePolicy = {
        ...POLICY,
        requiredIntermediates: [
          { from: '>=0.40.0 <0.41.0', via: '0.41.1' },
          {
            from: '<0.40.0',
            via: '0.40.1',
            note: 'migrates the journal layout',
          },
          { from: '<0.30.0', via: '0.30.0' },
        ],
      };
      const signal = evaluate({ policy });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'path')).toEqual({
        id: 'path',
        title: 'Upgrade path',
        outcome: 'fail',
        message:
          'an upgrade from 0.39.0 must pass through 0.40.1 (migrates the journal layout), then 0.41.1',
        fix: 'upgrade to 0.40.1, then 0.41.1 first, then to 0.42.0',
      });
      // going to the intermediate itself needs no intermediate
      expect(
        checkOf(evaluate({ policy, options: { target: '0.40.1' } }), 'path')
          .outcome,
      ).toBe('pass');
    });

    it('fails when the target is known-bad, with the fixed release as fix', () => {
      const signal = evaluate({ options: { target: '0.41.0' } });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'path')).toMatchObject({
        outcome: 'fail',
        message: expect.stringMatching(
          /^0\.41\.0 is a known-bad release: carries the same 0\.40\.2/,
        ),
        fix: 'go to 0.41.1 instead of 0.41.0',
      });
    });

    it('fails when a release the upgrade passes through is known-bad', () => {
      const policy: ReleasePolicy = {
        ...POLICY,
        requiredIntermediates: [{ from: '<0.40.0', via: '0.40.2' }],
      };
      expect(checkOf(evaluate({ policy }), 'path')).toMatchObject({
        outcome: 'fail',
        fix: 'upgrade to 0.40.2 first, then to 0.42.0; go to 0.41.1 instead of 0.40.2',
      });
    });

    it('warns when the installed release is known-bad', () => {
      const signal = evaluate({
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.40.2' } },
      });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'path')).toMatchObject({
        outcome: 'warn',
        message: expect.stringMatching(
          /^the installed release 0\.40\.2 is known-bad: breaks images/,
        ),
        fix: 'move to 0.41.1 or later',
      });
    });

    it('keeps the known-bad warning of an up-to-date deployment', () => {
      const policy: ReleasePolicy = {
        ...POLICY,
        knownBad: [{ version: '0.42.0' }],
      };
      const signal = evaluate({
        policy,
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.42.0' } },
      });
      expect(signal.status).toBe('up-to-date');
      expect(signal.checks.map(c => [c.id, c.outcome])).toEqual([
        ['target', 'pass'],
        ['path', 'warn'],
      ]);
      expect(checkOf(signal, 'path').fix).toBe(
        'watch for a release that fixes it',
      );
    });
  });
});
