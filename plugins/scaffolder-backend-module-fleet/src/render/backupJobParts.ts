import type { OnboardingAnswers } from '../answers/schema';

/**
 * A Kubernetes object as it is written to the rendered YAML.
 *
 * @public
 */
export type K8sObject = Record<string, unknown>;

/** Requests and limits of the small steps: archive a journal, upload to S3. */
export const SMALL_STEP_RESOURCES = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

export const SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
};

/**
 * The ServiceAccount carrying the IAM role for S3 with IRSA. Journal and database backups share
 * it (one role, one bucket); the name is the one deployments already have.
 */
export const BACKUP_SERVICE_ACCOUNT = 'journal-backup';

/** The labels every backup object carries: which job, which deployment, who manages it. */
export function backupLabels(
  a: OnboardingAnswers,
  name: 'journal-backup' | 'database-backup',
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': a.deployment.name,
    'app.kubernetes.io/managed-by': 'fleetdeck',
    ...extra,
  };
}

export const isS3Target = (a: OnboardingAnswers) =>
  a.backup.target === 's3-irsa' || a.backup.target === 's3-secret';

/** The AWS region, and with a credentials Secret its keys — by `secretKeyRef` only. */
export function s3Env(a: OnboardingAnswers): K8sObject[] {
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

/**
 * The backup target as a volume: the NFS export or the claim, or — for S3 — a scratch folder
 * the upload step reads.
 */
export function backupTargetVolume(
  a: OnboardingAnswers,
  name: string,
  scratch: K8sObject,
): K8sObject {
  const { target, nfs, pvc } = a.backup;
  if (target === 'nfs' && nfs) {
    return { name, nfs: { server: nfs.server, path: nfs.path } };
  }
  if (target === 'pvc' && pvc) {
    return { name, persistentVolumeClaim: { claimName: pvc.claimName } };
  }
  return { name, emptyDir: scratch };
}

/** The pod settings every backup job shares: restarts, pull secret, IRSA service account. */
export function backupPodBase(a: OnboardingAnswers): K8sObject {
  return {
    restartPolicy: 'OnFailure',
    ...(a.backup.target === 's3-irsa'
      ? { serviceAccountName: BACKUP_SERVICE_ACCOUNT }
      : {}),
    ...(a.registry.host
      ? { imagePullSecrets: [{ name: a.registry.pullSecretName }] }
      : {}),
  };
}

/** The ServiceAccount for S3 with IRSA, when the answers ask for it. */
export function backupServiceAccount(a: OnboardingAnswers): K8sObject[] {
  if (a.backup.target !== 's3-irsa' || !a.backup.s3?.roleArn) {
    return [];
  }
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: BACKUP_SERVICE_ACCOUNT,
        namespace: a.deployment.namespace,
        labels: backupLabels(a, 'journal-backup'),
        annotations: { 'eks.amazonaws.com/role-arn': a.backup.s3.roleArn },
      },
    },
  ];
}
