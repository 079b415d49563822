/*
 * Runs the fleet backend on its own for development (`yarn start` in plugins/fleet-backend):
 * an in-memory database, a catalog with a few example deployments, and the releases from
 * examples/releases. Try:
 *
 *   curl localhost:7007/api/fleet/deployments
 *
 * (mock auth accepts unauthenticated requests as a user).
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { customerDeploymentEntity } from '@fleetdeck/plugin-fleet-common/testUtils';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: `http://localhost:${process.env.PORT ?? 7007}`,
        listen: { port: Number(process.env.PORT ?? 7007) },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      fleet: {
        releases: {
          index: '../../examples/releases/index.yaml',
          policy: '../../examples/releases/policy.yaml',
        },
      },
    },
  }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      customerDeploymentEntity({
        metadata: { name: 'acme-prod', title: 'Acme — production' },
      }),
      {
        apiVersion: 'fleetdeck.io/v1alpha1',
        kind: 'CustomerDeployment',
        metadata: { name: 'globex-edge', title: 'Globex — edge' },
        spec: {
          customer: 'globex',
          owner: 'group:default/solutions-west',
          lifecycle: 'production',
          profile: 'connected',
          chart: { name: 'deepgram-self-hosted', version: '0.39.0' },
          cluster: { kubernetesVersion: '1.30', namespace: 'dg' },
          billing: { mode: 'license-server' },
          gpu: {
            resourceName: 'nvidia.com/gpu',
            perEngine: 1,
            engineReplicas: 4,
          },
        },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
