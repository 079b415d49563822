import type { DeploymentDatabase } from '../kinds';

/**
 * The name of the CronJob the onboarding template generates to back up a declared database:
 * `db-backup-<name>`. The readiness check's fix and the upgrade plan run it by this name.
 *
 * @public
 */
export function backupCronJobName(database: Pick<DeploymentDatabase, 'name'>) {
  return `db-backup-${database.name}`;
}

/**
 * The one-off Job that backs a database up before the upgrade to `version`:
 * `db-backup-<name>-pre-<version with dashes>` (`db-backup-transcripts-db-pre-0-42-0`).
 *
 * @public
 */
export function preUpgradeBackupJobName(
  database: Pick<DeploymentDatabase, 'name'>,
  version: string,
): string {
  return `${backupCronJobName(database)}-pre-${version
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;
}

/**
 * The command that runs a database's backup CronJob now, before the upgrade to `version`.
 *
 * @public
 */
export function backupNowCommand(
  database: Pick<DeploymentDatabase, 'name'>,
  namespace: string,
  version: string,
): string {
  return `kubectl create job --from=cronjob/${backupCronJobName(
    database,
  )} ${preUpgradeBackupJobName(database, version)} --namespace ${namespace}`;
}
