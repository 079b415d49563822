import type { TestDatabaseId } from '@backstage/backend-test-utils';

/**
 * The databases every fleet store and plugin test runs on: SQLite, and each PostgreSQL that
 * the environment names (CI sets one; `TestDatabases` skips those it cannot reach).
 */
export const FLEET_TEST_DATABASE_IDS: TestDatabaseId[] = [
  'SQLITE_3',
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
];
