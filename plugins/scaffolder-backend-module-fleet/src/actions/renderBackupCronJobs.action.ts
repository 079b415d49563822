import { renderBackupCronJobs } from '../render/renderBackupCronJobs';
import { ARTIFACT_FILES } from './artifacts';
import { createRenderAction } from './createRenderAction';
import { examples } from './renderBackupCronJobs.examples';

/**
 * `fleet:backup-cronjobs:render` writes `backup-cronjobs.yaml`.
 *
 * @public
 */
export function createRenderBackupCronJobsAction() {
  return createRenderAction({
    id: 'fleet:backup-cronjobs:render',
    description:
      "Writes backup-cronjobs.yaml: CronJobs that archive each billing replica's journal as <deployment>/<pod>/journal-YYYYMMDD-HHMMSS.tar.gz to S3, NFS or a PVC — one per replica for per-pod RWO claims (pinned to the pod's node), one for a shared volume. Journals are mounted read-only and never deleted. Each declared database gets db-backup-<name>: pg_dump -Fc daily at 02:00 UTC with a BackupManifest beside the dump, kept 30 days.",
    examples,
    // License-server billing keeps no journals: without databases there is nothing to back up.
    render: answers =>
      answers.billing.journals || answers.databases.length > 0
        ? [
            {
              name: ARTIFACT_FILES.backupCronJobs,
              content: renderBackupCronJobs(answers),
            },
          ]
        : [],
  });
}
