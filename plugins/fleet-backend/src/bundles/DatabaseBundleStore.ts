import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import type {
  BundleObservation,
  PlanFile,
} from '@fleetdeck/plugin-fleet-common';
import type { Knex } from 'knex';
import type {
  BundleStore,
  BundleVerificationRecord,
  StoredBundle,
} from './BundleStore';

const BUNDLES = 'fleet_update_bundles';

type Timestamp = Date | string | number;

type BundleRow = {
  id: string;
  entity_ref: string;
  from_version: string;
  target_version: string;
  manifest: string;
  kit_files: string;
  delivered_at: Timestamp;
  delivered_by: string;
  verified_at: Timestamp | null;
  verification: 'verified' | 'failed' | null;
  failed_files: string | null;
};

/** The columns of a bundle's record, without its manifest and kit. */
const RECORD_COLUMNS = [
  'id',
  'from_version',
  'target_version',
  'delivered_at',
  'delivered_by',
  'verified_at',
  'verification',
  'failed_files',
] as const;

/** Timestamps come back as `Date` from PostgreSQL and as epoch milliseconds from SQLite. */
const toIso = (value: Timestamp) => new Date(value).toISOString();

function toBundle(
  row: Pick<BundleRow, (typeof RECORD_COLUMNS)[number]>,
): BundleObservation {
  return {
    id: row.id,
    from: row.from_version,
    target: row.target_version,
    deliveredAt: toIso(row.delivered_at),
    deliveredBy: row.delivered_by,
    ...(row.verified_at !== null && { verifiedAt: toIso(row.verified_at) }),
    ...(row.verification !== null && { verification: row.verification }),
    ...(row.failed_files !== null && {
      failedFiles: JSON.parse(row.failed_files) as string[],
    }),
  };
}

/**
 * The knex implementation of {@link BundleStore}, on PostgreSQL or SQLite.
 *
 * @internal
 */
export class DatabaseBundleStore implements BundleStore {
  constructor(private readonly db: Knex) {}

  async record(
    entityRef: string,
    stored: StoredBundle,
  ): Promise<BundleObservation> {
    const { bundle } = stored;
    try {
      await this.db(BUNDLES)
        .insert({
          id: bundle.id,
          entity_ref: entityRef,
          from_version: bundle.from,
          target_version: bundle.target,
          manifest: stored.manifest,
          kit_files: JSON.stringify(stored.files),
          delivered_at: new Date(bundle.deliveredAt),
          delivered_by: bundle.deliveredBy,
        })
        .onConflict(['entity_ref', 'id'])
        .ignore();
    } catch (error) {
      if (!isDatabaseConflictError(error)) {
        throw error;
      }
    }
    return (await this.get(entityRef, bundle.id))!.bundle;
  }

  async list(entityRef: string, limit: number): Promise<BundleObservation[]> {
    const rows = await this.db<BundleRow>(BUNDLES)
      .where({ entity_ref: entityRef })
      .select(...RECORD_COLUMNS)
      .orderBy([
        { column: 'delivered_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(toBundle);
  }

  async get(entityRef: string, id: string): Promise<StoredBundle | undefined> {
    const row = await this.db<BundleRow>(BUNDLES)
      .where({ entity_ref: entityRef, id })
      .first();
    return (
      row && {
        bundle: toBundle(row),
        manifest: row.manifest,
        files: JSON.parse(row.kit_files) as PlanFile[],
      }
    );
  }

  async recordVerification(
    entityRef: string,
    id: string,
    result: BundleVerificationRecord,
  ): Promise<BundleObservation | undefined> {
    const verifiedAt = new Date(result.verifiedAt);
    await this.db(BUNDLES)
      .where({ entity_ref: entityRef, id })
      // Decided by the update itself, so two results racing cannot both apply out of order.
      .andWhere(query =>
        query.whereNull('verified_at').orWhere('verified_at', '<=', verifiedAt),
      )
      .update({
        verified_at: verifiedAt,
        verification: result.verification,
        failed_files: JSON.stringify(result.failedFiles),
      });
    return (await this.get(entityRef, id))?.bundle;
  }
}
