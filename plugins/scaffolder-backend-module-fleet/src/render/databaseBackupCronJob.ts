import type { OnboardingAnswers } from '../answers/schema';
import {
  backupLabels,
  backupPodBase,
  backupTargetVolume,
  isS3Target,
  s3Env,
  SECURITY_CONTEXT,
  SMALL_STEP_RESOURCES,
  type K8sObject,
} from './backupJobParts';
import {
  BACKUPS_MOUNT,
  DATABASE_RETENTION_DAYS,
  dumpScript,
  s3UploadScript,
} from './databaseBackupScript';
import { AWS_CLI_IMAGE, imageIn, postgresImagePath } from './images';

type Database = OnboardingAnswers['databases'][number];

/** Daily at 02:00 UTC: the guide's schedule, and inside the 24 h RPO upgrade readiness asks for. */
export const DATABASE_BACKUP_SCHEDULE = '0 2 * * *';

/** `pg_dump` holds a large database in flight: more room than the journal steps. */
const DUMP_RESOURCES = {
  requests: { cpu: '100m', memory: '256Mi' },
  limits: { cpu: '1', memory: '1Gi' },
};

/** `db-backup-<name>`: the CronJob of one database (a name of at most 40 keeps it ≤ 52). */
export const databaseBackupJobName = (component: string) =>
  `db-backup-${component}`;

/** `postgres:<major>` from the private registry, else from Docker Hub. */
export function postgresImageOf(
  a: OnboardingAnswers,
  database: Database,
): string {
  const path = postgresImagePath(database.postgresVersion);
  return a.registry.host
    ? imageIn(a.registry.host, path)
    : `docker.io/library/${path}`;
}

/**
 * The libpq variables `pg_dump` and `pg_restore` read: where the database is, and the user and
 * password by `secretKeyRef` to the answered Secret — its name is all the portal knows.
 */
export function postgresEnv(database: Database): K8sObject[] {
  return [
    { name: 'PGHOST', value: database.host },
    { name: 'PGPORT', value: String(database.port ?? 5432) },
    { name: 'PGDATABASE', value: database.database },
    { name: 'PGAPPNAME', value: databaseBackupJobName(database.name) },
    ...['PGUSER', 'PGPASSWORD'].map(key => ({
      name: key,
      valueFrom: {
        secretKeyRef: { name: database.credentialsSecretRef, key },
      },
    })),
  ];
}

function podSpec(a: OnboardingAnswers, database: Database): K8sObject {
  const toS3 = isS3Target(a);
  const dump = {
    name: 'dump',
    image: postgresImageOf(a, database),
    command: [
      '/bin/sh',
      '-c',
      dumpScript({
        deployment: a.deployment.name,
        database,
        retentionDays: DATABASE_RETENTION_DAYS,
        keptOnVolume: !toS3,
      }),
    ],
    env: postgresEnv(database),
    volumeMounts: [{ name: 'backups', mountPath: BACKUPS_MOUNT }],
    resources: DUMP_RESOURCES,
    securityContext: SECURITY_CONTEXT,
  };
  const upload = toS3
    ? {
        name: 'upload',
        image: AWS_CLI_IMAGE,
        command: [
          '/bin/sh',
          '-c',
          s3UploadScript({
            deployment: a.deployment.name,
            component: database.name,
            bucket: a.backup.s3?.bucket ?? '',
            journalPrefix: a.backup.s3?.prefix ?? '',
            databasePrefix: a.backup.s3?.databasePrefix ?? '',
            retentionDays: DATABASE_RETENTION_DAYS,
          }),
        ],
        env: s3Env(a),
        volumeMounts: [
          { name: 'backups', mountPath: BACKUPS_MOUNT, readOnly: true },
          // The AWS CLI writes its cache under $HOME.
          { name: 'home', mountPath: '/root' },
        ],
        resources: SMALL_STEP_RESOURCES,
        securityContext: SECURITY_CONTEXT,
      }
    : undefined;
  return {
    ...backupPodBase(a),
    // With S3 the dump runs first (init container) and the upload after it.
    ...(upload
      ? { initContainers: [dump], containers: [upload] }
      : { containers: [dump] }),
    volumes: [
      // A dump's size is the database's: no scratch limit of our choosing.
      backupTargetVolume(a, 'backups', {}),
      ...(upload ? [{ name: 'home', emptyDir: {} }] : []),
    ],
  };
}

function databaseBackupCronJob(
  a: OnboardingAnswers,
  database: Database,
): K8sObject {
  // A fresh object at each place, so the YAML spells them out rather than using an anchor.
  const labels = () =>
    backupLabels(a, 'database-backup', {
      'fleetdeck.io/database': database.name,
    });
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name: databaseBackupJobName(database.name),
      namespace: a.deployment.namespace,
      labels: labels(),
    },
    spec: {
      schedule: DATABASE_BACKUP_SCHEDULE,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 5,
      jobTemplate: {
        metadata: { labels: labels() },
        spec: {
          backoffLimit: 3,
          // A large database takes a while; a stuck dump must still end before the next night.
          activeDeadlineSeconds: 6 * 3600,
          template: {
            metadata: { labels: labels() },
            spec: podSpec(a, database),
          },
        },
      },
    },
  };
}

/**
 * One `db-backup-<name>` CronJob per declared database: `pg_dump -Fc` daily at 02:00 UTC with
 * a manifest beside each dump, kept 30 days, on the backup target the answers name.
 */
export function databaseBackupCronJobs(a: OnboardingAnswers): K8sObject[] {
  return a.databases.map(database => databaseBackupCronJob(a, database));
}
