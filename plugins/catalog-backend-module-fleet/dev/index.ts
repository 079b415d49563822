/*
 * Runs the catalog with this module for development (`yarn start` in
 * plugins/catalog-backend-module-fleet): an in-memory database and the example customers and
 * deployments from examples/fleet, validated and related by the module (the deployments whose
 * license date is the portal's `$daysFromNow` placeholder are refused here, as the module
 * refuses any malformed deployment). Try:
 *
 *   curl 'localhost:7007/api/catalog/entities/by-query?filter=kind=customerdeployment'
 *
 * (mock auth accepts unauthenticated requests as a user). No fleet backend or events backend
 * runs here, so the registrations provider warns that it cannot read registrations.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

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
      catalog: {
        rules: [{ allow: ['Customer', 'CustomerDeployment', 'Location'] }],
        locations: [
          { type: 'file', target: '../../examples/fleet/customers.yaml' },
          { type: 'file', target: '../../examples/fleet/deployments.yaml' },
        ],
      },
    },
  }),
);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('../src'));

backend.start();
