/*
 * Runs the scaffolder with this module for development (`yarn start` in
 * plugins/scaffolder-backend-module-fleet): an in-memory database and a catalog mock, with the
 * `fleet:*` actions installed. Try:
 *
 *   curl localhost:7007/api/scaffolder/v2/actions
 *
 * (mock auth accepts unauthenticated requests as a user). No fleet backend runs here, so
 * `fleet:deployment:register` fails; the render actions work, in a dry run too.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const port = Number(process.env.PORT ?? 7007);
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
    },
  }),
);
backend.add(catalogServiceMock.factory({ entities: [] }));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('../src'));

backend.start();
