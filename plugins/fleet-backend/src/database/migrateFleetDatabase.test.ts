import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';
import { migrateFleetDatabase } from './migrateFleetDatabase';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const FLEET_TABLES = [
  'fleet_deployment_status',
  'fleet_deployment_status_document',
  'fleet_observations',
  'fleet_journal_receipts',
  'fleet_flags',
  'fleet_registrations',
  'fleet_registration_artifacts',
];

describe.each(databases.eachSupportedId())(
  'migrateFleetDatabase on %s',
  databaseId => {
    it("creates every store's tables and returns the client", async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const client = await migrateFleetDatabase(
        mockServices.database({ knex }),
      );
      expect(client).toBe(knex);
      for (const table of FLEET_TABLES) {
        expect([table, await knex.schema.hasTable(table)]).toEqual([
          table,
          true,
        ]);
      }
    });

    it('skips migrations when the database says so', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await migrateFleetDatabase(
        mockServices.database({ knex, migrations: { skip: true } }),
      );
      for (const table of FLEET_TABLES) {
        expect([table, await knex.schema.hasTable(table)]).toEqual([
          table,
          false,
        ]);
      }
    });
  },
);
