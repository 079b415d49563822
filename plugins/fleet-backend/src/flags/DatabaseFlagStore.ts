import { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { migrateFleetDatabase } from '../database/migrateFleetDatabase';
import type { FlagStore, NewFleetFlag } from './FlagStore';
import type { FleetFlag, FleetFlagDetail, FleetFlagKind } from './types';

const FLAGS_TABLE = 'fleet_flags';

/** Rows per INSERT and ids per `IN (…)`, well below SQLite's bound-parameter limit. */
const CHUNK_SIZE = 400;

type Timestamp = Date | string | number;

type FlagRow = {
  id: number;
  entity_ref: string;
  kind: string;
  detail: string;
  raised_at: Timestamp;
  last_notified_at: Timestamp | null;
  notify_count: number | string;
  cleared_at: Timestamp | null;
};

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_SIZE) {
    result.push(items.slice(i, i + CHUNK_SIZE));
  }
  return result;
}

/** Timestamps come back as `Date` from PostgreSQL and as epoch milliseconds from SQLite. */
function toIsoString(value: Timestamp): string {
  return new Date(value).toISOString();
}

function toFlag(row: FlagRow): FleetFlag {
  const flag: FleetFlag = {
    id: Number(row.id),
    entityRef: row.entity_ref,
    kind: row.kind as FleetFlagKind,
    detail: JSON.parse(row.detail) as FleetFlagDetail,
    raisedAt: toIsoString(row.raised_at),
    notifyCount: Number(row.notify_count),
  };
  if (row.last_notified_at !== null) {
    flag.lastNotifiedAt = toIsoString(row.last_notified_at);
  }
  if (row.cleared_at !== null) {
    flag.clearedAt = toIsoString(row.cleared_at);
  }
  return flag;
}

/**
 * The knex implementation of {@link FlagStore} (`fleet_flags`), on PostgreSQL or SQLite.
 * Writes come in batches, one transaction each, so that a check of the whole fleet commits a
 * handful of times rather than once per flag.
 *
 * @internal
 */
export class DatabaseFlagStore implements FlagStore {
  /**
   * A store on a database migrated here, for tests and tools; the plugin migrates once
   * ({@link migrateFleetDatabase}) and constructs its stores with the client.
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseFlagStore> {
    return new DatabaseFlagStore(await migrateFleetDatabase(options.database));
  }

  /** A store on a client whose database is migrated already. */
  constructor(private readonly db: Knex) {}

  async listOpen(): Promise<FleetFlag[]> {
    const rows: FlagRow[] = await this.db(FLAGS_TABLE)
      .whereNull('cleared_at')
      .orderBy('id');
    return rows.map(toFlag);
  }

  async listFlags(entityRef: string): Promise<FleetFlag[]> {
    const rows: FlagRow[] = await this.db(FLAGS_TABLE)
      .where('entity_ref', entityRef)
      .orderBy('id', 'desc');
    return rows.map(toFlag);
  }

  async apply(
    changes: {
      clear?: number[];
      details?: Array<{ id: number; detail: FleetFlagDetail }>;
      raise?: NewFleetFlag[];
    },
    at: Date,
  ): Promise<FleetFlag[]> {
    const { clear = [], details = [], raise = [] } = changes;
    if (!clear.length && !details.length && !raise.length) {
      return [];
    }
    return this.db.transaction(async tx => {
      for (const ids of chunks(clear)) {
        await tx(FLAGS_TABLE)
          .whereIn('id', ids)
          .whereNull('cleared_at')
          .update({ cleared_at: at });
      }
      for (const { id, detail } of details) {
        await tx(FLAGS_TABLE)
          .where('id', id)
          .update({ detail: JSON.stringify(detail) });
      }
      const raised: FleetFlag[] = [];
      for (const flags of chunks(raise)) {
        const rows = flags.map(flag => ({
          entity_ref: flag.entityRef,
          kind: flag.kind,
          detail: JSON.stringify(flag.detail),
          raised_at: at,
          last_notified_at: null,
          notify_count: 0,
          cleared_at: null,
        }));
        // RETURNING order is not guaranteed: match the ids back by deployment and kind,
        // which identify an open flag.
        const inserted: Array<Pick<FlagRow, 'id' | 'entity_ref' | 'kind'>> =
          await tx(FLAGS_TABLE).insert(rows, ['id', 'entity_ref', 'kind']);
        const ids = new Map(
          inserted.map(row => [`${row.entity_ref}\n${row.kind}`, row.id]),
        );
        for (const row of rows) {
          const id = ids.get(`${row.entity_ref}\n${row.kind}`);
          if (id === undefined) {
            throw new Error(
              `The ${row.kind} flag of ${row.entity_ref} was not inserted`,
            );
          }
          raised.push(toFlag({ ...row, id }));
        }
      }
      return raised;
    });
  }

  async markNotified(
    notified: Array<{ id: number; detail?: FleetFlagDetail }>,
    at: Date,
  ): Promise<void> {
    if (!notified.length) {
      return;
    }
    const update = {
      last_notified_at: at,
      notify_count: this.db.raw('?? + 1', ['notify_count']),
    };
    await this.db.transaction(async tx => {
      const plain = notified.filter(n => !n.detail).map(n => n.id);
      for (const ids of chunks(plain)) {
        await tx(FLAGS_TABLE).whereIn('id', ids).update(update);
      }
      for (const { id, detail } of notified.filter(n => n.detail)) {
        await tx(FLAGS_TABLE)
          .where('id', id)
          .update({ ...update, detail: JSON.stringify(detail) });
      }
    });
  }
}
