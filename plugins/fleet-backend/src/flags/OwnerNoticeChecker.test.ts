import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { JournalReceiptObservation } from '@fleetdeck/plugin-fleet-common';
import { DatabaseFleetStore } from '../database/DatabaseFleetStore';
import { ReleaseService } from '../service/releases/ReleaseService';
import { StatusRefresher } from '../service/StatusRefresher';
import { DatabaseFlagStore } from './DatabaseFlagStore';
import { OwnerNoticeChecker } from './OwnerNoticeChecker';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const migrationsDir = resolvePackagePath(
  '@fleetdeck/plugin-fleet-backend',
  'migrations',
);

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const START = new Date('2026-11-01T09:00:00Z');
const at = (days: number, hours = 0) =>
  new Date(START.getTime() + days * DAY + hours * HOUR);

const ref = (name: string) => `customerdeployment:default/${name}`;

function deployment(
  name: string,
  options: {
    title?: string;
    owner?: string;
    replicas?: number;
    expiresAt?: string;
    journals?: boolean;
  } = {},
): Entity {
  return {
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: 'CustomerDeployment',
    metadata: { name, namespace: 'default', title: options.title },
    spec: {
      customer: 'harbor-trust-bank',
      owner: options.owner ?? 'group:default/solutions-east',
      lifecycle: 'production',
      profile: options.journals === false ? 'connected' : 'airgapped',
      chart: { name: 'deepgram-self-hosted', version: '0.41.1' },
      cluster: { kubernetesVersion: '1.31', namespace: 'dg' },
      license: {
        id: 'LIC-HTB-1',
        expiresAt: options.expiresAt ?? '2030-12-31',
      },
      billing:
        options.journals === false
          ? { mode: 'license-server' }
          : {
              mode: 'journal',
              replicas: options.replicas ?? 3,
              journalStorage: 'ebs',
              returnEvery: 'P30D',
            },
      gpu: { resourceName: 'nvidia.com/gpu', perEngine: 1, engineReplicas: 2 },
    },
  };
}

const receipt = (replica: number, receivedAt: Date) =>
  ({
    replica: `deepgram-billing-${replica}`,
    receivedAt: receivedAt.toISOString(),
  } satisfies JournalReceiptObservation);

describe('OwnerNoticeChecker', () => {
  // A run that silently skipped PostgreSQL has not tested it; scripts/test.sh provides one.
  it('runs on PostgreSQL in CI, not only on SQLite', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    expect(ids).toContain('SQLITE_3');
    expect(ids.some(id => id.startsWith('POSTGRES')) || !process.env.CI).toBe(
      true,
    );
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    /**
     * The fleet as the backend runs it, on a fake clock: `tick()` is what happens when task
     * fleet-journal-overdue runs, the statuses having been refreshed (task
     * fleet-status-refresh) at the same moment.
     */
    async function setup(entities: Entity[]) {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const database = mockServices.database({ knex });
      const store = await DatabaseFleetStore.create({ database });
      const flags = await DatabaseFlagStore.create({ database });
      const logger = mockServices.logger.mock();
      const releases = new ReleaseService(
        { read: async () => ({ index: {} }) },
        logger,
      );
      let now = START;
      let catalog = catalogServiceMock({ entities });
      const notifications = {
        send: jest.fn(async (_options: NotificationSendOptions) => {}),
      };
      const newChecker = () =>
        new OwnerNoticeChecker({
          store,
          flags,
          notifications,
          logger,
          now: () => now,
        });
      let checker = newChecker();
      const refresh = () =>
        new StatusRefresher({
          catalog,
          auth: mockServices.auth(),
          store,
          releases,
          logger,
          now: () => now,
        }).refreshAll();

      return {
        knex,
        store,
        flags,
        logger,
        notifications,
        /** Payloads sent since the last call. */
        sent() {
          const calls = notifications.send.mock.calls.map(
            ([options]) => options,
          );
          notifications.send.mockClear();
          return calls;
        },
        setTime(time: Date) {
          now = time;
        },
        setEntities(next: Entity[]) {
          catalog = catalogServiceMock({ entities: next });
        },
        /** A new checker, as after a restart: only the database remembers. */
        restart() {
          checker = newChecker();
        },
        async tick(time?: Date) {
          if (time) {
            now = time;
          }
          await refresh();
          return checker.run();
        },
        /** The two tasks apart, to meddle with the statuses in between. */
        async refresh(time: Date) {
          now = time;
          await refresh();
        },
        check() {
          return checker.run();
        },
        async observe(name: string, journals: JournalReceiptObservation[]) {
          await store.setObservations(ref(name), { journals });
        },
      };
    }

    it('migrates fleet_flags up and down, with one open flag per kind', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('fleet_flags')).toBe(true);

      const flags = await DatabaseFlagStore.create({
        database: mockServices.database({ knex }),
      });
      const flag = {
        entityRef: ref('a'),
        kind: 'journal-overdue' as const,
        detail: { replicas: ['deepgram-billing-0'] },
      };
      const [first] = await flags.apply({ raise: [flag] }, START);
      expect(first).toEqual({
        ...flag,
        id: expect.any(Number),
        raisedAt: START.toISOString(),
        notifyCount: 0,
      });
      // One open flag of a kind per deployment, also when a bug tries another; the failed
      // transaction leaves nothing behind. (Matched by message: better-sqlite3's errors may
      // come from another test file's realm when Jest reuses a worker, failing toThrow.)
      await expect(
        flags.apply({ raise: [{ ...flag, entityRef: ref('b') }, flag] }, at(1)),
      ).rejects.toMatchObject({ message: expect.stringMatching(/unique/i) });
      expect(await flags.listOpen()).toEqual([first]);
      // Cleared and raised again in one go.
      const [second] = await flags.apply(
        { clear: [first.id], raise: [flag] },
        at(1),
      );
      expect(second.id).not.toBe(first.id);
      await flags.markNotified([{ id: second.id }], at(2));
      expect(await flags.listFlags(ref('a'))).toEqual([
        {
          ...second,
          lastNotifiedAt: at(2).toISOString(),
          notifyCount: 1,
        },
        { ...first, clearedAt: at(1).toISOString() },
      ]);

      // By name: later migrations (registrations) stay applied.
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261124_fleet_flags.js',
      });
      expect(await knex.schema.hasTable('fleet_flags')).toBe(false);
      expect(await knex.schema.hasTable('fleet_deployment_status')).toBe(true);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('fleet_flags')).toBe(true);
    });

    it('flags journals going overdue once, reminds every 7 days and clears when they arrive', async () => {
      const name = 'harbor-trust-bank-prod';
      const fleet = await setup([
        deployment(name, { title: 'Harbor Trust Bank — production' }),
      ]);
      await fleet.store.setObservations(ref(name), {
        firstSeenAt: at(-90).toISOString(),
        // deepgram-billing-2 returned its journal two days before the others.
        journals: [receipt(0, START), receipt(1, START), receipt(2, at(-2))],
      });

      // fresh, then due: nothing to say.
      for (const time of [at(10), at(25), at(28)]) {
        expect(await fleet.tick(time)).toMatchObject({
          checked: 1,
          raised: 0,
          notified: 0,
        });
      }
      expect(await fleet.flags.listFlags(ref(name))).toEqual([]);

      // deepgram-billing-2 was due 2026-11-29T09:00Z: an hour later it is overdue.
      expect(await fleet.tick(at(28, 1))).toMatchObject({
        raised: 1,
        notified: 1,
        failed: [],
      });
      const [first] = fleet.sent();
      expect(first).toEqual({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/solutions-east',
        },
        payload: expect.objectContaining({
          title:
            'Harbor Trust Bank — production: billing journals overdue (deepgram-billing-2 was due 2026-11-29)',
          link: '/catalog/default/customerdeployment/harbor-trust-bank-prod',
          severity: 'high',
          topic: 'fleet-journals',
          scope: `fleet-journals:${ref(name)}`,
        }),
      });
      expect(first.payload.description).toContain(
        'deepgram-billing-2: last journal received 2026-10-30, the next was due 2026-11-29.',
      );
      expect(first.payload.description).toContain('upload them');
      const [flag] = await fleet.flags.listFlags(ref(name));
      expect(flag).toEqual({
        id: expect.any(Number),
        entityRef: ref(name),
        kind: 'journal-overdue',
        detail: { replicas: ['deepgram-billing-2'] },
        raisedAt: at(28, 1).toISOString(),
        lastNotifiedAt: at(28, 1).toISOString(),
        notifyCount: 1,
      });

      // The next hour and the next days: the same episode, no repeat, even when the other
      // replicas fall overdue too.
      await fleet.tick(at(28, 2));
      await fleet.tick(at(29, 1));
      expect(await fleet.tick(at(31))).toMatchObject({
        raised: 0,
        notified: 0,
      });
      expect(fleet.sent()).toEqual([]);
      const [widened] = await fleet.flags.listFlags(ref(name));
      expect(widened).toMatchObject({
        id: flag.id,
        notifyCount: 1,
        detail: {
          replicas: [
            'deepgram-billing-0',
            'deepgram-billing-1',
            'deepgram-billing-2',
          ],
        },
      });

      // Seven days after the first notification, a reminder; not before.
      await fleet.tick(at(35));
      expect(fleet.sent()).toEqual([]);
      expect(await fleet.tick(at(35, 1))).toMatchObject({ notified: 1 });
      const [reminder] = fleet.sent();
      expect(reminder.payload.title).toBe(
        'Harbor Trust Bank — production: billing journals overdue (deepgram-billing-0 was due 2026-12-01, deepgram-billing-1 was due 2026-12-01, deepgram-billing-2 was due 2026-11-29)',
      );
      expect(reminder.payload.description).toMatch(
        /^Still overdue since 2026-11-29 \(reminder 1\)\. deepgram-billing-0: last journal received 2026-11-01, the next was due 2026-12-01 \(5 days ago\)\./,
      );
      await fleet.tick(at(36));
      expect(fleet.sent()).toEqual([]);

      // The journals arrive: the flag is cleared and the owner told.
      await fleet.observe(
        name,
        [0, 1, 2].map(i => receipt(i, at(37))),
      );
      expect(await fleet.tick(at(37, 1))).toMatchObject({
        cleared: 1,
        notified: 1,
      });
      expect(fleet.sent()).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: 'group:default/solutions-east',
          },
          payload: expect.objectContaining({
            title: 'Harbor Trust Bank — production: billing journals back',
            description:
              'Every billing replica has returned a journal; the overdue flag raised 2026-11-29 is cleared. Next journal due 2027-01-07.',
            link: '/catalog/default/customerdeployment/harbor-trust-bank-prod',
            severity: 'low',
            topic: 'fleet-journals',
          }),
        },
      ]);
      expect(await fleet.flags.listFlags(ref(name))).toEqual([
        {
          ...flag,
          detail: widened.detail,
          lastNotifiedAt: at(35, 1).toISOString(),
          notifyCount: 2,
          clearedAt: at(37, 1).toISOString(),
        },
      ]);
      expect(await fleet.flags.listOpen()).toEqual([]);

      await fleet.tick(at(38));
      expect(fleet.sent()).toEqual([]);
    });

    it('flags a replica that never returned a journal once its first deadline passed, not before', async () => {
      const name = 'harbor-trust-bank-staging';
      const fleet = await setup([
        deployment(name, {
          title: 'Harbor Trust Bank — staging',
          replicas: 2,
        }),
      ]);
      // First seen at START: the first journals are due 30 days later. Until then the
      // replicas are never-received at warning level: no flag, no notification.
      await fleet.tick(START);
      await fleet.tick(at(29));
      expect(fleet.sent()).toEqual([]);
      expect(await fleet.flags.listOpen()).toEqual([]);

      await fleet.tick(at(30, 1));
      const [first] = fleet.sent();
      expect(first.payload).toMatchObject({
        title:
          'Harbor Trust Bank — staging: billing journals overdue (deepgram-billing-0 never returned one, deepgram-billing-1 never returned one)',
        severity: 'high',
      });
      expect(first.payload.description).toContain(
        'deepgram-billing-1: no journal received yet; the first was due 2026-12-01.',
      );
      expect(await fleet.flags.listOpen()).toMatchObject([
        {
          kind: 'journal-never-received',
          detail: { replicas: ['deepgram-billing-0', 'deepgram-billing-1'] },
          raisedAt: at(30, 1).toISOString(),
        },
      ]);
    });

    it("flags a replica missing from its sibling's delivery at once, and switches to overdue when only late ones remain", async () => {
      const name = 'harbor-trust-bank-staging';
      const fleet = await setup([
        deployment(name, {
          title: 'Harbor Trust Bank — staging',
          replicas: 2,
        }),
      ]);
      await fleet.tick(START);
      expect(fleet.sent()).toEqual([]);
      // deepgram-billing-0's journal arrives without deepgram-billing-1's: the backup took
      // one volume only. Critical at once, not 30 days later.
      await fleet.observe(name, [receipt(0, at(1))]);
      await fleet.tick(at(1, 1));
      const [first] = fleet.sent();
      expect(first.payload).toMatchObject({
        title:
          'Harbor Trust Bank — staging: billing journals overdue (deepgram-billing-1 never returned one)',
        severity: 'high',
      });
      expect(first.payload.description).toContain(
        'deepgram-billing-1: no journal received yet, not in the delivery of 2026-11-02: is its volume backed up?',
      );
      expect(await fleet.flags.listOpen()).toMatchObject([
        {
          kind: 'journal-never-received',
          detail: { replicas: ['deepgram-billing-1'] },
          raisedAt: at(1, 1).toISOString(),
        },
      ]);

      // deepgram-billing-1's first journal arrives; deepgram-billing-0 is overdue by then.
      await fleet.observe(name, [receipt(0, at(1)), receipt(1, at(32))]);
      await fleet.tick(at(32, 1));
      const [switched] = fleet.sent();
      expect(switched.payload.title).toBe(
        'Harbor Trust Bank — staging: billing journals overdue (deepgram-billing-0 was due 2026-12-02)',
      );
      const history = await fleet.flags.listFlags(ref(name));
      expect(history).toMatchObject([
        {
          kind: 'journal-overdue',
          detail: { replicas: ['deepgram-billing-0'] },
          raisedAt: at(32, 1).toISOString(),
          notifyCount: 1,
        },
        {
          kind: 'journal-never-received',
          clearedAt: at(32, 1).toISOString(),
          notifyCount: 1,
        },
      ]);
      expect(history[0].clearedAt).toBeUndefined();
    });

    it('notifies an expiring license at 30, 14, 7 and 1 days left, each once, and when it expires', async () => {
      const name = 'northwind-health-dr';
      const entity = deployment(name, {
        title: 'Northwind Health — DR',
        owner: 'group:default/solutions-west',
        expiresAt: '2027-01-31',
        journals: false,
      });
      const fleet = await setup([entity]);

      const notices: Array<[string, string, string | undefined]> = [];
      // Hourly runs would do the same; a run a day at 09:00 and at 21:00 is enough to show
      // that nothing repeats within a day or across days.
      for (let day = 0; day <= 96; day += 1) {
        for (const hour of [0, 12]) {
          const time = at(day, hour);
          // A restart right after the 14-day notice does not send it again.
          if (day === 77 && hour === 12) {
            fleet.restart();
          }
          await fleet.tick(time);
          for (const { payload } of fleet.sent()) {
            notices.push([
              time.toISOString().slice(0, 10),
              payload.title,
              payload.severity,
            ]);
          }
        }
      }
      expect(notices).toEqual([
        [
          '2027-01-01',
          'Northwind Health — DR: license expires in 30 days, on 2027-01-31',
          'normal',
        ],
        [
          '2027-01-17',
          'Northwind Health — DR: license expires in 14 days, on 2027-01-31',
          'normal',
        ],
        [
          '2027-01-24',
          'Northwind Health — DR: license expires in 7 days, on 2027-01-31',
          'normal',
        ],
        [
          '2027-01-30',
          'Northwind Health — DR: license expires tomorrow, on 2027-01-31',
          'normal',
        ],
        [
          '2027-02-01',
          'Northwind Health — DR: license expired (last valid day 2027-01-31)',
          'high',
        ],
      ]);
      expect(await fleet.flags.listFlags(ref(name))).toMatchObject([
        {
          kind: 'license-expired',
          detail: { expiresAt: '2027-01-31' },
          notifyCount: 1,
        },
        {
          kind: 'license-expiring',
          detail: { expiresAt: '2027-01-31', noticeDays: 1 },
          raisedAt: '2027-01-01T09:00:00.000Z',
          lastNotifiedAt: '2027-01-30T09:00:00.000Z',
          notifyCount: 4,
          clearedAt: '2027-02-01T09:00:00.000Z',
        },
      ]);

      // Renewed: the flags are over, without a word.
      fleet.setEntities([
        {
          ...entity,
          spec: {
            ...entity.spec,
            license: { id: 'LIC-2', expiresAt: '2028-01-31' },
          },
        },
      ]);
      expect(await fleet.tick(at(97))).toMatchObject({
        cleared: 1,
        notified: 0,
      });
      expect(await fleet.flags.listOpen()).toEqual([]);
    });

    it('sends only the nearest notice for a license first seen close to its end', async () => {
      const fleet = await setup([
        deployment('late', { expiresAt: '2026-11-11', journals: false }),
        deployment('short-term', { expiresAt: '2026-11-20', journals: false }),
      ]);
      await fleet.tick(START);
      expect(fleet.sent().map(s => s.payload.title)).toEqual([
        'late: license expires in 10 days, on 2026-11-11',
        'short-term: license expires in 19 days, on 2026-11-20',
      ]);
      await fleet.tick(at(1));
      expect(fleet.sent()).toEqual([]);
    });

    it('logs a deployment that fails and goes on with the others; the failed one is retried', async () => {
      const names = ['alpha-prod', 'bravo-prod', 'charlie-prod'];
      const fleet = await setup(
        names.map(name =>
          deployment(name, {
            owner: `group:default/team-${name}`,
            replicas: 1,
          }),
        ),
      );
      await fleet.tick(START);
      fleet.notifications.send.mockImplementation(async ({ recipients }) => {
        if (
          recipients.type === 'entity' &&
          recipients.entityRef === 'group:default/team-bravo-prod'
        ) {
          throw new Error('notifications backend unavailable');
        }
      });

      const result = await fleet.tick(at(31));
      expect(result).toMatchObject({
        checked: 3,
        raised: 3,
        notified: 2,
        failed: [ref('bravo-prod')],
      });
      expect(
        fleet
          .sent()
          .map(s => s.recipients.type === 'entity' && s.recipients.entityRef),
      ).toEqual([
        'group:default/team-alpha-prod',
        'group:default/team-bravo-prod',
        'group:default/team-charlie-prod',
      ]);
      expect(fleet.logger.error).toHaveBeenCalledWith(
        expect.stringContaining(
          `Could not notify group:default/team-bravo-prod about ${ref(
            'bravo-prod',
          )} ("bravo-prod: billing journals overdue (deepgram-billing-0 never returned one)"); it is tried again on the next run: Error: notifications backend unavailable`,
        ),
      );

      // The flag was raised, the notification not sent: it goes out on the next run.
      fleet.notifications.send.mockImplementation(async () => {});
      expect(await fleet.tick(at(31, 1))).toMatchObject({
        raised: 0,
        notified: 1,
        failed: [],
      });
      expect(fleet.sent().map(s => s.payload.title)).toEqual([
        'bravo-prod: billing journals overdue (deepgram-billing-0 never returned one)',
      ]);
      const open = await fleet.flags.listOpen();
      expect(open.map(f => [f.entityRef, f.notifyCount])).toEqual([
        [ref('alpha-prod'), 1],
        [ref('bravo-prod'), 1],
        [ref('charlie-prod'), 1],
      ]);
    });

    it('stops sending for the run when the notifications backend keeps failing', async () => {
      const names = Array.from({ length: 12 }, (_, i) => `site-${i + 10}`);
      const fleet = await setup(
        names.map(name => deployment(name, { replicas: 1 })),
      );
      await fleet.tick(START);
      fleet.notifications.send.mockRejectedValue(new Error('404 Not Found'));

      const result = await fleet.tick(at(31));
      expect(result).toMatchObject({ raised: 12, notified: 0 });
      expect(result.failed).toEqual(names.map(ref));
      expect(fleet.sent()).toHaveLength(10);
      expect(fleet.logger.error).toHaveBeenLastCalledWith(
        'Stopped sending after 10 notifications failed in a row; the other 2 are tried on the next run',
      );

      fleet.notifications.send.mockResolvedValue(undefined);
      expect(await fleet.tick(at(31, 1))).toMatchObject({
        raised: 0,
        notified: 12,
        failed: [],
      });
    });

    it('skips a deployment whose status it cannot read, and checks the others', async () => {
      const fleet = await setup([
        deployment('alpha-prod', { replicas: 1 }),
        deployment('bravo-prod', { replicas: 1 }),
      ]);
      await fleet.tick(START);
      await fleet.refresh(at(31));
      // A status written by something else, without its replicas.
      const broken = (await fleet.store.getStatus(ref('alpha-prod')))!;
      await fleet.store.upsertStatus({
        ...broken,
        journal: { status: 'overdue' } as typeof broken.journal,
      });

      expect(await fleet.check()).toMatchObject({
        checked: 2,
        raised: 1,
        notified: 1,
        failed: [ref('alpha-prod')],
      });
      expect(fleet.logger.error).toHaveBeenCalledWith(
        expect.stringContaining(
          `Could not check the journals and license of ${ref('alpha-prod')}`,
        ),
      );
      expect((await fleet.flags.listOpen()).map(f => f.entityRef)).toEqual([
        ref('bravo-prod'),
      ]);

      // Once the status is sound again, it is flagged like the others.
      await fleet.tick(at(31, 1));
      expect(fleet.sent().map(s => s.payload.title)).toEqual([
        'bravo-prod: billing journals overdue (deepgram-billing-0 never returned one)',
        'alpha-prod: billing journals overdue (deepgram-billing-0 never returned one)',
      ]);
    });

    it('clears, silently, the flags of a deployment that left the fleet', async () => {
      const fleet = await setup([
        deployment('stays', { replicas: 1 }),
        deployment('leaves', { replicas: 1 }),
      ]);
      await fleet.tick(START);
      await fleet.tick(at(31));
      expect(fleet.sent()).toHaveLength(2);

      fleet.setEntities([deployment('stays', { replicas: 1 })]);
      expect(await fleet.tick(at(32))).toMatchObject({
        checked: 1,
        cleared: 1,
        notified: 0,
      });
      expect(fleet.sent()).toEqual([]);
      expect((await fleet.flags.listFlags(ref('leaves')))[0].clearedAt).toBe(
        at(32).toISOString(),
      );
      expect((await fleet.flags.listOpen()).map(f => f.entityRef)).toEqual([
        ref('stays'),
      ]);
    });
  });
});
