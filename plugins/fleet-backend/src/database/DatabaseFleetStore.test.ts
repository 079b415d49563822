import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  DEPLOYMENT_HEALTHS,
  DEPLOYMENT_ORDER_FIELDS,
  DeploymentOrderField,
  DeploymentQuery,
  DeploymentStatus,
  GPU_STATUSES,
  JOURNAL_STATUSES,
  LICENSE_STATUSES,
  UPGRADE_STATUSES,
} from '@fleetdeck/plugin-fleet-common';
import { DatabaseFleetStore } from './DatabaseFleetStore';
import type { VisibilityOptions } from './FleetStore';
import { fleetOfStatuses, statusFixture } from '../__testUtils__/statuses';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const migrationsDir = resolvePackagePath(
  '@fleetdeck/plugin-fleet-backend',
  'migrations',
);

/** The value a status is ordered by, as the API documents it. */
function sortValue(
  status: DeploymentStatus,
  field: DeploymentOrderField,
): string | number | undefined {
  switch (field) {
    case 'name':
      return status.entityRef.split('/')[1];
    case 'license.expiresAt':
      return status.license.expiresAt;
    case 'journal.lastReceivedAt':
      return status.journal.lastReceivedAt
        ? new Date(status.journal.lastReceivedAt).getTime()
        : undefined;
    case 'upgrade.daysBehind':
      return status.upgrade.daysBehind;
    case 'health':
      return ['critical', 'warning', 'unknown', 'ok'].indexOf(status.health);
    default:
      throw new Error(`unknown field ${field}`);
  }
}

/** The documented order: the field's values, missing ones last either way, then the ref. */
function expectedOrder(
  statuses: DeploymentStatus[],
  field: DeploymentOrderField,
  order: 'asc' | 'desc',
): string[] {
  const sign = order === 'asc' ? 1 : -1;
  const compare = (a: string | number, b: string | number) => {
    if (a < b) return -1;
    return a > b ? 1 : 0;
  };
  return [...statuses]
    .sort((a, b) => {
      const va = sortValue(a, field);
      const vb = sortValue(b, field);
      if (va === undefined || vb === undefined) {
        if (va === vb) return sign * compare(a.entityRef, b.entityRef);
        return va === undefined ? 1 : -1;
      }
      return sign * compare(va, vb) || sign * compare(a.entityRef, b.entityRef);
    })
    .map(s => s.entityRef);
}

describe('DatabaseFleetStore', () => {
  // A run that silently skipped PostgreSQL has not tested it; scripts/test.sh provides one.
  it('runs on PostgreSQL in CI, not only on SQLite', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    const hasPostgres = ids.some(id => id.startsWith('POSTGRES'));
    expect(ids).toContain('SQLITE_3');
    expect(hasPostgres || !process.env.CI).toBe(true);
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const store = await DatabaseFleetStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    }

    async function listAll(
      store: DatabaseFleetStore,
      query: DeploymentQuery,
      visibility: VisibilityOptions = {},
    ): Promise<{ refs: string[]; pages: number; totals: number[] }> {
      const refs: string[] = [];
      const totals: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listStatuses({ ...query, cursor }, visibility);
        refs.push(...page.items.map(s => s.entityRef));
        totals.push(page.totalCount ?? -1);
        cursor = page.nextCursor;
        pages += 1;
        if (pages > 100) throw new Error('paging does not end');
      } while (cursor);
      return { refs, pages, totals };
    }

    it('migrates up and down', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('fleet_deployment_status')).toBe(true);
      expect(await knex.schema.hasTable('fleet_observations')).toBe(true);

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      expect(await knex.schema.hasTable('fleet_deployment_status')).toBe(false);
      expect(await knex.schema.hasTable('fleet_observations')).toBe(false);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('fleet_deployment_status')).toBe(true);
    });

    it('keeps every stored status when status documents move to their own table and back', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const migration = '20261127_status_documents.js';
      const all: string[] = (
        await knex.migrate.list({
          directory: migrationsDir,
        })
      )[1].map((m: { file: string }) => m.file);
      for (const file of all.filter(name => name < migration)) {
        await knex.migrate.up({ directory: migrationsDir, name: file });
      }
      const status = statusFixture({ name: 'kept' });
      const row = {
        entity_ref: status.entityRef,
        namespace: 'default',
        name: 'kept',
        title: status.title,
        customer: status.customer,
        owner: status.owner,
        profile: status.profile,
        chart_version: status.chartVersion,
        health: status.health,
        health_rank: 0,
        license_status: status.license.status,
        journal_status: status.journal.status,
        gpu_status: status.gpu.status,
        upgrade_status: status.upgrade.status,
        search_text: 'kept',
        evaluated_at: new Date(),
      };
      await knex('fleet_deployment_status').insert({
        ...row,
        status: JSON.stringify(status),
      });

      await knex.migrate.up({ directory: migrationsDir, name: migration });
      expect(
        await knex.schema.hasColumn('fleet_deployment_status', 'status'),
      ).toBe(false);
      const store = await DatabaseFleetStore.create({
        database: mockServices.database({ knex }),
      });
      expect(await store.getStatus(status.entityRef)).toEqual(status);
      expect((await store.listStatuses({})).items).toEqual([status]);

      await knex.migrate.down({ directory: migrationsDir, name: migration });
      expect(
        await knex.schema.hasTable('fleet_deployment_status_document'),
      ).toBe(false);
      const [restored] = await knex('fleet_deployment_status').select('status');
      expect(JSON.parse(restored.status)).toEqual(status);
    });

    it('skips migrations when the database says so', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await DatabaseFleetStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      expect(await knex.schema.hasTable('fleet_deployment_status')).toBe(false);
    });

    it('pages without counting when the caller has the count already', async () => {
      const { store } = await createStore();
      await store.replaceStatuses(fleetOfStatuses());
      const query: DeploymentQuery = { license: ['expired'], limit: 2 };

      const counted = await store.listStatuses(query);
      const uncounted = await store.listStatuses(query, { count: false });
      expect(uncounted).not.toHaveProperty('totalCount');
      expect(uncounted.items).toEqual(counted.items);
      expect(uncounted.nextCursor).toEqual(counted.nextCursor);
      expect(counted.totalCount).toBe((await store.summarize(query)).total);
    });

    it('filters by each signal, profile, customer, owner and text', async () => {
      const { store } = await createStore();
      const fleet = fleetOfStatuses();
      await store.replaceStatuses(fleet);

      const refsOf = async (query: DeploymentQuery) =>
        (await listAll(store, { ...query, limit: 500 })).refs.sort();
      const expected = (predicate: (s: DeploymentStatus) => boolean) =>
        fleet
          .filter(predicate)
          .map(s => s.entityRef)
          .sort();

      expect(await refsOf({})).toEqual(expected(() => true));
      expect(await refsOf({ license: ['expired'] })).toEqual(
        expected(s => s.license.status === 'expired'),
      );
      expect(await refsOf({ license: ['expired', 'expiring'] })).toEqual(
        expected(s => ['expired', 'expiring'].includes(s.license.status)),
      );
      expect(await refsOf({ journal: ['overdue', 'due'] })).toEqual(
        expected(s => ['overdue', 'due'].includes(s.journal.status)),
      );
      expect(await refsOf({ gpu: ['tight'] })).toEqual(
        expected(s => s.gpu.status === 'tight'),
      );
      expect(await refsOf({ upgrade: ['blocked', 'ready'] })).toEqual(
        expected(s => ['blocked', 'ready'].includes(s.upgrade.status)),
      );
      expect(await refsOf({ health: ['critical'] })).toEqual(
        expected(s => s.health === 'critical'),
      );
      expect(await refsOf({ profile: ['connected'] })).toEqual(
        expected(s => s.profile === 'connected'),
      );
      expect(
        await refsOf({
          customer: ['customer:default/acme'],
          profile: ['saas'],
        }),
      ).toEqual(
        expected(
          s => s.customer === 'customer:default/acme' && s.profile === 'saas',
        ),
      );
      expect(await refsOf({ owner: ['group:default/solutions-west'] })).toEqual(
        expected(s => s.owner === 'group:default/solutions-west'),
      );
      // Every term must match, anywhere in name, title, customer or owner, in any case.
      expect(await refsOf({ q: 'GLOBEX  West' })).toEqual(
        expected(
          s =>
            s.customer === 'customer:default/globex' &&
            s.owner === 'group:default/solutions-west',
        ),
      );
      expect(await refsOf({ q: 'site07' })).toEqual([
        'customerdeployment:default/site07',
        'customerdeployment:other/site07',
      ]);
      // LIKE wildcards are literal text.
      expect(await refsOf({ q: '%' })).toEqual([]);
      expect(await refsOf({ q: 'site_7' })).toEqual([]);
      expect(await refsOf({ license: ['valid'], gpu: ['unknown'] })).toEqual(
        expected(
          s => s.license.status === 'valid' && s.gpu.status === 'unknown',
        ),
      );
    });

    it.each(
      DEPLOYMENT_ORDER_FIELDS.flatMap(field =>
        (['asc', 'desc'] as const).map(order => [field, order] as const),
      ),
    )(
      'orders by %s %s and pages through it with cursors',
      async (field, order) => {
        const { store } = await createStore();
        const fleet = fleetOfStatuses();
        await store.replaceStatuses(fleet);

        const { refs, pages, totals } = await listAll(store, {
          orderBy: field,
          order,
          limit: 4,
        });
        expect(refs).toEqual(expectedOrder(fleet, field, order));
        expect(pages).toBe(Math.ceil(fleet.length / 4));
        expect(new Set(totals)).toEqual(new Set([fleet.length]));

        // The same with a filter: each page counts the filtered set, not the page.
        const connected = fleet.filter(s => s.profile !== 'airgapped');
        const filtered = await listAll(store, {
          orderBy: field,
          order,
          limit: 3,
          profile: ['connected', 'saas'],
        });
        expect(filtered.refs).toEqual(expectedOrder(connected, field, order));
        expect(new Set(filtered.totals)).toEqual(new Set([connected.length]));
      },
    );

    it('serves the first page by name with the default size', async () => {
      const { store } = await createStore();
      const fleet = fleetOfStatuses();
      await store.replaceStatuses(fleet);

      const page = await store.listStatuses({});
      expect(page.items.map(s => s.entityRef)).toEqual(
        expectedOrder(fleet, 'name', 'asc'),
      );
      expect(page.totalCount).toBe(fleet.length);
      expect(page.nextCursor).toBeUndefined();
      expect(page.items[0]).toEqual(
        fleet.find(s => s.entityRef === page.items[0].entityRef),
      );

      const empty = await store.listStatuses({ customer: ['customer:x/y'] });
      expect(empty).toEqual({ items: [], totalCount: 0 });
    });

    it('refuses a cursor of another query or a garbled one', async () => {
      const { store } = await createStore();
      await store.replaceStatuses(fleetOfStatuses());

      const first = await store.listStatuses({ orderBy: 'health', limit: 2 });
      expect(first.nextCursor).toEqual(expect.any(String));

      await expect(
        store.listStatuses({
          orderBy: 'health',
          order: 'desc',
          limit: 2,
          cursor: first.nextCursor,
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('Invalid cursor'),
      });
      await expect(
        store.listStatuses({
          orderBy: 'health',
          limit: 2,
          license: ['valid'],
          cursor: first.nextCursor,
        }),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        store.listStatuses({ cursor: 'not-a-cursor' }),
      ).rejects.toMatchObject({ name: 'InputError' });

      // The page size may change between pages; the position stays.
      const second = await store.listStatuses({
        orderBy: 'health',
        limit: 3,
        cursor: first.nextCursor,
      });
      const both = await store.listStatuses({ orderBy: 'health', limit: 5 });
      expect([...first.items, ...second.items].map(s => s.entityRef)).toEqual(
        both.items.map(s => s.entityRef),
      );
    });

    it('counts each status over the filtered set only', async () => {
      const { store } = await createStore();
      const fleet = fleetOfStatuses();
      await store.replaceStatuses(fleet);

      const count = (statuses: DeploymentStatus[]) => {
        const tally = <K extends string>(
          keys: readonly K[],
          pick: (s: DeploymentStatus) => string,
        ) =>
          Object.fromEntries(
            keys.map(k => [k, statuses.filter(s => pick(s) === k).length]),
          );
        return {
          total: statuses.length,
          health: tally(DEPLOYMENT_HEALTHS, s => s.health),
          license: tally(LICENSE_STATUSES, s => s.license.status),
          journal: tally(JOURNAL_STATUSES, s => s.journal.status),
          gpu: tally(GPU_STATUSES, s => s.gpu.status),
          upgrade: tally(UPGRADE_STATUSES, s => s.upgrade.status),
        };
      };

      expect(await store.summarize({})).toEqual(count(fleet));
      expect(
        await store.summarize({ profile: ['airgapped'], q: 'acme' }),
      ).toEqual(
        count(
          fleet.filter(
            s =>
              s.profile === 'airgapped' &&
              s.customer === 'customer:default/acme',
          ),
        ),
      );
      // Paging parameters do not change the summary.
      expect(await store.summarize({ health: ['critical'], limit: 1 })).toEqual(
        count(fleet.filter(s => s.health === 'critical')),
      );
      expect(await store.summarize({ owner: ['group:default/none'] })).toEqual(
        count([]),
      );
    });

    it('pages, counts and summarizes only what a policy’s filter lets through', async () => {
      const { store } = await createStore();
      const fleet = fleetOfStatuses();
      await store.replaceStatuses(fleet);
      // The owning team's, and globex's that are not saas.
      const visibility: VisibilityOptions = {
        filter: {
          anyOf: [
            { column: 'owner', values: ['group:default/solutions-east'] },
            {
              allOf: [
                { column: 'customer', values: ['customer:default/globex'] },
                { not: { column: 'profile', values: ['saas'] } },
              ],
            },
          ],
        },
      };
      const visible = fleet.filter(
        s =>
          s.owner === 'group:default/solutions-east' ||
          (s.customer === 'customer:default/globex' && s.profile !== 'saas'),
      );
      expect(visible.length).toBeGreaterThan(0);
      expect(visible.length).toBeLessThan(fleet.length);

      const all = await listAll(
        store,
        { orderBy: 'health', limit: 7 },
        visibility,
      );
      expect(all.refs).toHaveLength(visible.length);
      expect(new Set(all.refs)).toEqual(new Set(visible.map(s => s.entityRef)));
      expect(new Set(all.totals)).toEqual(new Set([visible.length]));
      const summary = await store.summarize({}, visibility);
      expect(summary.total).toBe(visible.length);
      expect(summary.health.critical).toBe(
        visible.filter(s => s.health === 'critical').length,
      );

      // With the query's own filters: both apply.
      const airgapped = visible.filter(s => s.profile === 'airgapped');
      expect(
        (await store.summarize({ profile: ['airgapped'] }, visibility)).total,
      ).toBe(airgapped.length);
      expect(
        (await listAll(store, { profile: ['airgapped'] }, visibility)).refs,
      ).toHaveLength(airgapped.length);
    });

    it('replaces the fleet, removing deployments that are gone', async () => {
      const { store } = await createStore();
      const fleet = fleetOfStatuses();
      await store.replaceStatuses(fleet);

      const changed = statusFixture({
        name: 'site01',
        license: 'expired',
        health: 'critical',
      });
      const added = statusFixture({ name: 'site99' });
      await store.replaceStatuses([changed, added, fleet[2]]);

      const { refs } = await listAll(store, { limit: 500 });
      expect(refs.sort()).toEqual(
        [changed.entityRef, added.entityRef, fleet[2].entityRef].sort(),
      );
      expect(await store.getStatus(changed.entityRef)).toEqual(changed);
      expect(await store.getStatus(fleet[3].entityRef)).toBeUndefined();

      await store.replaceStatuses([]);
      expect((await store.listStatuses({})).totalCount).toBe(0);
    });

    it('upserts and deletes one status', async () => {
      const { store } = await createStore();
      const status = statusFixture({ name: 'site01' });
      await store.upsertStatus(status);
      expect(await store.getStatus(status.entityRef)).toEqual(status);

      const updated = statusFixture({ name: 'site01', gpu: 'insufficient' });
      await store.upsertStatus(updated);
      expect(await store.getStatus(status.entityRef)).toEqual(updated);
      expect(
        (await store.listStatuses({ gpu: ['insufficient'] })).items,
      ).toEqual([updated]);

      await store.deleteStatus(status.entityRef);
      expect(await store.getStatus(status.entityRef)).toBeUndefined();
    });

    it('replaces thousands of statuses in one go', async () => {
      const { store } = await createStore();
      const many = Array.from({ length: 1500 }, (_, i) =>
        statusFixture({ name: `bulk${String(i).padStart(4, '0')}` }),
      );
      await store.replaceStatuses(many);
      expect((await store.listStatuses({ limit: 1 })).totalCount).toBe(1500);

      await store.replaceStatuses(many.slice(0, 700));
      expect((await store.summarize({})).total).toBe(700);
    });

    it('keeps observations and the first time a deployment was seen', async () => {
      const { store } = await createStore();
      const ref = 'customerdeployment:default/site01';
      const other = 'customerdeployment:default/site02';

      expect(await store.getObservations([ref])).toEqual(new Map());

      await store.recordFirstSeen([ref], new Date('2026-01-01T00:00:00Z'));
      await store.recordFirstSeen(
        [ref, other],
        new Date('2026-02-01T00:00:00Z'),
      );
      expect(await store.getObservations([ref, other])).toEqual(
        new Map([
          [ref, { firstSeenAt: '2026-01-01T00:00:00.000Z' }],
          [other, { firstSeenAt: '2026-02-01T00:00:00.000Z' }],
        ]),
      );

      const journals = [
        { replica: 'deepgram-billing-0', receivedAt: '2026-03-01T10:00:00Z' },
      ];
      await store.setObservations(ref, { journals });
      const gpu = {
        observedAt: '2026-03-02T00:00:00Z',
        source: 'report' as const,
        allocatable: 4,
        requested: 2,
        pendingGpuPods: 0,
        models: [],
      };
      const merged = await store.setObservations(ref, { gpu });
      expect(merged).toEqual({
        firstSeenAt: '2026-01-01T00:00:00.000Z',
        journals,
        gpu,
      });
      expect((await store.getObservations([ref])).get(ref)).toEqual(merged);

      // undefined removes a key; a deployment never seen before is seen now.
      expect(await store.setObservations(ref, { gpu: undefined })).toEqual({
        firstSeenAt: '2026-01-01T00:00:00.000Z',
        journals,
      });
      const fresh = await store.setObservations(
        'customerdeployment:default/new',
        { valuesKeys: ['engine.modelManager.models.links'] },
      );
      expect(fresh).toEqual({
        firstSeenAt: expect.any(String),
        valuesKeys: ['engine.modelManager.models.links'],
      });

      // Concurrent patches of different keys both land.
      await Promise.all([
        store.setObservations(other, { journals }),
        store.setObservations(other, { gpu }),
      ]);
      expect((await store.getObservations([other])).get(other)).toEqual({
        firstSeenAt: '2026-02-01T00:00:00.000Z',
        journals,
        gpu,
      });
    });

    it('lets a writer decide on the stored observations, with no other writer in between', async () => {
      const { store } = await createStore();
      const ref = 'customerdeployment:default/site03';
      const report = (day: number) => ({
        gpu: {
          observedAt: `2026-03-${String(day).padStart(2, '0')}T00:00:00.000Z`,
          source: 'report' as const,
          allocatable: day,
          requested: 0,
          pendingGpuPods: 0,
          models: [],
        },
      });
      // Reports of days 1–12 race in shuffled order; each applies only when newer.
      const days = [5, 1, 12, 3, 9, 7, 2, 11, 4, 10, 6, 8];
      const applied: number[] = [];
      await Promise.all(
        days.map(day =>
          store.setObservations(ref, current => {
            const newer =
              current.gpu &&
              Date.parse(current.gpu.observedAt) >=
                Date.parse(report(day).gpu.observedAt);
            if (newer) return undefined;
            applied.push(day);
            return report(day);
          }),
        ),
      );
      expect((await store.getObservations([ref])).get(ref)?.gpu).toEqual(
        report(12).gpu,
      );
      // Each decision saw the one before it: the applied reports only ever got newer.
      expect(applied).toEqual([...applied].sort((a, b) => a - b));

      // Declining leaves everything as it was and says what is stored.
      const kept = await store.setObservations(ref, () => undefined);
      expect(kept.gpu).toEqual(report(12).gpu);
    });
  });
});
