import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';
import { DatabaseBackupStore } from '../backups/DatabaseBackupStore';
import { DatabaseBundleStore } from '../bundles/DatabaseBundleStore';
import { migrateFleetDatabase } from '../database/migrateFleetDatabase';
import { DatabaseValuesStore } from '../values/DatabaseValuesStore';
import { mockServices } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const migrationsDir = resolvePackagePath(
  '@fleetdeck/plugin-fleet-backend',
  'migrations',
);

const REF = 'customerdeployment:default/acme-prod';
const OTHER = 'customerdeployment:default/acme-staging';
const TABLES = [
  'fleet_deployment_values',
  'fleet_update_bundles',
  'fleet_backups',
];

const sha = (c: string) => c.repeat(64);

describe.each(databases.eachSupportedId())(
  'upgrade record stores on %p',
  databaseId => {
    async function migrated() {
      const knex = await databases.init(databaseId as TestDatabaseId);
      return migrateFleetDatabase(mockServices.database({ knex }));
    }

    it('migrates up and down (20261204_upgrade_records)', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      const [, down] = await knex.migrate.down({
        directory: migrationsDir,
        name: '20261204_upgrade_records.js',
      });
      expect(down).toEqual(['20261204_upgrade_records.js']);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      // The earlier migrations are untouched.
      expect(await knex.schema.hasTable('fleet_registrations')).toBe(true);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('fleet_backups')).toBe(true);
    });

    describe('DatabaseValuesStore', () => {
      const values = (
        source: 'onboarding' | 'upload',
        recordedAt: string,
        document = `scaling:\n  replicas:\n    engine: 2\n`,
      ) => ({
        document,
        source,
        sha256: sha(source === 'upload' ? 'a' : 'b'),
        recordedAt,
        recordedBy: 'user:default/se',
      });

      it('stores a document and replaces it with a newer one', async () => {
        const store = new DatabaseValuesStore(await migrated());
        expect(await store.get(REF)).toBeUndefined();
        const first = values('onboarding', '2026-12-01T10:00:00.000Z');
        expect(await store.record(REF, first)).toEqual({
          stored: true,
          values: first,
        });
        const upload = values('upload', '2026-12-02T10:00:00.000Z', 'a: 1\n');
        await store.record(REF, upload);
        expect(await store.get(REF)).toEqual(upload);
        expect(await store.get(OTHER)).toBeUndefined();
      });

      it('keeps an upload newer than an onboarding document', async () => {
        const store = new DatabaseValuesStore(await migrated());
        const upload = values('upload', '2026-12-02T10:00:00.000Z', 'a: 1\n');
        await store.record(REF, upload);
        const retried = values('onboarding', '2026-12-01T10:00:00.000Z');
        expect(await store.record(REF, retried)).toEqual({
          stored: false,
          values: upload,
        });
        expect(await store.get(REF)).toEqual(upload);
      });
    });

    describe('DatabaseBundleStore', () => {
      const stored = (id: string, deliveredAt: string) => ({
        bundle: {
          id,
          from: '0.40.2',
          target: '0.42.0',
          deliveredAt,
          deliveredBy: 'user:default/se',
        },
        manifest: `{"id":"${id}"}`,
        files: [{ path: 'SHA256SUMS', content: `${sha('c')}  x\n` }],
      });

      it('records bundles once each and lists them newest first', async () => {
        const store = new DatabaseBundleStore(await migrated());
        await store.record(REF, stored(sha('1'), '2026-12-01T10:00:00.000Z'));
        await store.record(REF, stored(sha('2'), '2026-12-03T10:00:00.000Z'));
        // The same manifest again is the same bundle: its first record stays.
        expect(
          await store.record(REF, stored(sha('1'), '2026-12-04T10:00:00.000Z')),
        ).toEqual(stored(sha('1'), '2026-12-01T10:00:00.000Z').bundle);
        expect((await store.list(REF, 20)).map(b => b.id)).toEqual([
          sha('2'),
          sha('1'),
        ]);
        expect(await store.list(REF, 1)).toHaveLength(1);
        expect(await store.list(OTHER, 20)).toEqual([]);
        expect(await store.get(REF, sha('1'))).toEqual(
          stored(sha('1'), '2026-12-01T10:00:00.000Z'),
        );
        expect(await store.get(OTHER, sha('1'))).toBeUndefined();
      });

      it('records a verification, never letting an older result replace a newer one', async () => {
        const store = new DatabaseBundleStore(await migrated());
        await store.record(REF, stored(sha('1'), '2026-12-01T10:00:00.000Z'));
        const failed = {
          verifiedAt: '2026-12-02T10:00:00.000Z',
          verification: 'failed' as const,
          failedFiles: ['images/engine-release-261204.tar'],
        };
        expect(await store.recordVerification(REF, sha('1'), failed)).toEqual({
          ...stored(sha('1'), '2026-12-01T10:00:00.000Z').bundle,
          ...failed,
        });
        const verified = {
          verifiedAt: '2026-12-03T10:00:00.000Z',
          verification: 'verified' as const,
          failedFiles: [],
        };
        await store.recordVerification(REF, sha('1'), verified);
        // The failed result dropped again later: older, not applied.
        const after = await store.recordVerification(REF, sha('1'), failed);
        expect(after).toMatchObject(verified);
        expect(
          await store.recordVerification(OTHER, sha('1'), verified),
        ).toBeUndefined();
      });
    });

    describe('DatabaseBackupStore', () => {
      const backup = (component: string, takenAt: string, digest: string) => ({
        component,
        database: 'transcripts',
        takenAt,
        bytes: 5_000_000_000,
        sha256: sha(digest),
        retentionDays: 30,
        receivedAt: '2026-12-04T03:00:00.000Z',
        source: 'inbox' as const,
      });
      const observed = ({ source, ...rest }: ReturnType<typeof backup>) => rest;

      it('keeps the same manifest once and serves the latest backup per component', async () => {
        const store = new DatabaseBackupStore(await migrated());
        const day1 = backup('transcripts-db', '2026-12-02T02:00:00.000Z', '1');
        const day2 = backup('transcripts-db', '2026-12-03T02:00:00.000Z', '2');
        const other = backup('audit-db', '2026-12-01T02:00:00.000Z', '3');
        expect(await store.record(REF, day2)).toEqual({
          created: true,
          backup: observed(day2),
        });
        await store.record(REF, day1);
        await store.record(REF, other);
        expect(
          await store.record(REF, {
            ...day2,
            receivedAt: '2026-12-05T00:00:00.000Z',
          }),
        ).toEqual({ created: false, backup: observed(day2) });
        expect(await store.latest(REF)).toEqual([
          observed(other),
          observed(day2),
        ]);
        expect(await store.latest(OTHER)).toEqual([]);
      });
    });
  },
);
