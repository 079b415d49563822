import type { BackupObservation } from '@fleetdeck/plugin-fleet-common';

/**
 * A backup manifest's record, and where it came from.
 *
 * @internal
 */
export interface NewBackup extends BackupObservation {
  source: 'upload' | 'inbox';
}

/**
 * The backups deployments' database jobs reported (`fleet_backups`).
 *
 * @internal
 */
export interface BackupStore {
  /**
   * Records a backup. The same dump (component and sha256) twice is one backup: the first
   * record is kept, and `created` is false.
   */
  record(
    entityRef: string,
    backup: NewBackup,
  ): Promise<{ created: boolean; backup: BackupObservation }>;

  /** The latest backup (by `takenAt`) of each component of the deployment, by component. */
  latest(entityRef: string): Promise<BackupObservation[]>;
}
