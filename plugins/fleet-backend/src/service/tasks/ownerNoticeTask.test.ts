import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { fleetPlugin } from '../../plugin';
import { loadExampleEntities } from '../../__testUtils__/examples';
import { OWNER_NOTICE_TASK_ID } from './ownerNoticeTask';
import { schedulerOfFleet } from '../../__testUtils__/schedulerOfFleet';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The UTC date `days` from today, as the example entities resolve `$daysFromNow`. */
function day(days: number): string {
  const now = new Date();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days),
  )
    .toISOString()
    .slice(0, 10);
}

describe('task fleet-journal-overdue', () => {
  it('is scheduled by the plugin, globally, and notifies the owners of the example fleet', async () => {
    const scheduler = schedulerOfFleet();
    const notifications = {
      send: jest.fn(async (_options: NotificationSendOptions) => {}),
    };
    await startTestBackend({
      features: [
        fleetPlugin,
        scheduler.module,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => notifications,
        }),
        catalogServiceMock.factory({ entities: loadExampleEntities() }),
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.scheduler.factory(),
        mockServices.rootConfig.factory({
          data: {
            fleet: {
              notices: {
                schedule: {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 2 },
                  initialDelay: { minutes: 1 },
                },
              },
            },
          },
        }),
      ],
    });

    expect(await scheduler.get().getScheduledTasks()).toContainEqual(
      expect.objectContaining({ id: OWNER_NOTICE_TASK_ID, scope: 'global' }),
    );
    // Delayed: not run at startup.
    expect(notifications.send).not.toHaveBeenCalled();

    await scheduler.get().triggerTask(OWNER_NOTICE_TASK_ID);
    // The example fleet was first seen at startup, so its journals are fresh; three
    // licenses are close to their end or past it.
    expect(
      notifications.send.mock.calls.map(([{ recipients, payload }]) => [
        recipients,
        payload.title,
        payload.link,
        payload.severity,
      ]),
    ).toEqual([
      [
        { type: 'entity', entityRef: 'group:default/solutions-west' },
        `Cascadia Court Reporting — production: license expired (last valid day ${day(
          -9,
        )})`,
        '/catalog/default/customerdeployment/cascadia-courts-prod',
        'high',
      ],
      [
        { type: 'entity', entityRef: 'group:default/solutions-east' },
        `Harbor Trust Bank — staging: license expires in 12 days, on ${day(
          12,
        )}`,
        '/catalog/default/customerdeployment/harbor-trust-bank-staging',
        'normal',
      ],
      [
        { type: 'entity', entityRef: 'group:default/solutions-east' },
        `Northwind Health — disaster recovery: license expires in 30 days, on ${day(
          30,
        )}`,
        '/catalog/default/customerdeployment/northwind-health-dr',
        'normal',
      ],
    ]);

    // Run again: nothing new to say.
    notifications.send.mockClear();
    await scheduler.get().triggerTask(OWNER_NOTICE_TASK_ID);
    expect(notifications.send).not.toHaveBeenCalled();
  });
});
