import type {
  BackupObservation,
  BundleObservation,
  DeploymentValuesObservation,
  UpgradePlan,
  UpgradeStep,
} from '@fleetdeck/plugin-fleet-common';
import { isoDaysAgo } from './statuses';

const RELEASE_NAME = 'deepgram';
const NAMESPACE = 'dg-self-hosted';

/** The commands the backend renders for a step to `to` (with a restore when it migrates). */
function commandsTo(
  from: string,
  to: string,
  migratesDatabase: boolean,
): UpgradeStep['commands'] {
  return {
    preflight: [
      './collect-status.sh > status-before.json',
      ...(migratesDatabase
        ? [
            'kubectl -n dg-self-hosted create job --from=cronjob/transcripts-db-backup pre-upgrade-backup',
          ]
        : []),
    ],
    upgrade: `helm upgrade ${RELEASE_NAME} deepgram/deepgram-self-hosted --version ${to} -n ${NAMESPACE} -f values/${to}.yaml`,
    verify: [
      `kubectl -n ${NAMESPACE} rollout status deployment/deepgram-api`,
      './collect-status.sh > status-after.json',
    ],
    rollback: [
      ...(migratesDatabase
        ? [
            `pg_restore --clean --if-exists -d transcripts transcripts-db-${from}.dump`,
          ]
        : []),
      `helm rollback ${RELEASE_NAME} -n ${NAMESPACE}`,
    ],
  };
}

/**
 * acme-prod's plan from 0.40.2 to 0.42.0: through 0.41.1 (required, it fixes 0.40.2's image
 * regression), skipping the known-bad 0.41.0; 0.41.1 renames a key, 0.42.0 needs a new one,
 * raises the TTS pod's GPUs and migrates the database.
 */
export function upgradePlan(overrides: Partial<UpgradePlan> = {}): UpgradePlan {
  return {
    deployment: 'customerdeployment:default/acme-prod',
    chart: 'deepgram-self-hosted',
    from: '0.40.2',
    target: '0.42.0',
    generatedAt: '2026-12-04T10:00:00.000Z',
    valuesSource: 'onboarding',
    skipped: [
      {
        version: '0.41.0',
        reason: 'Known bad: its API pods crash on start (fixed in 0.41.1).',
      },
    ],
    steps: [
      {
        from: '0.40.2',
        to: '0.41.1',
        release: { version: '0.41.1', created: '2026-08-20T00:00:00Z' },
        reason: 'required-intermediate',
        valuesChanges: [
          {
            key: 'scaling.static.engine.replicas',
            movedTo: 'scaling.replicas.engine',
            kind: 'renamed',
            since: '0.41.1',
            note: 'Moved under scaling.replicas (CHANGELOG 0.41.1).',
          },
        ],
        gpuChanges: [],
        checks: [
          {
            id: 'path',
            title: 'Upgrade path',
            outcome: 'pass',
            message: '0.41.1 fixes the image regression of 0.40.2.',
          },
        ],
        values:
          'global:\n  deepgramLicenseSecretRef: dg-license-key\nscaling:\n  replicas:\n    engine: 2\n',
        migratesDatabase: false,
        commands: commandsTo('0.40.2', '0.41.1', false),
      },
      {
        from: '0.41.1',
        to: '0.42.0',
        release: { version: '0.42.0', created: '2026-10-01T00:00:00Z' },
        reason: 'target',
        valuesChanges: [
          {
            key: 'fluxTts.maxBatchSize',
            kind: 'required',
            since: '0.42.0',
            note: 'Required from 0.42.0 (CHANGELOG 0.42.0).',
            action:
              'Set fluxTts.maxBatchSize to the batch size the customer sized for.',
          },
        ],
        gpuChanges: [
          {
            component: 'agent-text-to-speech',
            since: '0.42.0',
            gpusPerPod: 2,
            note: 'Each agent pod asks for 2 GPUs.',
          },
        ],
        checks: [
          {
            id: 'gpu',
            title: 'GPUs',
            outcome: 'fail',
            message:
              'agent-text-to-speech asks for 2 GPUs per pod; 1 is free on any node.',
            fix: 'Add a GPU node before upgrading.',
          },
        ],
        values:
          'global:\n  deepgramLicenseSecretRef: dg-license-key\nscaling:\n  replicas:\n    engine: 2\nfluxTts:\n  maxBatchSize: 8\n',
        migratesDatabase: true,
        commands: commandsTo('0.41.1', '0.42.0', true),
      },
    ],
    ...overrides,
  };
}

/** A deployment already on the target: no steps, nothing skipped. */
export const upToDatePlan: UpgradePlan = upgradePlan({
  from: '0.42.0',
  target: '0.42.0',
  steps: [],
  skipped: [],
});

/** The values acme-prod's onboarding generated. */
export function valuesObservation(
  overrides: Partial<DeploymentValuesObservation> = {},
): DeploymentValuesObservation {
  return {
    document:
      'global:\n  deepgramLicenseSecretRef: dg-license-key\nscaling:\n  static:\n    engine:\n      replicas: 2\n',
    source: 'onboarding',
    recordedAt: '2026-11-26T10:00:00.000Z',
    sha256: 'c'.repeat(64),
    ...overrides,
  };
}

/** A bundle to 0.42.0 handed out two days ago, not verified yet. */
export function bundleObservation(
  overrides: Partial<BundleObservation> = {},
): BundleObservation {
  return {
    id: 'd'.repeat(64),
    from: '0.40.2',
    target: '0.42.0',
    deliveredAt: isoDaysAgo(2),
    deliveredBy: 'user:default/jane.se',
    ...overrides,
  };
}

/** The latest backup of `transcripts-db`, taken `hoursAgo` hours ago. */
export function backupObservation(
  hoursAgo: number,
  overrides: Partial<BackupObservation> = {},
): BackupObservation {
  const takenAt = isoDaysAgo(hoursAgo / 24);
  return {
    component: 'transcripts-db',
    database: 'transcripts',
    takenAt,
    bytes: 512 * 1024 * 1024,
    sha256: 'e'.repeat(64),
    retentionDays: 30,
    receivedAt: takenAt,
    ...overrides,
  };
}
