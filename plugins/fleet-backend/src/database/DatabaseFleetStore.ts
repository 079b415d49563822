import { createHash } from 'node:crypto';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DEPLOYMENT_HEALTHS,
  DeploymentHealth,
  DeploymentObservations,
  DeploymentOrderField,
  DeploymentQuery,
  DeploymentStatus,
  DeploymentSummary,
  GPU_STATUSES,
  JOURNAL_STATUSES,
  LICENSE_STATUSES,
  UPGRADE_STATUSES,
} from '@fleetdeck/plugin-fleet-common';
import type { Knex } from 'knex';
import { migrateFleetDatabase } from './migrateFleetDatabase';
import type { FleetDeploymentResource } from '../permissions/resource';
import { applyDeploymentFilter } from './applyDeploymentFilter';
import type {
  DeploymentObservationsPatch,
  DeploymentStatusPage,
  FleetStore,
  ListStatusesOptions,
  VisibilityOptions,
} from './FleetStore';

/** The columns that filters, orders and counts read: narrow, so scans of it stay cheap. */
const STATUS_TABLE = 'fleet_deployment_status';
/** Each deployment's whole status document, read by primary key for the rows of a page. */
const DOCUMENT_TABLE = 'fleet_deployment_status_document';
const OBSERVATIONS_TABLE = 'fleet_observations';

/** Default and largest page of `listStatuses`. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * Rows per INSERT and refs per `IN (…)`: well below SQLite's 32,766 and PostgreSQL's 65,535
 * bound parameters, with about 20 columns a row.
 */
const CHUNK_SIZE = 500;

/** `health_rank`: ascending order is worst first. */
const HEALTH_RANK: Record<DeploymentHealth, number> = {
  critical: 0,
  warning: 1,
  unknown: 2,
  ok: 3,
};

type OrderColumn = {
  column: string;
  /** Nullable columns sort their NULLs last in both directions. */
  nullable: boolean;
  /** Timestamps are bound as `Date` so each dialect compares them in its own storage form. */
  timestamp?: boolean;
};

const ORDER_COLUMNS: Record<DeploymentOrderField, OrderColumn> = {
  name: { column: 'name', nullable: false },
  'license.expiresAt': { column: 'license_expires_at', nullable: true },
  'journal.lastReceivedAt': {
    column: 'journal_last_received_at',
    nullable: true,
    timestamp: true,
  },
  'upgrade.daysBehind': { column: 'upgrade_days_behind', nullable: true },
  health: { column: 'health_rank', nullable: false },
};

type StatusRow = {
  entity_ref: string;
  namespace: string;
  name: string;
  title: string;
  customer: string;
  owner: string;
  profile: string;
  chart_version: string;
  health: string;
  health_rank: number;
  license_status: string;
  license_expires_at: string | null;
  journal_status: string;
  journal_last_received_at: Date | null;
  gpu_status: string;
  upgrade_status: string;
  upgrade_days_behind: number | null;
  search_text: string;
  evaluated_at: Date;
};

type DocumentRow = {
  entity_ref: string;
  status: string;
};

type ObservationsRow = {
  entity_ref: string;
  first_seen_at: Date | string | number;
  observations: string;
  updated_at: Date | string | number;
};

/** The position after the last row of a page, and the query it belongs to. */
type Cursor = {
  /** Fingerprint of the query's filters and order. */
  q: string;
  /** The order column's value in the last row (ISO 8601 for timestamps). */
  v: string | number | null;
  /** The last row's entity ref. */
  r: string;
};

function chunks<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** Dates come back as `Date` from PostgreSQL and as epoch milliseconds from SQLite. */
function toIsoString(value: Date | string | number): string {
  return new Date(value).toISOString();
}

function parseTimestamp(value: string | undefined): Date | null {
  if (!value) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

function toRow(status: DeploymentStatus): StatusRow {
  const { namespace, name } = parseEntityRef(status.entityRef);
  return {
    entity_ref: status.entityRef,
    namespace,
    name,
    title: status.title,
    // Entity refs are case-insensitive; filters compare them lowercased.
    customer: status.customer.toLocaleLowerCase('en-US'),
    owner: status.owner.toLocaleLowerCase('en-US'),
    profile: status.profile,
    chart_version: status.chartVersion,
    health: status.health,
    health_rank: HEALTH_RANK[status.health] ?? HEALTH_RANK.unknown,
    license_status: status.license.status,
    license_expires_at: status.license.expiresAt ?? null,
    journal_status: status.journal.status,
    journal_last_received_at: parseTimestamp(status.journal.lastReceivedAt),
    gpu_status: status.gpu.status,
    upgrade_status: status.upgrade.status,
    upgrade_days_behind: status.upgrade.daysBehind ?? null,
    search_text: [name, status.title, status.customer, status.owner]
      .join(' ')
      .toLocaleLowerCase('en-US'),
    evaluated_at: parseTimestamp(status.evaluatedAt) ?? new Date(),
  };
}

function toDocumentRow(status: DeploymentStatus): DocumentRow {
  return { entity_ref: status.entityRef, status: JSON.stringify(status) };
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map(key => [key, 0])) as Record<K, number>;
}

function normalizedList(values: readonly string[] | undefined): string[] {
  return [...new Set(values ?? [])].sort();
}

/**
 * The parts of a query that select and order rows, in a canonical form: a cursor is only
 * valid for the query it was issued for.
 */
function queryFingerprint(query: DeploymentQuery): string {
  const canonical = JSON.stringify([
    normalizedList(query.license),
    normalizedList(query.journal),
    normalizedList(query.gpu),
    normalizedList(query.upgrade),
    normalizedList(query.health),
    normalizedList(query.profile),
    normalizedList(query.customer),
    normalizedList(query.owner),
    searchTerms(query.q),
    query.orderBy ?? 'name',
    query.order ?? 'asc',
  ]);
  return createHash('sha256')
    .update(canonical)
    .digest('base64url')
    .slice(0, 16);
}

function searchTerms(q: string | undefined): string[] {
  return (q ?? '').toLocaleLowerCase('en-US').split(/\s+/).filter(Boolean);
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InputError(
      'Invalid cursor; pass the nextCursor of a previous page unchanged',
    );
  }
  const cursor = parsed as Partial<Cursor> | null;
  if (
    !cursor ||
    typeof cursor !== 'object' ||
    typeof cursor.q !== 'string' ||
    typeof cursor.r !== 'string' ||
    !(
      cursor.v === null ||
      typeof cursor.v === 'string' ||
      typeof cursor.v === 'number'
    )
  ) {
    throw new InputError(
      'Invalid cursor; pass the nextCursor of a previous page unchanged',
    );
  }
  return cursor as Cursor;
}

/**
 * The knex implementation of {@link FleetStore}, on PostgreSQL or SQLite.
 *
 * @internal
 */
export class DatabaseFleetStore implements FleetStore {
  /**
   * A store on a database migrated here, for tests and tools; the plugin migrates once
   * ({@link migrateFleetDatabase}) and constructs its stores with the client.
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseFleetStore> {
    return new DatabaseFleetStore(await migrateFleetDatabase(options.database));
  }

  /** A store on a client whose database is migrated already. */
  constructor(private readonly db: Knex) {}

  private get isPostgres(): boolean {
    return String(this.db.client.config.client).startsWith('pg');
  }

  async replaceStatuses(statuses: DeploymentStatus[]): Promise<void> {
    // One row per deployment; a duplicate would make PostgreSQL's upsert fail.
    const unique = [...new Map(statuses.map(s => [s.entityRef, s])).values()];
    const keep = new Set(unique.map(status => status.entityRef));
    await this.db.transaction(async tx => {
      const existing: string[] = await tx(STATUS_TABLE).pluck('entity_ref');
      for (const chunk of chunks(unique)) {
        await this.write(tx, chunk);
      }
      const gone = existing.filter(ref => !keep.has(ref));
      for (const chunk of chunks(gone)) {
        await this.remove(tx, chunk);
      }
    });
  }

  async upsertStatus(status: DeploymentStatus): Promise<void> {
    await this.db.transaction(tx => this.write(tx, [status]));
  }

  async deleteStatus(entityRef: string): Promise<void> {
    await this.db.transaction(tx => this.remove(tx, [entityRef]));
  }

  /** Rows before documents: on PostgreSQL each document references its row. */
  private async write(tx: Knex.Transaction, statuses: DeploymentStatus[]) {
    await tx(STATUS_TABLE)
      .insert(statuses.map(toRow))
      .onConflict('entity_ref')
      .merge();
    await tx(DOCUMENT_TABLE)
      .insert(statuses.map(toDocumentRow))
      .onConflict('entity_ref')
      .merge();
  }

  private async remove(tx: Knex.Transaction, entityRefs: string[]) {
    await tx(DOCUMENT_TABLE).whereIn('entity_ref', entityRefs).delete();
    await tx(STATUS_TABLE).whereIn('entity_ref', entityRefs).delete();
  }

  async getStatus(entityRef: string): Promise<DeploymentStatus | undefined> {
    const row = await this.db(DOCUMENT_TABLE)
      .where('entity_ref', entityRef)
      .first('status');
    return row ? (JSON.parse(row.status) as DeploymentStatus) : undefined;
  }

  async listStatuses(
    query: DeploymentQuery,
    options: ListStatusesOptions = {},
  ): Promise<DeploymentStatusPage> {
    const counting = options.count ?? true;
    const field = query.orderBy ?? 'name';
    const direction = query.order === 'desc' ? 'desc' : 'asc';
    const order = ORDER_COLUMNS[field];
    const limit = Math.min(
      Math.max(Math.trunc(query.limit ?? DEFAULT_PAGE_SIZE), 1),
      MAX_PAGE_SIZE,
    );
    const fingerprint = queryFingerprint(query);
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (cursor && cursor.q !== fingerprint) {
      throw new InputError(
        'Invalid cursor; it belongs to a query with other filters or another order. Send the same filters, orderBy and order as for the first page',
      );
    }

    // The page and the total in one statement: the count is a subquery over the same filters,
    // without the cursor's position.
    const page = this.filtered(query, options)
      .select('entity_ref', { sort_value: order.column })
      .limit(limit + 1);
    if (counting) {
      const total = this.filtered(query, options).count({ count: '*' });
      page.select(this.db.raw('(?) as total_count', [total]));
    }
    if (cursor) {
      this.whereAfter(page, order, direction, cursor);
    }
    const nulls = order.nullable ? ' nulls last' : '';
    page
      .orderByRaw(`?? ${direction}${nulls}`, [order.column])
      .orderBy('entity_ref', direction);

    const rows: Array<{
      entity_ref: string;
      sort_value: string | number | Date | null;
      total_count?: string | number;
    }> = await page;

    let totalCount: number | undefined;
    if (!counting) {
      totalCount = undefined;
    } else if (rows.length > 0) {
      totalCount = Number(rows[0].total_count);
    } else if (cursor) {
      // Past the end (the fleet shrank since the previous page): count on its own.
      const [{ count }] = await this.filtered(query, options).count({
        count: '*',
      });
      totalCount = Number(count);
    } else {
      totalCount = 0;
    }

    const pageRows = rows.slice(0, limit);
    const last = pageRows[pageRows.length - 1];
    let nextCursor: string | undefined;
    if (rows.length > limit && last) {
      let value: string | number | null = null;
      if (last.sort_value !== null && last.sort_value !== undefined) {
        value = order.timestamp
          ? toIsoString(last.sort_value)
          : (last.sort_value as string | number);
      }
      nextCursor = encodeCursor({
        q: fingerprint,
        v: value,
        r: last.entity_ref,
      });
    }

    return {
      items: await this.documents(pageRows.map(row => row.entity_ref)),
      ...(totalCount === undefined ? {} : { totalCount }),
      nextCursor,
    };
  }

  async summarize(
    query: DeploymentQuery,
    options: VisibilityOptions = {},
  ): Promise<DeploymentSummary> {
    // One pass: counts per combination of the five signals, folded into one count per status.
    const rows: Array<{
      health: string;
      license_status: string;
      journal_status: string;
      gpu_status: string;
      upgrade_status: string;
      count: string | number;
    }> = await this.filtered(query, options)
      .select(
        'health',
        'license_status',
        'journal_status',
        'gpu_status',
        'upgrade_status',
      )
      .count({ count: '*' })
      .groupBy(
        'health',
        'license_status',
        'journal_status',
        'gpu_status',
        'upgrade_status',
      );

    const summary: DeploymentSummary = {
      total: 0,
      health: zeroCounts(DEPLOYMENT_HEALTHS),
      license: zeroCounts(LICENSE_STATUSES),
      journal: zeroCounts(JOURNAL_STATUSES),
      gpu: zeroCounts(GPU_STATUSES),
      upgrade: zeroCounts(UPGRADE_STATUSES),
    };
    const add = (counts: Record<string, number>, key: string, n: number) => {
      if (key in counts) {
        counts[key] += n;
      }
    };
    for (const row of rows) {
      const n = Number(row.count);
      summary.total += n;
      add(summary.health, row.health, n);
      add(summary.license, row.license_status, n);
      add(summary.journal, row.journal_status, n);
      add(summary.gpu, row.gpu_status, n);
      add(summary.upgrade, row.upgrade_status, n);
    }
    return summary;
  }

  async getDeploymentResources(
    entityRefs: string[],
  ): Promise<Map<string, FleetDeploymentResource>> {
    const result = new Map<string, FleetDeploymentResource>();
    for (const chunk of chunks([...new Set(entityRefs)])) {
      const rows: Array<
        Pick<StatusRow, 'entity_ref' | 'owner' | 'customer' | 'profile'>
      > = await this.db(STATUS_TABLE)
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'owner', 'customer', 'profile');
      for (const row of rows) {
        result.set(row.entity_ref, {
          entityRef: row.entity_ref,
          owner: row.owner,
          customer: row.customer,
          profile: row.profile,
        });
      }
    }
    return result;
  }

  async getObservations(
    entityRefs: string[],
  ): Promise<Map<string, DeploymentObservations>> {
    const result = new Map<string, DeploymentObservations>();
    for (const chunk of chunks([...new Set(entityRefs)])) {
      const rows: ObservationsRow[] = await this.db(OBSERVATIONS_TABLE)
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'first_seen_at', 'observations', 'updated_at');
      for (const row of rows) {
        result.set(row.entity_ref, this.toObservations(row));
      }
    }
    return result;
  }

  async recordFirstSeen(entityRefs: string[], at: Date): Promise<void> {
    const rows = [...new Set(entityRefs)].map(entityRef => ({
      entity_ref: entityRef,
      first_seen_at: at,
      observations: '{}',
      updated_at: at,
    }));
    for (const chunk of chunks(rows)) {
      await this.db(OBSERVATIONS_TABLE)
        .insert(chunk)
        .onConflict('entity_ref')
        .ignore();
    }
  }

  async setObservations(
    entityRef: string,
    patchOrUpdate:
      | DeploymentObservationsPatch
      | ((
          current: DeploymentObservations,
        ) => DeploymentObservationsPatch | undefined),
  ): Promise<DeploymentObservations> {
    const now = new Date();
    return this.db.transaction(async tx => {
      const firstSeenDefault =
        typeof patchOrUpdate === 'function'
          ? undefined
          : patchOrUpdate.firstSeenAt;
      await tx(OBSERVATIONS_TABLE)
        .insert({
          entity_ref: entityRef,
          first_seen_at: parseTimestamp(firstSeenDefault) ?? now,
          observations: '{}',
          updated_at: now,
        })
        .onConflict('entity_ref')
        .ignore();

      // Concurrent writers patch different keys (journals, GPU): lock the row on PostgreSQL;
      // SQLite serialises write transactions by itself.
      const select = tx(OBSERVATIONS_TABLE)
        .where('entity_ref', entityRef)
        .first('entity_ref', 'first_seen_at', 'observations', 'updated_at');
      const row: ObservationsRow = await (this.isPostgres
        ? select.forUpdate()
        : select);

      const patch =
        typeof patchOrUpdate === 'function'
          ? patchOrUpdate(this.toObservations(row))
          : patchOrUpdate;
      if (!patch) {
        return this.toObservations(row);
      }
      const { firstSeenAt, ...rest } = patch;
      const stored = JSON.parse(row.observations) as Record<string, unknown>;
      for (const [key, value] of Object.entries(rest)) {
        if (value === undefined) {
          delete stored[key];
        } else {
          stored[key] = value;
        }
      }
      const update: Partial<ObservationsRow> = {
        observations: JSON.stringify(stored),
        updated_at: now,
      };
      const firstSeen = parseTimestamp(firstSeenAt);
      if (firstSeen) {
        update.first_seen_at = firstSeen;
      }
      await tx(OBSERVATIONS_TABLE)
        .where('entity_ref', entityRef)
        .update(update);
      return this.toObservations({ ...row, ...update } as ObservationsRow);
    });
  }

  /** The status documents of the given deployments, in the given order. */
  private async documents(entityRefs: string[]): Promise<DeploymentStatus[]> {
    if (entityRefs.length === 0) {
      return [];
    }
    const rows: DocumentRow[] = await this.db(DOCUMENT_TABLE)
      .whereIn('entity_ref', entityRefs)
      .select('entity_ref', 'status');
    const byRef = new Map(rows.map(row => [row.entity_ref, row.status]));
    // A deployment deleted between the two reads is left out of the page.
    return entityRefs.flatMap(ref => {
      const status = byRef.get(ref);
      return status ? [JSON.parse(status) as DeploymentStatus] : [];
    });
  }

  private toObservations(row: ObservationsRow): DeploymentObservations {
    const observations = JSON.parse(row.observations) as DeploymentObservations;
    return { ...observations, firstSeenAt: toIsoString(row.first_seen_at) };
  }

  /** The statuses matching the query's filters (not its cursor) that the caller may see. */
  private filtered(
    query: DeploymentQuery,
    visibility: VisibilityOptions = {},
  ): Knex.QueryBuilder {
    const builder = this.db(STATUS_TABLE);
    if (visibility.filter) {
      applyDeploymentFilter(builder, visibility.filter);
    }
    const anyOf = (column: string, values: readonly string[] | undefined) => {
      if (values && values.length > 0) {
        builder.whereIn(column, [...new Set(values)]);
      }
    };
    anyOf('license_status', query.license);
    anyOf('journal_status', query.journal);
    anyOf('gpu_status', query.gpu);
    anyOf('upgrade_status', query.upgrade);
    anyOf('health', query.health);
    anyOf('profile', query.profile);
    const lower = (refs?: string[]) =>
      refs?.map(ref => ref.toLocaleLowerCase('en-US'));
    anyOf('customer', lower(query.customer));
    anyOf('owner', lower(query.owner));
    for (const term of searchTerms(query.q)) {
      builder.whereRaw('?? like ? escape ?', [
        'search_text',
        `%${escapeLike(term)}%`,
        '\\',
      ]);
    }
    return builder;
  }

  /**
   * Keyset paging: rows strictly after the cursor's (value, entity ref) in the page's order,
   * where NULLs come after every value in both directions.
   */
  private whereAfter(
    builder: Knex.QueryBuilder,
    order: OrderColumn,
    direction: 'asc' | 'desc',
    cursor: Cursor,
  ) {
    const op = direction === 'asc' ? '>' : '<';
    const { column } = order;
    if (cursor.v === null) {
      builder.where(inner =>
        inner.whereNull(column).andWhere('entity_ref', op, cursor.r),
      );
      return;
    }
    const value =
      order.timestamp && typeof cursor.v === 'string'
        ? new Date(cursor.v)
        : cursor.v;
    builder.where(inner => {
      inner
        .where(column, op, value)
        .orWhere(tie =>
          tie.where(column, value).andWhere('entity_ref', op, cursor.r),
        );
      if (order.nullable) {
        inner.orWhereNull(column);
      }
    });
  }
}
