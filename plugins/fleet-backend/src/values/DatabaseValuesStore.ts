import type { Knex } from 'knex';
import type { StoredValues, ValuesStore } from './ValuesStore';

const VALUES = 'fleet_deployment_values';

type Timestamp = Date | string | number;

type ValuesRow = {
  entity_ref: string;
  document: string;
  source: StoredValues['source'];
  sha256: string;
  recorded_at: Timestamp;
  recorded_by: string;
};

/** Timestamps come back as `Date` from PostgreSQL and as epoch milliseconds from SQLite. */
const toIso = (value: Timestamp) => new Date(value).toISOString();

function toValues(row: ValuesRow): StoredValues {
  return {
    document: row.document,
    source: row.source,
    sha256: row.sha256,
    recordedAt: toIso(row.recorded_at),
    recordedBy: row.recorded_by,
  };
}

/** Whether `incoming` may replace `current`: an onboarding document never replaces a newer upload. */
export function replacesValues(
  current: Pick<StoredValues, 'source' | 'recordedAt'> | undefined,
  incoming: Pick<StoredValues, 'source' | 'recordedAt'>,
): boolean {
  return !(
    current &&
    incoming.source === 'onboarding' &&
    current.source === 'upload' &&
    Date.parse(current.recordedAt) > Date.parse(incoming.recordedAt)
  );
}

/**
 * The knex implementation of {@link ValuesStore}, on PostgreSQL or SQLite.
 *
 * @internal
 */
export class DatabaseValuesStore implements ValuesStore {
  constructor(private readonly db: Knex) {}

  async get(entityRef: string): Promise<StoredValues | undefined> {
    const row = await this.db<ValuesRow>(VALUES)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toValues(row) : undefined;
  }

  async record(
    entityRef: string,
    values: StoredValues,
  ): Promise<{ stored: boolean; values: StoredValues }> {
    return this.db.transaction(async tx => {
      const select = tx<ValuesRow>(VALUES).where({ entity_ref: entityRef });
      // Two writers at once: the row lock orders them on PostgreSQL; SQLite serialises writes.
      const existing = await (this.isPostgres
        ? select.forUpdate().first()
        : select.first());
      const current = existing ? toValues(existing) : undefined;
      if (!replacesValues(current, values)) {
        return { stored: false, values: current! };
      }
      const row = {
        document: values.document,
        source: values.source,
        sha256: values.sha256,
        recorded_at: new Date(values.recordedAt),
        recorded_by: values.recordedBy,
      };
      await tx(VALUES)
        .insert({ entity_ref: entityRef, ...row })
        .onConflict('entity_ref')
        .merge(row);
      return { stored: true, values };
    });
  }

  private get isPostgres(): boolean {
    return String(this.db.client.config.client).startsWith('pg');
  }
}
