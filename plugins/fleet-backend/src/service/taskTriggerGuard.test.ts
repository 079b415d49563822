import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { fleetPlugin } from '../plugin';
import { loadExampleEntities } from '../__testUtils__/examples';
import { STATUS_REFRESH_TASK_ID } from './tasks/statusRefreshTask';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const triggerUrl = (id: string) =>
  `/api/fleet/.backstage/scheduler/v1/tasks/${id}/trigger`;

/**
 * The fleet plugin with the core scheduler and the real permissions client. A request
 * without a token is made as `service`, a backend service whose access restrictions (from
 * `backend.auth.externalAccess`) say which permissions it has.
 */
async function startFleet(
  databaseId: TestDatabaseId,
  service: BackstageCredentials,
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      fleetPlugin,
      schedulerServiceFactory,
      permissionsServiceFactory,
      mockServices.httpAuth.factory({ defaultCredentials: service }),
      catalogServiceMock.factory({ entities: loadExampleEntities() }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true } },
      }),
    ],
  });
  return server;
}

describe.each(databases.eachSupportedId())(
  'the scheduler’s trigger route of the fleet on %p',
  databaseId => {
    it('refuses users, even one every other check lets through (403)', async () => {
      const server = await startFleet(
        databaseId,
        mockCredentials.service('external:ci'),
      );
      for (const path of [
        triggerUrl(STATUS_REFRESH_TASK_ID),
        `/api/fleet/.backstage/scheduler/v1/tasks/${STATUS_REFRESH_TASK_ID}/cancel`,
      ]) {
        const response = await request(server)
          .post(path)
          .set('Authorization', mockCredentials.user.header());
        expect(response.status).toBe(403);
        expect(response.body.error.message).toBe(
          'The fleet’s scheduled tasks run on their schedule; only a backend service with permission fleet.task.trigger may start or stop one',
        );
      }
    });

    it('lets a service with fleet.task.trigger trigger a task, and the scheduler answers', async () => {
      const server = await startFleet(
        databaseId,
        mockCredentials.service('external:ci', {
          permissionNames: ['fleet.task.trigger'],
        }),
      );
      expect(
        (await request(server).post(triggerUrl(STATUS_REFRESH_TASK_ID))).status,
      ).toBe(200);
      // Past the guard, the scheduler's own answers: no such task.
      expect(
        (await request(server).post(triggerUrl('no-such-task'))).status,
      ).toBe(404);
    });

    it('refuses a service without fleet.task.trigger (403)', async () => {
      const server = await startFleet(
        databaseId,
        mockCredentials.service('external:uploader', {
          permissionNames: ['fleet.journal.create'],
        }),
      );
      const response = await request(server).post(
        triggerUrl(STATUS_REFRESH_TASK_ID),
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        'This service may not start or stop the fleet’s scheduled tasks (permission fleet.task.trigger)',
      );
    });
  },
);
