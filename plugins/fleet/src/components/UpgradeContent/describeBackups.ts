import {
  describeMoment,
  HOUR_MS,
  describeSpan,
  type BackupObservation,
  type DeploymentDatabase,
  UPGRADE_BACKUP_MAX_AGE_HOURS,
} from '@fleetdeck/plugin-fleet-common';
import type { StatusTone } from '../status';

/** How old a backup may be for an upgrade that migrates the database, as readiness judges it. */
const MAX_AGE_MS = UPGRADE_BACKUP_MAX_AGE_HOURS * HOUR_MS;

/** What the backups card says about one declared database. */
export interface BackupRow {
  /** `spec.databases[].name` */
  component: string;
  database: string;
  tone: StatusTone;
  word: 'Fresh' | 'Stale' | 'No backup received yet';
  /** `taken 9 hours ago`, and why a stale one will not do. */
  detail: string;
  /** The latest backup, when one was received. */
  backup?: BackupObservation;
}

/**
 * The latest backup of each database the deployment declares, judged against the 24 h an upgrade
 * needs (readiness's `UPGRADE_BACKUP_MAX_AGE_HOURS`): `Fresh` (ok) up to it; `Stale` as a warning
 * while one daily run is missing (up to 48 h) and as an error after; a database without any backup is a warning until one arrives. Backups of
 * components the entity no longer declares are left out.
 */
export function describeBackups(
  databases: DeploymentDatabase[],
  backups: BackupObservation[],
  now: Date,
): BackupRow[] {
  return databases.map(declared => {
    const backup = backups.find(
      candidate => candidate.component === declared.name,
    );
    const base = { component: declared.name, database: declared.database };
    if (!backup) {
      return {
        ...base,
        tone: 'warning',
        word: 'No backup received yet',
        detail: `No backup manifest of ${declared.name} has reached the portal.`,
      };
    }
    const taken = `taken ${
      describeMoment(backup.takenAt, now) ?? backup.takenAt
    }`;
    const age = now.getTime() - new Date(backup.takenAt).getTime();
    if (!(age > MAX_AGE_MS)) {
      // Up to 24 h, or a time in the future (the customer's clock): the newest there is.
      return { ...base, backup, tone: 'ok', word: 'Fresh', detail: taken };
    }
    return {
      ...base,
      backup,
      tone: age <= 2 * MAX_AGE_MS ? 'warning' : 'error',
      word: 'Stale',
      detail: `${taken}: ${describeSpan(
        age,
      )} old, older than the ${UPGRADE_BACKUP_MAX_AGE_HOURS} h the upgrade needs.`,
    };
  });
}
