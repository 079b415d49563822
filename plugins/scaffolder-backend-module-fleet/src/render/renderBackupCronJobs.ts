import { stringify } from 'yaml';
import type { OnboardingAnswers } from '../answers/schema';
import {
  ARCHIVES_MOUNT,
  archiveScript,
  JOURNALS_MOUNT,
  uploadScript,
} from './backupScript';
import {
  backupLabels,
  backupPodBase,
  backupServiceAccount,
  backupTargetVolume,
  isS3Target,
  s3Env,
  SECURITY_CONTEXT,
  SMALL_STEP_RESOURCES,
  type K8sObject,
} from './backupJobParts';
import { databaseBackupCronJobs } from './databaseBackupCronJob';
import { DATABASE_RETENTION_DAYS } from './databaseBackupScript';
import { ARCHIVE_IMAGE, AWS_CLI_IMAGE, imageIn } from './images';
import {
  BILLING_NAME_PREFIX,
  journalLayoutOf,
  type BillingReplica,
} from './journalLayout';

export type { K8sObject } from './backupJobParts';

/** The image that archives: the answer, else busybox from the private registry (or Docker Hub). */
export function archiveImageOf(a: OnboardingAnswers): string {
  if (a.backup.image) {
    return a.backup.image;
  }
  return a.registry.host
    ? imageIn(a.registry.host, ARCHIVE_IMAGE)
    : `docker.io/library/${ARCHIVE_IMAGE}`;
}

const labels = (a: OnboardingAnswers, extra: Record<string, string> = {}) =>
  backupLabels(a, 'journal-backup', extra);

/** Where the archives go: the NFS export or the claim, or a scratch folder uploaded to S3. */
const archivesVolume = (a: OnboardingAnswers) =>
  backupTargetVolume(a, 'archives', { sizeLimit: '2Gi' });

/**
 * Pins a job to the node of the pod that holds the claim: a ReadWriteOnce volume can only be
 * mounted on that node. Per-pod claims follow their own pod; an existing claim, which may be
 * RWO, follows any billing pod (they all mount it, so they share a node when it is RWO).
 */
function affinityFor(a: OnboardingAnswers, replica?: BillingReplica) {
  let labelSelector;
  if (replica) {
    labelSelector = {
      matchLabels: { 'statefulset.kubernetes.io/pod-name': replica.pod },
    };
  } else if (a.billing.journalStorage === 'existing-pvc') {
    labelSelector = { matchLabels: { app: BILLING_NAME_PREFIX } };
  } else {
    return {};
  }
  return {
    affinity: {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    },
  };
}

function podSpec(
  a: OnboardingAnswers,
  claimName: string,
  replicas: BillingReplica[],
  pinnedTo?: BillingReplica,
): K8sObject {
  const toS3 = isS3Target(a);
  const archive = {
    name: 'archive',
    image: archiveImageOf(a),
    command: ['/bin/sh', '-c', archiveScript(a.deployment.name, replicas)],
    volumeMounts: [
      { name: 'journals', mountPath: JOURNALS_MOUNT, readOnly: true },
      { name: 'archives', mountPath: ARCHIVES_MOUNT },
    ],
    resources: SMALL_STEP_RESOURCES,
    securityContext: SECURITY_CONTEXT,
  };
  const upload = toS3
    ? {
        name: 'upload',
        image: AWS_CLI_IMAGE,
        command: [
          '/bin/sh',
          '-c',
          uploadScript(a.backup.s3?.bucket ?? '', a.backup.s3?.prefix ?? ''),
        ],
        env: s3Env(a),
        volumeMounts: [
          { name: 'archives', mountPath: ARCHIVES_MOUNT, readOnly: true },
          // The AWS CLI writes its cache under $HOME.
          { name: 'home', mountPath: '/root' },
        ],
        resources: SMALL_STEP_RESOURCES,
        securityContext: SECURITY_CONTEXT,
      }
    : undefined;
  return {
    ...backupPodBase(a),
    ...affinityFor(a, pinnedTo),
    // With S3 the archive step runs first (init container) and the upload after it.
    ...(upload
      ? { initContainers: [archive], containers: [upload] }
      : { containers: [archive] }),
    volumes: [
      {
        name: 'journals',
        persistentVolumeClaim: { claimName, readOnly: true },
      },
      archivesVolume(a),
      ...(upload ? [{ name: 'home', emptyDir: {} }] : []),
    ],
  };
}

function cronJob(
  a: OnboardingAnswers,
  name: string,
  claimName: string,
  replicas: BillingReplica[],
  pinnedTo?: BillingReplica,
): K8sObject {
  const extraLabels: Record<string, string> = pinnedTo
    ? { 'fleetdeck.io/billing-pod': pinnedTo.pod }
    : {};
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name,
      namespace: a.deployment.namespace,
      labels: labels(a, extraLabels),
    },
    spec: {
      schedule: a.backup.schedule,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 5,
      jobTemplate: {
        metadata: { labels: labels(a, extraLabels) },
        spec: {
          backoffLimit: 3,
          activeDeadlineSeconds: 1800,
          template: {
            metadata: { labels: labels(a, extraLabels) },
            spec: podSpec(a, claimName, replicas, pinnedTo),
          },
        },
      },
    },
  };
}

/**
 * The CronJobs that back up the journals: one per replica for per-pod RWO claims (each pinned
 * to its pod's node), one for a shared volume. Empty when billing journals are off.
 */
function journalBackupCronJobs(a: OnboardingAnswers): K8sObject[] {
  if (!a.billing.journals) {
    return [];
  }
  const layout = journalLayoutOf(a);
  if (layout.kind === 'per-pod') {
    return layout.replicas.map(replica =>
      cronJob(
        a,
        `journal-backup-${replica.pod}`,
        replica.claimName,
        [replica],
        replica,
      ),
    );
  }
  return [
    cronJob(a, 'journal-backup', layout.replicas[0].claimName, layout.replicas),
  ];
}

/**
 * The Kubernetes objects that back up this deployment: the journal CronJobs (one per replica
 * for per-pod RWO claims, each pinned to its pod's node; one for a shared volume), a
 * `db-backup-<name>` CronJob per declared database, and a ServiceAccount carrying the IAM role
 * for S3 with IRSA. Empty when there are neither journals nor databases.
 *
 * @public
 */
export function buildBackupObjects(a: OnboardingAnswers): K8sObject[] {
  const jobs = [...journalBackupCronJobs(a), ...databaseBackupCronJobs(a)];
  return jobs.length > 0 ? [...backupServiceAccount(a), ...jobs] : [];
}

/**
 * Renders `backup-cronjobs.yaml`: the objects of {@link buildBackupObjects} as YAML
 * documents, ready for `kubectl apply -f`.
 *
 * @public
 */
export function renderBackupCronJobs(answers: OnboardingAnswers): string {
  const objects = buildBackupObjects(answers);
  const header = [
    ...(answers.billing.journals
      ? [
          `# Billing journal backups for ${answers.deployment.name}: ${answers.backup.schedule} (UTC).`,
          '# Journals are mounted read-only and never deleted.',
        ]
      : []),
    ...answers.databases.map(
      db =>
        `# Database ${db.name}: pg_dump -Fc daily at 02:00 UTC, kept ${DATABASE_RETENTION_DAYS} days.`,
    ),
    '# Apply with:',
    `#   kubectl apply -n ${answers.deployment.namespace} -f backup-cronjobs.yaml`,
  ].join('\n');
  if (objects.length === 0) {
    return `${header}\n# Neither billing journals nor databases: nothing to back up.\n`;
  }
  return `${header}\n${objects
    .map(o => `---\n${stringify(o, { lineWidth: 0 })}`)
    .join('')}`;
}
