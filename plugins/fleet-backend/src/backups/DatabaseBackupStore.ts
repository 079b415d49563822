import type { BackupObservation } from '@fleetdeck/plugin-fleet-common';
import type { Knex } from 'knex';
import type { BackupStore, NewBackup } from './BackupStore';

const BACKUPS = 'fleet_backups';

type Timestamp = Date | string | number;

type BackupRow = {
  entity_ref: string;
  component: string;
  database: string;
  taken_at: Timestamp;
  bytes: number | string;
  sha256: string;
  retention_days: number;
  received_at: Timestamp;
};

/** Timestamps come back as `Date` from PostgreSQL and as epoch milliseconds from SQLite. */
const toIso = (value: Timestamp) => new Date(value).toISOString();

function toBackup(row: BackupRow): BackupObservation {
  return {
    component: row.component,
    database: row.database,
    takenAt: toIso(row.taken_at),
    // PostgreSQL returns a bigint as a string.
    bytes: Number(row.bytes),
    sha256: row.sha256,
    retentionDays: Number(row.retention_days),
    receivedAt: toIso(row.received_at),
  };
}

/**
 * The knex implementation of {@link BackupStore}, on PostgreSQL or SQLite.
 *
 * @internal
 */
export class DatabaseBackupStore implements BackupStore {
  constructor(private readonly db: Knex) {}

  async record(
    entityRef: string,
    backup: NewBackup,
  ): Promise<{ created: boolean; backup: BackupObservation }> {
    const inserted = await this.db(BACKUPS)
      .insert({
        entity_ref: entityRef,
        component: backup.component,
        database: backup.database,
        taken_at: new Date(backup.takenAt),
        bytes: backup.bytes,
        sha256: backup.sha256,
        retention_days: backup.retentionDays,
        received_at: new Date(backup.receivedAt),
        source: backup.source,
      })
      .onConflict(['entity_ref', 'component', 'sha256'])
      .ignore()
      .returning('row_id');
    const row = await this.db<BackupRow>(BACKUPS)
      .where({
        entity_ref: entityRef,
        component: backup.component,
        sha256: backup.sha256,
      })
      .first();
    return { created: inserted.length > 0, backup: toBackup(row!) };
  }

  async latest(entityRef: string): Promise<BackupObservation[]> {
    // Only each component's newest rows: a daily job keeps a year's manifests per component.
    const rows = await this.db<BackupRow>(`${BACKUPS} as b`)
      .where('b.entity_ref', entityRef)
      .where(
        'b.taken_at',
        this.db(`${BACKUPS} as newest`)
          .max('newest.taken_at')
          .where('newest.entity_ref', this.db.ref('b.entity_ref'))
          .andWhere('newest.component', this.db.ref('b.component')),
      )
      .select('b.*')
      .orderBy([
        { column: 'b.component', order: 'asc' },
        { column: 'b.row_id', order: 'desc' },
      ]);
    const latest = new Map<string, BackupObservation>();
    for (const row of rows) {
      if (!latest.has(row.component)) {
        latest.set(row.component, toBackup(row));
      }
    }
    return [...latest.values()];
  }
}
