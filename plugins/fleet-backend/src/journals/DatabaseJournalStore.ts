import { randomUUID } from 'node:crypto';
import { type DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  JournalReceipt,
  JournalReceiptObservation,
  JournalReceiptPage,
} from '@fleetdeck/plugin-fleet-common';
import type { Knex } from 'knex';
import {
  DEFAULT_RECEIPT_PAGE_SIZE,
  MAX_RECEIPT_PAGE_SIZE,
  type JournalReceiptQuery,
  type JournalStore,
  type NewJournalReceipt,
  type RecordedJournalReceipt,
} from './JournalStore';
import { migrateFleetDatabase } from '../database/migrateFleetDatabase';

const RECEIPTS_TABLE = 'fleet_journal_receipts';

type ReceiptRow = {
  id: string;
  entity_ref: string;
  replica: string;
  sha256: string;
  bytes: number | string;
  lines: number | string;
  captured_at: Date | string | number | null;
  received_at: Date | string | number;
  warnings: string;
  source: string;
  file_name: string | null;
};

/** Paging position: after (received_at, id) of the last row, for one replica filter. */
type Cursor = { r: string | null; t: string; i: string };

/** Dates come back as `Date` from PostgreSQL and as epoch milliseconds from SQLite. */
function toIsoString(value: Date | string | number): string {
  return new Date(value).toISOString();
}

function toReceipt(row: ReceiptRow): JournalReceipt {
  const receipt: JournalReceipt = {
    id: row.id,
    entityRef: row.entity_ref,
    replica: row.replica,
    sha256: row.sha256,
    // bigint columns come back as strings from PostgreSQL.
    bytes: Number(row.bytes),
    lines: Number(row.lines),
    receivedAt: toIsoString(row.received_at),
    warnings: JSON.parse(row.warnings) as string[],
    source: row.source as JournalReceipt['source'],
  };
  if (row.captured_at !== null && row.captured_at !== undefined) {
    receipt.capturedAt = toIsoString(row.captured_at);
  }
  if (row.file_name) {
    receipt.fileName = row.file_name;
  }
  return receipt;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(text: string, replica: string | null): Cursor {
  let cursor: Partial<Cursor> | null = null;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch (error) {
    // Reported below as an invalid cursor, whatever the parse error was.
    cursor = null;
  }
  if (
    !cursor ||
    typeof cursor !== 'object' ||
    typeof cursor.t !== 'string' ||
    Number.isNaN(new Date(cursor.t).getTime()) ||
    typeof cursor.i !== 'string' ||
    !(cursor.r === null || typeof cursor.r === 'string')
  ) {
    throw new InputError(
      'Invalid cursor; pass the nextCursor of a previous page unchanged',
    );
  }
  if (cursor.r !== replica) {
    throw new InputError(
      'Invalid cursor; it belongs to a query for another replica. Send the same replica as for the first page',
    );
  }
  return cursor as Cursor;
}

/**
 * The knex implementation of {@link JournalStore} (`fleet_journal_receipts`), on PostgreSQL or
 * SQLite.
 *
 * @internal
 */
export class DatabaseJournalStore implements JournalStore {
  /**
   * A store on a database migrated here, for tests and tools; the plugin migrates once
   * ({@link migrateFleetDatabase}) and constructs its stores with the client.
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseJournalStore> {
    return new DatabaseJournalStore(
      await migrateFleetDatabase(options.database),
    );
  }

  /** A store on a client whose database is migrated already. */
  constructor(private readonly db: Knex) {}

  async insertReceipts(
    receipts: NewJournalReceipt[],
    receivedAt: Date,
  ): Promise<RecordedJournalReceipt[]> {
    return this.db.transaction(async tx => {
      const recorded: RecordedJournalReceipt[] = [];
      for (const receipt of receipts) {
        const id = randomUUID();
        await tx(RECEIPTS_TABLE)
          .insert({
            id,
            entity_ref: receipt.entityRef,
            replica: receipt.replica,
            sha256: receipt.sha256,
            bytes: receipt.bytes,
            lines: receipt.lines,
            captured_at: receipt.capturedAt
              ? new Date(receipt.capturedAt)
              : null,
            received_at: receivedAt,
            warnings: JSON.stringify(receipt.warnings),
            source: receipt.source,
            file_name: receipt.fileName ?? null,
          })
          // A racing upload of the same bytes waits here for the other to commit, then
          // inserts nothing and reads the other's row below.
          .onConflict(['entity_ref', 'replica', 'sha256'])
          .ignore();
        const row: ReceiptRow | undefined = await tx(RECEIPTS_TABLE)
          .where({
            entity_ref: receipt.entityRef,
            replica: receipt.replica,
            sha256: receipt.sha256,
          })
          .first();
        if (!row) {
          throw new Error(
            `The receipt of ${receipt.entityRef} ${receipt.replica} ${receipt.sha256} was neither inserted nor found`,
          );
        }
        recorded.push({ ...toReceipt(row), duplicate: row.id !== id });
      }
      return recorded;
    });
  }

  async listReceipts(
    entityRef: string,
    query: JournalReceiptQuery,
  ): Promise<JournalReceiptPage> {
    const replica = query.replica ?? null;
    const limit = Math.min(
      Math.max(Math.trunc(query.limit ?? DEFAULT_RECEIPT_PAGE_SIZE), 1),
      MAX_RECEIPT_PAGE_SIZE,
    );
    const cursor = query.cursor
      ? decodeCursor(query.cursor, replica)
      : undefined;

    const filtered = () => {
      const builder = this.db(RECEIPTS_TABLE).where('entity_ref', entityRef);
      if (replica) {
        builder.where('replica', replica);
      }
      return builder;
    };

    const page = filtered()
      .select('*')
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (cursor) {
      const at = new Date(cursor.t);
      page.where(after =>
        after
          .where('received_at', '<', at)
          .orWhere(tie =>
            tie.where('received_at', at).andWhere('id', '<', cursor.i),
          ),
      );
    }
    const [rows, [{ count }]] = await Promise.all([
      page as Promise<ReceiptRow[]>,
      filtered().count({ count: '*' }),
    ]);

    const items = rows.slice(0, limit).map(toReceipt);
    const last = items[items.length - 1];
    return {
      items,
      totalCount: Number(count),
      ...(rows.length > limit && last
        ? {
            nextCursor: encodeCursor({
              r: replica,
              t: last.receivedAt,
              i: last.id,
            }),
          }
        : {}),
    };
  }

  async getReceipt(
    entityRef: string,
    id: string,
  ): Promise<JournalReceipt | undefined> {
    const row: ReceiptRow | undefined = await this.db(RECEIPTS_TABLE)
      .where({ entity_ref: entityRef, id })
      .first();
    return row ? toReceipt(row) : undefined;
  }

  async referencedBlobs(sha256s: string[]): Promise<Set<string>> {
    if (sha256s.length === 0) {
      return new Set();
    }
    const rows: Array<{ sha256: string }> = await this.db(RECEIPTS_TABLE)
      .distinct('sha256')
      .whereIn('sha256', sha256s);
    return new Set(rows.map(row => row.sha256));
  }

  async latestReceipts(
    entityRef: string,
  ): Promise<JournalReceiptObservation[]> {
    const replicas: Array<{ replica: string }> = await this.db(RECEIPTS_TABLE)
      .where('entity_ref', entityRef)
      .distinct('replica');
    const latest: JournalReceiptObservation[] = [];
    for (const { replica } of replicas.sort((a, b) =>
      a.replica.localeCompare(b.replica),
    )) {
      const row: ReceiptRow | undefined = await this.db(RECEIPTS_TABLE)
        .where({ entity_ref: entityRef, replica })
        .orderBy('received_at', 'desc')
        .orderBy('id', 'desc')
        .first();
      if (row) {
        const { receivedAt, capturedAt } = toReceipt(row);
        latest.push({
          replica,
          receivedAt,
          ...(capturedAt ? { capturedAt } : {}),
        });
      }
    }
    return latest;
  }
}
