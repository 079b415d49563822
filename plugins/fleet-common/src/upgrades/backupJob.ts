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
 * The command that runs a database's backup CronJob now, as a one-off Job named after it.
 *
 * @public
 */
export function backupNowCommand(
  database: Pick<DeploymentDatabase, 'name'>,
  namespace: string,
  suffix = 'pre-upgrade',
): string {
  const cronJob = backupCronJobName(database);
  return `kubectl create job --from=cronjob/${cronJob} ${cronJob}-${suffix} --namespace ${namespace}`;
}
