import type {
  BackendFeature,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import { fleetPlugin } from '../plugin';
import { loadExampleEntities } from './examples';
import { schedulerOfFleet } from './schedulerOfFleet';

/**
 * The fleet plugin in a test backend with the example fleet in its catalog, a blob store and
 * an inbox in a temporary folder, and every scheduled task left for the test to trigger.
 * `config` adds to the plugin's `fleet` config; its `journals` keys join the blob store and
 * inbox set here. `services` replace default services (such as a capturing root logger);
 * `modules` are added beside the plugin (such as one that sets a release source); `entities`
 * changes the example entities.
 */
export async function startFleetBackend(options: {
  knex: Knex;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  config?: JsonObject & { journals?: JsonObject };
  services?: ServiceFactory[];
  modules?: BackendFeature[];
  /** Changes to the example entities, e.g. a deployment that declares databases. */
  entities?: (examples: Entity[]) => Entity[];
}) {
  const { journals, ...config } = options.config ?? {};
  const dir = createMockDirectory();
  dir.setContent({ blobs: {}, inbox: {} });
  const scheduler = schedulerOfFleet();
  const hour = { hours: 1 };
  const { server } = await startTestBackend({
    features: [
      fleetPlugin,
      scheduler.module,
      catalogServiceMock.factory({
        entities: (options.entities ?? (e => e))(loadExampleEntities()),
      }),
      mockServices.database.factory({ knex: options.knex }),
      mockServices.scheduler.factory(),
      ...(options.permission
        ? [mockServices.permissions.factory({ result: options.permission })]
        : []),
      mockServices.rootConfig.factory({
        data: {
          fleet: {
            ...config,
            journals: {
              ...journals,
              blobStore: { path: dir.resolve('blobs') },
              inbox: {
                path: dir.resolve('inbox'),
                minFileAge: { seconds: 0 },
                schedule: {
                  frequency: hour,
                  timeout: hour,
                  initialDelay: hour,
                },
              },
            },
          },
        },
      }),
      ...(options.services ?? []),
      ...(options.modules ?? []),
    ],
  });
  return { server, dir, scheduler, auth: mockCredentials.user.header() };
}
