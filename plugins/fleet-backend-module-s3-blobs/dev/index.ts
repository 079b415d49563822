/*
 * Runs the fleet backend with this module for development (`yarn start` in
 * plugins/fleet-backend-module-s3-blobs): journals go to a bucket of an S3 server started in
 * this process (s3rver, in a temporary folder removed at shutdown), with an in-memory database
 * and one example deployment. Try:
 *
 *   curl -X POST -H 'Content-Type: application/octet-stream' \
 *     --data-binary $'{"d":"init","s":"x"}\n' \
 *     'localhost:7007/api/fleet/deployments/default/acme-prod/journals?fileName=journal-20261120-020000'
 *
 * (mock auth accepts unauthenticated requests as a user).
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  BUCKET,
  startS3Server,
  TEST_CREDENTIALS,
} from '../src/__testUtils__/s3Server';

async function main() {
  const s3 = await startS3Server();
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
        fleet: {
          releases: {
            index: '../../examples/releases/index.yaml',
            policy: '../../examples/releases/policy.yaml',
          },
          journals: {
            blobStore: {
              s3: {
                bucket: BUCKET,
                endpoint: s3.endpoint,
                forcePathStyle: true,
                credentials: TEST_CREDENTIALS,
              },
            },
          },
        },
      },
    }),
  );
  backend.add(
    catalogServiceMock.factory({
      entities: [
        {
          apiVersion: 'fleetdeck.io/v1alpha1',
          kind: 'CustomerDeployment',
          metadata: { name: 'acme-prod', namespace: 'default' },
          spec: {
            customer: 'acme',
            owner: 'group:default/solutions-east',
            lifecycle: 'production',
            profile: 'airgapped',
            chart: { name: 'deepgram-self-hosted', version: '0.40.2' },
            cluster: { kubernetesVersion: '1.31', namespace: 'dg-self-hosted' },
            license: {
              id: 'LIC-ACME-7',
              expiresAt: '2099-03-31',
              keySecretRef: 'dg-license-key',
              fileSecretRef: 'dg-license-file',
            },
            billing: {
              mode: 'journal',
              replicas: 1,
              journalStorage: 'ebs',
              returnEvery: 'P30D',
            },
            gpu: {
              resourceName: 'nvidia.com/gpu',
              perEngine: 1,
              engineReplicas: 2,
            },
          },
        },
      ],
    }),
  );
  // Stops the S3 server, and removes its folder, when the backend shuts down.
  backend.add(
    createBackendModule({
      pluginId: 'fleet',
      moduleId: 'dev-s3-server',
      register(reg) {
        reg.registerInit({
          deps: { lifecycle: coreServices.rootLifecycle },
          async init({ lifecycle }) {
            lifecycle.addShutdownHook(() => s3.stop());
          },
        });
      },
    }),
  );
  backend.add(import('@fleetdeck/plugin-fleet-backend'));
  backend.add(import('../src'));

  await backend.start();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
