import fs from 'fs';
import path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import type {
  CustomerDeploymentEntity,
  CustomerDeploymentSpec,
  DeploymentDatabase,
} from '../kinds';
import { compareChartVersions } from '../releases/chartVersion';
import type { ReleasePolicy } from '../releases/types';
import type { DeploymentObservations } from '../status/observations';
import {
  baseObservations,
  baseSpec,
  now,
  POLICY,
  RELEASES,
  VALUES_DOCUMENT,
  verifiedBundle,
} from '../status/upgrade/__testUtils__/upgradeFixture';
import { planUpgrade, type UpgradePlanOptions } from './planUpgrade';
import { dottedValuesKeys } from './valuesDocument';

// The example index and policy are the package's copies of examples/releases (the portal's
// tests keep them identical); the chart's own values.yaml is the reference CI keeps beside the
// clone (`../shared/reference`; FLEETDECK_REFERENCE_DIR points elsewhere, e.g. from a git
// worktree), so that migrated values are judged against the keys the chart really reads.
const repoRoot = path.resolve(__dirname, '../../../..');
const referenceDir =
  process.env.FLEETDECK_REFERENCE_DIR ??
  path.resolve(repoRoot, '../shared/reference');
const chartValues = parse(
  fs.readFileSync(
    path.join(referenceDir, 'deepgram-self-hosted.values.yaml'),
    'utf8',
  ),
);

/** Whether the chart reads a dotted key: it is in the chart's values, or under a map or list leaf. */
function isChartKey(key: string): boolean {
  let at: unknown = chartValues;
  for (const segment of key.split('.')) {
    if (Array.isArray(at)) {
      return true;
    }
    if (at === null || typeof at !== 'object') {
      return false;
    }
    const map = at as Record<string, unknown>;
    if (Object.keys(map).length === 0) {
      return true;
    }
    if (!(segment in map)) {
      return false;
    }
    at = map[segment];
  }
  return true;
}

const entityOf = (spec: Partial<CustomerDeploymentSpec> = {}) =>
  ({
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: 'CustomerDeployment',
    metadata: { name: 'northwind-health-prod', namespace: 'default' },
    spec: { ...baseSpec(), ...spec },
  } as CustomerDeploymentEntity);

const optionsOf = (change: {
  spec?: Partial<CustomerDeploymentSpec>;
  observations?: Partial<DeploymentObservations>;
  policy?: ReleasePolicy;
  target?: string;
}): UpgradePlanOptions => ({
  entity: entityOf(change.spec),
  observations: { ...baseObservations(), ...change.observations },
  releases: RELEASES,
  policy: change.policy ?? POLICY,
  now,
  ...(change.target ? { target: change.target } : {}),
});

const installed = (version: string) => ({
  chart: { name: 'deepgram-self-hosted', version },
});

/** The example policy as a later release might extend it: intermediates and a rename in range. */
const withIntermediates = (
  requiredIntermediates: ReleasePolicy['requiredIntermediates'],
): ReleasePolicy => ({ ...POLICY, requiredIntermediates });

const renamingPolicy: ReleasePolicy = {
  ...POLICY,
  valuesChanges: [
    ...POLICY.valuesChanges,
    {
      since: '0.40.0',
      from: 'engine.resources.requests',
      to: 'engine.resources.limits',
      note: 'test rule: requests read as limits from 0.40.0',
    },
  ],
};

describe('planUpgrade', () => {
  it.each<{
    case: string;
    spec?: Partial<CustomerDeploymentSpec>;
    policy?: ReleasePolicy;
    target?: string;
    stops: Array<[string, string]>;
    skipped: Record<string, RegExp>;
  }>([
    {
      case: 'straight to the latest, over the known-bad releases',
      stops: [['0.42.0', 'target']],
      skipped: {
        '0.40.0':
          /^not a required stop: the upgrade to 0\.42\.0 takes in its changes$/,
        '0.40.1': /^not a required stop/,
        '0.40.2': /^known-bad: breaks images older than release-260611/,
        '0.41.0': /^known-bad: carries the same 0\.40\.2/,
        '0.41.1': /^not a required stop/,
      },
    },
    {
      case: 'a required intermediate that is known-bad goes to its fix',
      policy: withIntermediates([{ from: '<0.40.0', via: '0.40.2' }]),
      stops: [
        ['0.41.1', 'required-intermediate'],
        ['0.42.0', 'target'],
      ],
      skipped: {
        '0.40.0': /^not a required stop: the upgrade to 0\.41\.1/,
        '0.40.2':
          /^a required intermediate release, but known-bad: .*; the plan stops at 0\.41\.1, which fixes it, instead$/,
        '0.41.0': /^known-bad/,
      },
    },
    {
      case: 'required intermediates honoured in order',
      spec: installed('0.33.0'),
      policy: withIntermediates([
        { from: '<0.40.0', via: '0.40.0' },
        { from: '<0.35.0', via: '0.35.0' },
      ]),
      stops: [
        ['0.35.0', 'required-intermediate'],
        ['0.40.0', 'required-intermediate'],
        ['0.42.0', 'target'],
      ],
      skipped: {
        '0.34.0': /^not a required stop: the upgrade to 0\.35\.0/,
        '0.39.0': /^not a required stop: the upgrade to 0\.40\.0/,
      },
    },
    {
      case: 'a requested target before the known-bad releases',
      target: '0.40.1',
      stops: [['0.40.1', 'target']],
      skipped: { '0.40.0': /^not a required stop/ },
    },
    {
      case: 'up to date: no steps',
      spec: installed('0.42.0'),
      stops: [],
      skipped: {},
    },
  ])('$case', ({ spec, policy, target, stops, skipped }) => {
    const plan = planUpgrade(optionsOf({ spec, policy, target }));
    expect(plan.steps.map(step => [step.to, step.reason])).toEqual(stops);
    expect(plan.steps.map(step => step.from)).toEqual(
      [plan.from, ...stops.slice(0, -1).map(([to]) => to)].slice(
        0,
        stops.length,
      ),
    );
    for (const [version, reason] of Object.entries(skipped)) {
      expect(plan.skipped.find(s => s.version === version)?.reason).toMatch(
        reason,
      );
    }
    // every release between the two is a stop or passed over, and nothing else is
    const between = RELEASES.map(r => r.version).filter(
      v =>
        compareChartVersions(v, plan.from) > 0 &&
        compareChartVersions(v, plan.target) < 0,
    );
    expect(
      [
        ...plan.steps.slice(0, -1).map(step => step.to),
        ...plan.skipped.map(s => s.version),
      ].sort(compareChartVersions),
    ).toEqual([...between].sort(compareChartVersions));
  });

  it('refuses a target older than the installed release, saying why', () => {
    expect(() => planUpgrade(optionsOf({ target: '0.38.0' }))).toThrow(
      /^cannot plan an upgrade of customerdeployment:default\/northwind-health-prod to 0\.38\.0: /,
    );
  });

  it('refuses a required intermediate release the index does not list', () => {
    expect(() =>
      planUpgrade(
        optionsOf({
          policy: withIntermediates([{ from: '<0.40.0', via: '0.39.5' }]),
        }),
      ),
    ).toThrow(
      'the release policy requires passing through 0.39.5, which the chart index does not list',
    );
  });

  it('refuses values on record that hold a secret, without echoing it', () => {
    const secret = 'dg_live_0123456789abcdef0123456789abcdef01234567';
    const values = {
      ...baseObservations().values!,
      document: `global:\n  licenseKey: ${secret}\n`,
    };
    expect(() => planUpgrade(optionsOf({ observations: { values } }))).toThrow(
      /^cannot plan an upgrade of customerdeployment:default\/northwind-health-prod: the values document holds secret-like values at global\.licenseKey/,
    );
    expect(() =>
      planUpgrade(optionsOf({ observations: { values } })),
    ).not.toThrow(secret);
  });

  it('keeps the values document as it is without a release policy', () => {
    const plan = planUpgrade({ ...optionsOf({}), policy: undefined });
    expect(plan.steps.map(step => step.to)).toEqual(['0.42.0']);
    expect(plan.steps[0].values).toBe(VALUES_DOCUMENT);
    expect(plan.steps[0].valuesChanges).toEqual([]);
  });

  it('refuses a target that is not a release', () => {
    expect(() => planUpgrade(optionsOf({ target: '0.99.0' }))).toThrow(
      /cannot plan an upgrade .* to 0\.99\.0/,
    );
  });

  it('applies renamed keys to the values, step by step, and the checks judge the migrated values', () => {
    const plan = planUpgrade(
      optionsOf({
        policy: {
          ...renamingPolicy,
          requiredIntermediates: [{ from: '<0.40.0', via: '0.40.1' }],
        },
      }),
    );
    expect(plan.valuesSource).toBe('onboarding');
    const [first, second] = plan.steps;
    expect(first.to).toBe('0.40.1');
    expect(first.valuesChanges).toEqual([
      {
        key: 'engine.resources.requests',
        movedTo: 'engine.resources.limits',
        kind: 'renamed',
        since: '0.40.0',
        note: 'test rule: requests read as limits from 0.40.0',
      },
    ]);
    expect(parse(first.values!).engine).toEqual({
      resources: { limits: { gpu: 1 } },
    });
    expect(first.checks.find(c => c.id === 'values')?.outcome).toBe('pass');
    expect(second.valuesChanges).toEqual([]);
    expect(second.values).toBe(first.values);
    // the second step starts from the first step's release
    expect(second.checks.find(c => c.id === 'target')?.message).toContain(
      'upgrade from 0.40.1 (last reported by the cluster',
    );
  });

  it('without a values document, lists the renames for the SE from the keys on record', () => {
    const plan = planUpgrade(
      optionsOf({
        policy: renamingPolicy,
        observations: { values: undefined },
      }),
    );
    expect(plan.valuesSource).toBeUndefined();
    expect(plan.steps[0].values).toBeUndefined();
    expect(plan.steps[0].valuesChanges).toEqual([
      expect.objectContaining({
        key: 'engine.resources.requests.gpu',
        movedTo: 'engine.resources.limits.gpu',
        kind: 'renamed',
        action:
          'in your values file, move engine.resources.requests.gpu to engine.resources.limits.gpu',
      }),
    ]);
    expect(plan.steps[0].commands.upgrade).toContain('-f values.yaml');
  });

  it('migrated values parse and set only keys of the target chart', () => {
    const plan = planUpgrade(
      optionsOf({
        spec: installed('0.33.0'),
        observations: {
          values: {
            ...baseObservations().values!,
            document: `${VALUES_DOCUMENT}`,
          },
        },
        policy: withIntermediates([{ from: '<0.35.0', via: '0.35.0' }]),
      }),
    );
    expect(plan.steps.length).toBe(2);
    for (const step of plan.steps) {
      const keys = dottedValuesKeys(parse(step.values!));
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter(key => !isChartKey(key))).toEqual([]);
    }
  });

  it.each([
    ['engine.modelManager.models.add', true],
    ['api.serviceAccount.annotations.eks.amazonaws.com/role-arn', true],
    ['fluxTts.maxBatchSize', true],
    ['engine.flux.maxStreams', false],
    ['scaling.static.engine.replicas', false],
  ])('judges %s a key of the chart: %s', (key, known) => {
    expect(isChartKey(key)).toBe(known);
  });

  describe('commands', () => {
    const transcripts: DeploymentDatabase = {
      name: 'transcripts-db',
      engine: 'postgresql',
      host: 'pg.hospital.internal',
      database: 'transcripts',
      credentialsSecretRef: 'transcripts-db-credentials',
    };

    it('air-gapped: verifies the bundle, installs from its chart archive, backs up and restores a migrated database', () => {
      const plan = planUpgrade(
        optionsOf({
          spec: { databases: [transcripts] },
          observations: {
            backups: [
              {
                component: 'transcripts-db',
                database: 'transcripts',
                takenAt: new Date(now.getTime() - 3_600_000).toISOString(),
                bytes: 1,
                sha256: 'ab'.repeat(32),
                retentionDays: 30,
                receivedAt: now.toISOString(),
              },
            ],
          },
        }),
      );
      const [step] = plan.steps;
      expect(step.migratesDatabase).toBe(true);
      expect(step.checks.find(c => c.id === 'backup')?.outcome).toBe('pass');
      expect(step.commands).toEqual({
        preflight: [
          'sh collect-status.sh > status-before-0.42.0.json',
          "# in the update bundle's folder for 0.42.0: every file against SHA256SUMS, nothing downloaded",
          'sh verify-bundle.sh',
          '# the upgrade to 0.42.0 migrates the database (0.41.1): back up transcripts-db first',
          'kubectl create job --from=cronjob/db-backup-transcripts-db db-backup-transcripts-db-pre-0-42-0 --namespace dg-self-hosted',
          'kubectl wait --for=condition=complete job/db-backup-transcripts-db-pre-0-42-0 --namespace dg-self-hosted --timeout 60m',
        ],
        upgrade:
          'helm upgrade deepgram charts/deepgram-self-hosted-0.42.0.tgz --version 0.42.0 --namespace dg-self-hosted -f values/0.42.0.yaml --wait --timeout 30m',
        verify: [
          'kubectl get deployments --namespace dg-self-hosted -o name | xargs -n1 kubectl rollout status --namespace dg-self-hosted --timeout 30m',
          'kubectl rollout status statefulset/deepgram-billing --namespace dg-self-hosted --timeout 30m',
          'helm status deepgram --namespace dg-self-hosted',
          'sh collect-status.sh > status-after-0.42.0.json',
        ],
        rollback: [
          '# the upgrade to 0.42.0 migrates the database (0.41.1): stop the writers, restore the pre-upgrade dump, then roll back',
          'kubectl scale deployment --all --replicas=0 --namespace dg-self-hosted',
          '# transcripts-db: DUMP is the dump job db-backup-transcripts-db-pre-0-42-0 wrote (its manifest names it); PGUSER and PGPASSWORD from Secret transcripts-db-credentials',
          'pg_restore --clean --if-exists --no-owner --host pg.hospital.internal --port 5432 --dbname transcripts "$DUMP"',
          'helm rollback deepgram --namespace dg-self-hosted --wait --timeout 30m',
          'sh collect-status.sh > status-rollback-0.42.0.json',
        ],
      });
    });

    it('connected: from the chart repository, no bundle, no restore when nothing migrates', () => {
      const plan = planUpgrade(
        optionsOf({
          spec: {
            ...installed('0.41.1'),
            profile: 'connected',
            billing: { mode: 'license-server' },
            databases: [transcripts],
          },
        }),
      );
      const [step] = plan.steps;
      expect(step.migratesDatabase).toBe(false);
      expect(step.commands.preflight).toEqual([
        'sh collect-status.sh > status-before-0.42.0.json',
        'helm repo add deepgram https://deepgram.github.io/self-hosted-resources --force-update',
        'helm repo update deepgram',
      ]);
      expect(step.commands.upgrade).toBe(
        'helm upgrade deepgram deepgram/deepgram-self-hosted --version 0.42.0 --namespace dg-self-hosted -f values/0.42.0.yaml --wait --timeout 30m',
      );
      expect(step.commands.rollback).toEqual([
        'helm rollback deepgram --namespace dg-self-hosted --wait --timeout 30m',
        'sh collect-status.sh > status-rollback-0.42.0.json',
      ]);
    });
  });

  it('carries the per-pod GPU changes of the components the deployment runs', () => {
    const plan = planUpgrade(
      optionsOf({
        spec: {
          ...installed('0.34.0'),
          gpu: {
            resourceName: 'nvidia.com/gpu',
            perEngine: 1,
            engineReplicas: 2,
            components: [
              { name: 'agent-text-to-speech', replicas: 1, gpusPerPod: 1 },
            ],
          },
        },
      }),
    );
    expect(plan.steps[0].gpuChanges).toEqual([
      {
        component: 'agent-text-to-speech',
        since: '0.35.0',
        gpusPerPod: 2,
        note: expect.stringContaining('CHANGELOG 0.35.0'),
      },
    ]);
    expect(
      planUpgrade(optionsOf({ spec: installed('0.34.0') })).steps[0].gpuChanges,
    ).toEqual([]);
  });

  it('takes every example deployment to the latest release', () => {
    const examples = path.resolve(
      __dirname,
      '../__fixtures__/fleet/deployments.yaml',
    );
    const entities = parseAllDocuments(fs.readFileSync(examples, 'utf8')).map(
      doc => doc.toJS() as CustomerDeploymentEntity,
    );
    expect(entities.length).toBeGreaterThan(0);
    for (const entity of entities) {
      const plan = planUpgrade({
        entity,
        observations: {
          bundles: [verifiedBundle('0.42.0')],
        },
        releases: RELEASES,
        policy: POLICY,
        now,
      });
      expect(plan.target).toBe('0.42.0');
      // the last step reaches the latest release; one already there has no steps
      expect(plan.steps.at(-1)?.to ?? plan.from).toBe('0.42.0');
    }
  });
});
