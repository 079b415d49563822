import { stringify } from 'yaml';
import type { OnboardingAnswers } from '../answers/schema';
import {
  ARCHIVES_MOUNT,
  archiveScript,
  JOURNALS_MOUNT,
  uploadScript,
} from './backupScript';
import { ARCHIVE_IMAGE, AWS_CLI_IMAGE, imageIn } from './images';
import {
  BILLING_NAME_PREFIX,
  journalLayoutOf,
  type BillingReplica,
} from './journalLayout';

/**
 * A Kubernetes object as it is written to the rendered YAML.
 *
 * @public
 */
export type K8sObject = Record<string, unknown>;

const RESOURCES = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};
const SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
};
const SERVICE_ACCOUNT = 'journal-backup';

/** The image that archives: the answer, else busybox from the private registry (or Docker Hub). */
export function archiveImageOf(a: OnboardingAnswers): string {
  if (a.backup.image) {
    return a.backup.image;
  }
  return a.registry.host
    ? imageIn(a.registry.host, ARCHIVE_IMAGE)
    : `docker.io/library/${ARCHIVE_IMAGE}`;
}

function labels(a: OnboardingAnswers, extra: Record<string, string> = {}) {
  return {
    'app.kubernetes.io/name': 'journal-backup',
    'app.kubernetes.io/part-of': a.deployment.name,
    'app.kubernetes.io/managed-by': 'fleetdeck',
    ...extra,
  };
}

/** Where the archives go: the NFS export or the claim, or a scratch folder uploaded to S3. */
function archivesVolume(a: OnboardingAnswers): K8sObject {
  const { target, nfs, pvc } = a.backup;
  if (target === 'nfs' && nfs) {
    return { name: 'archives', nfs: { server: nfs.server, path: nfs.path } };
  }
  if (target === 'pvc' && pvc) {
    return {
      name: 'archives',
      persistentVolumeClaim: { claimName: pvc.claimName },
    };
  }
  return { name: 'archives', emptyDir: { sizeLimit: '2Gi' } };
}

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

function s3Env(a: OnboardingAnswers) {
  const env: K8sObject[] = [{ name: 'AWS_REGION', value: a.backup.s3?.region }];
  const secretName = a.backup.s3?.credentialsSecretName;
  if (a.backup.target === 's3-secret' && secretName) {
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
      env.push({
        name: key,
        valueFrom: { secretKeyRef: { name: secretName, key } },
      });
    }
  }
  return env;
}

function podSpec(
  a: OnboardingAnswers,
  claimName: string,
  replicas: BillingReplica[],
  pinnedTo?: BillingReplica,
): K8sObject {
  const toS3 = a.backup.target === 's3-irsa' || a.backup.target === 's3-secret';
  const archive = {
    name: 'archive',
    image: archiveImageOf(a),
    command: ['/bin/sh', '-c', archiveScript(a.deployment.name, replicas)],
    volumeMounts: [
      { name: 'journals', mountPath: JOURNALS_MOUNT, readOnly: true },
      { name: 'archives', mountPath: ARCHIVES_MOUNT },
    ],
    resources: RESOURCES,
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
        resources: RESOURCES,
        securityContext: SECURITY_CONTEXT,
      }
    : undefined;
  return {
    restartPolicy: 'OnFailure',
    ...(a.backup.target === 's3-irsa'
      ? { serviceAccountName: SERVICE_ACCOUNT }
      : {}),
    ...(a.registry.host
      ? { imagePullSecrets: [{ name: a.registry.pullSecretName }] }
      : {}),
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
 * The Kubernetes objects that back up the journals: one CronJob per replica for per-pod RWO
 * claims (each pinned to its pod's node), one CronJob for a shared volume; a ServiceAccount
 * carrying the IAM role for S3 with IRSA. Empty when billing journals are off.
 *
 * @public
 */
export function buildBackupObjects(a: OnboardingAnswers): K8sObject[] {
  if (!a.billing.journals) {
    return [];
  }
  const layout = journalLayoutOf(a);
  const objects: K8sObject[] = [];
  if (a.backup.target === 's3-irsa' && a.backup.s3?.roleArn) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: SERVICE_ACCOUNT,
        namespace: a.deployment.namespace,
        labels: labels(a),
        annotations: { 'eks.amazonaws.com/role-arn': a.backup.s3.roleArn },
      },
    });
  }
  if (layout.kind === 'per-pod') {
    for (const replica of layout.replicas) {
      objects.push(
        cronJob(
          a,
          `journal-backup-${replica.pod}`,
          replica.claimName,
          [replica],
          replica,
        ),
      );
    }
  } else {
    objects.push(
      cronJob(
        a,
        'journal-backup',
        layout.replicas[0].claimName,
        layout.replicas,
      ),
    );
  }
  return objects;
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
    `# Billing journal backups for ${answers.deployment.name}: ${answers.backup.schedule} (UTC).`,
    '# Journals are mounted read-only and never deleted. Apply with:',
    `#   kubectl apply -n ${answers.deployment.namespace} -f backup-cronjobs.yaml`,
  ].join('\n');
  if (objects.length === 0) {
    return `${header}\n# Billing journals are off for this deployment: nothing to back up.\n`;
  }
  return `${header}\n${objects
    .map(o => `---\n${stringify(o, { lineWidth: 0 })}`)
    .join('')}`;
}
