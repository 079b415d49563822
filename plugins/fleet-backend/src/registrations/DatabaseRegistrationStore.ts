import { createHash } from 'node:crypto';
import {
  DatabaseService,
  isDatabaseConflictError,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  ArtifactSummary,
  Registration,
} from '@fleetdeck/plugin-fleet-common';
import type { Knex } from 'knex';
import type { NewRegistration, RegistrationStore } from './RegistrationStore';
import { migrateFleetDatabase } from '../database/migrateFleetDatabase';

const REGISTRATIONS = 'fleet_registrations';
const ARTIFACTS = 'fleet_registration_artifacts';

type Timestamp = Date | string | number;

type RegistrationRow = {
  entity_ref: string;
  task_id: string;
  registered_by: string;
  registered_at: Timestamp;
  updated_at: Timestamp;
  deployment: string;
  customer: string | null;
};

/** Timestamps come back as `Date` from PostgreSQL and as epoch milliseconds from SQLite. */
const toIso = (value: Timestamp) => new Date(value).toISOString();

function toRegistration(row: RegistrationRow): Registration {
  return {
    entityRef: row.entity_ref,
    taskId: row.task_id,
    registeredBy: row.registered_by,
    registeredAt: toIso(row.registered_at),
    updatedAt: toIso(row.updated_at),
    deployment: JSON.parse(row.deployment),
    ...(row.customer ? { customer: JSON.parse(row.customer) } : {}),
  };
}

/**
 * The knex implementation of {@link RegistrationStore} (`fleet_registrations`,
 * `fleet_registration_artifacts`), on PostgreSQL or SQLite.
 *
 * @internal
 */
export class DatabaseRegistrationStore implements RegistrationStore {
  /**
   * A store on a database migrated here, for tests and tools; the plugin migrates once
   * ({@link migrateFleetDatabase}) and constructs its stores with the client.
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRegistrationStore> {
    return new DatabaseRegistrationStore(
      await migrateFleetDatabase(options.database),
    );
  }

  /** A store on a client whose database is migrated already. */
  constructor(private readonly db: Knex) {}

  async register(
    registration: NewRegistration,
    now: Date,
  ): Promise<{ created: boolean }> {
    return this.db.transaction(async tx => {
      const existing = await tx<RegistrationRow>(REGISTRATIONS)
        .where({ entity_ref: registration.entityRef })
        .first();
      if (existing && existing.task_id !== registration.taskId) {
        throw new ConflictError(
          `${registration.entityRef} was already registered on ${toIso(
            existing.registered_at,
          ).slice(0, 10)} by ${
            existing.registered_by
          }; choose another deployment name`,
        );
      }
      const row = {
        task_id: registration.taskId,
        registered_by: registration.registeredBy,
        updated_at: now,
        deployment: JSON.stringify(registration.deployment),
        customer: registration.customer
          ? JSON.stringify(registration.customer)
          : null,
      };
      if (existing) {
        await tx(REGISTRATIONS)
          .where({ entity_ref: registration.entityRef })
          .update(row);
        await tx(ARTIFACTS)
          .where({ entity_ref: registration.entityRef })
          .delete();
      } else {
        try {
          await tx(REGISTRATIONS).insert({
            entity_ref: registration.entityRef,
            registered_at: now,
            ...row,
          });
        } catch (error) {
          // Two registrations of the same name at once: the second one loses.
          if (isDatabaseConflictError(error)) {
            throw new ConflictError(
              `${registration.entityRef} is being registered by another task; choose another deployment name`,
            );
          }
          throw error;
        }
      }
      if (registration.artifacts.length > 0) {
        await tx(ARTIFACTS).insert(
          registration.artifacts.map(artifact => ({
            entity_ref: registration.entityRef,
            name: artifact.name,
            content: artifact.content,
            bytes: Buffer.byteLength(artifact.content, 'utf8'),
            sha256: createHash('sha256').update(artifact.content).digest('hex'),
          })),
        );
      }
      return { created: !existing };
    });
  }

  async list(): Promise<Registration[]> {
    const rows = await this.db<RegistrationRow>(REGISTRATIONS).orderBy(
      'entity_ref',
    );
    return rows.map(toRegistration);
  }

  async get(entityRef: string): Promise<Registration | undefined> {
    const row = await this.db<RegistrationRow>(REGISTRATIONS)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toRegistration(row) : undefined;
  }

  async listArtifacts(entityRef: string): Promise<ArtifactSummary[]> {
    const rows = await this.db(ARTIFACTS)
      .where({ entity_ref: entityRef })
      .select('name', 'bytes', 'sha256')
      .orderBy('name');
    return rows.map(row => ({
      name: row.name,
      bytes: Number(row.bytes),
      sha256: row.sha256,
    }));
  }

  async getArtifacts(
    entityRef: string,
  ): Promise<Array<{ name: string; content: string }>> {
    return this.db(ARTIFACTS)
      .where({ entity_ref: entityRef })
      .select('name', 'content')
      .orderBy('name');
  }
}
