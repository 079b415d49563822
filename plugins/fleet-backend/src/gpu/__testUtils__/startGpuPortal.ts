import request from 'supertest';
import type { ServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import type { JsonObject } from '@backstage/types';
import type { DeploymentStatus } from '@fleetdeck/plugin-fleet-common';
import type { Knex } from 'knex';
import { fleetPlugin } from '../../plugin';
import { GPU_SNAPSHOT_TASK_ID } from '../../service/tasks/gpuSnapshotTask';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
} from '../../__testUtils__/examples';
import { schedulerOfFleet } from '../../__testUtils__/schedulerOfFleet';

/** A cluster of the Kubernetes plugin's config, reached with a service account token. */
export const kubernetesCluster = (
  name: string,
  url: string,
  token: string,
) => ({
  name,
  url,
  authProvider: 'serviceAccount',
  serviceAccountToken: token,
  skipTLSVerify: true,
});

/**
 * The fleet plugin beside the real Kubernetes backend (multi-tenant, the given clusters) in a
 * test backend with `entities` in its catalog; `fleet` adds to the fleet config (the example
 * releases are set). `snapshot` runs the GPU snapshot task; `status` reads a deployment's
 * status from the fleet API.
 */
export async function startGpuPortal(options: {
  knex: Knex;
  entities: Entity[];
  clusters: object[];
  fleet?: JsonObject;
  services?: ServiceFactory[];
}) {
  const scheduler = schedulerOfFleet();
  const { server } = await startTestBackend({
    features: [
      ...(options.services ?? []),
      fleetPlugin,
      kubernetesPlugin,
      scheduler.module,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.database.factory({ knex: options.knex }),
      mockServices.scheduler.factory(),
      mockServices.rootConfig.factory({
        data: {
          fleet: {
            releases: {
              index: EXAMPLE_RELEASE_INDEX,
              policy: EXAMPLE_RELEASE_POLICY,
            },
            ...options.fleet,
          },
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              { type: 'config', clusters: options.clusters },
            ],
          },
        },
      }),
    ],
  });
  return {
    server,
    snapshot: () => scheduler.trigger(GPU_SNAPSHOT_TASK_ID),
    status: async (name: string) => {
      const response = await request(server)
        .get(`/api/fleet/deployments/default/${name}`)
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      return response.body as DeploymentStatus;
    },
  };
}
