/*
 * Runs the fleet backend with this module for development (`yarn start` in
 * plugins/fleet-backend-module-s3-blobs): journals go to a bucket of an S3 server started in
 * this process (s3rver, in a temporary folder removed on exit), with an in-memory database
 * and one example deployment. Try:
 *
 *   curl -X POST -H 'Content-Type: application/octet-stream' \
 *     --data-binary $'{"d":"init","s":"x"}\n' \
 *     'localhost:7007/api/fleet/deployments/default/acme-prod/journals?fileName=journal-20261120-020000'
 *
 * (mock auth accepts unauthenticated requests as a user).
 */
import fs from 'node:fs';
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
import { DEPLOYMENT } from '../src/__testUtils__/deployment';

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
  backend.add(catalogServiceMock.factory({ entities: [DEPLOYMENT] }));
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
            // A shutdown cut short (the parent process killed first) still removes the folder.
            process.once('exit', () =>
              fs.rmSync(s3.directory, { recursive: true, force: true }),
            );
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
