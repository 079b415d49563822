import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const MIGRATIONS_DIR = resolvePackagePath(
  '@fleetdeck/plugin-fleet-backend',
  'migrations',
);

/**
 * The fleet database's client, migrated to the latest schema unless the backend's database
 * config says to skip migrations (`database.migrations.skip`). Every store's tables come
 * from the one `migrations/` folder, so the plugin calls this once at start-up and hands the
 * client to each store.
 *
 * @internal
 */
export async function migrateFleetDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: MIGRATIONS_DIR });
  }
  return client;
}
