import request from 'supertest';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import catalogModuleFleet from '@fleetdeck/plugin-catalog-backend-module-fleet';
import type { Knex } from 'knex';
import { fleetPlugin } from '../plugin';
import { registrationRequest } from './__testUtils__/registration';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

/** One database per plugin, as in a real backend: catalog and fleet keep their own migrations. */
function databasePerPlugin(knexes: Record<string, Knex>) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    factory: ({ pluginMetadata }) =>
      mockServices.database({ knex: knexes[pluginMetadata.getId()] }),
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe.each(databases.eachSupportedId())(
  'FleetRegistrationsProvider with the real catalog on %p',
  databaseId => {
    it('puts a registered deployment and its new customer in the catalog, managed by fleet:registrations', async () => {
      const knexes = {
        catalog: await databases.init(databaseId as TestDatabaseId),
        fleet: await databases.init(databaseId as TestDatabaseId),
      };
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleFleet,
          fleetPlugin,
          databasePerPlugin(knexes),
          // The real in-process events bus, shared by the plugins (the mock one is not).
          eventsServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                // Scheduled reads are far off: the registration's event must do it.
                providers: {
                  fleetRegistrations: {
                    schedule: {
                      frequency: { hours: 1 },
                      timeout: { minutes: 1 },
                      initialDelay: { hours: 1 },
                    },
                  },
                },
              },
            },
          }),
        ],
      });
      const auth = mockCredentials.user.header();

      const registered = await request(server)
        .post('/api/fleet/registrations')
        .set('Authorization', auth)
        .send(registrationRequest());
      expect(registered.status).toBe(201);

      const entity = await waitFor(
        'the deployment in the catalog',
        async () => {
          const response = await request(server)
            .get(
              '/api/catalog/entities/by-name/customerdeployment/default/acme-prod',
            )
            .set('Authorization', auth);
          return response.status === 200 ? response.body : undefined;
        },
      );
      expect(entity.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-location': 'fleet:registrations',
        'backstage.io/managed-by-origin-location': 'fleet:registrations',
      });
      expect(entity.spec.license).toEqual(
        registrationRequest().deployment.spec!.license,
      );

      const customer = await waitFor(
        'the new customer in the catalog',
        async () => {
          const response = await request(server)
            .get('/api/catalog/entities/by-name/customer/default/acme')
            .set('Authorization', auth);
          return response.status === 200 ? response.body : undefined;
        },
      );
      expect(customer.spec.tier).toBe('enterprise');
      // The fleet module's processor related them.
      await waitFor('the partOf relation', async () => {
        const response = await request(server)
          .get(
            '/api/catalog/entities/by-name/customerdeployment/default/acme-prod',
          )
          .set('Authorization', auth);
        return response.body.relations?.some(
          (r: { type: string; targetRef: string }) =>
            r.type === 'partOf' && r.targetRef === 'customer:default/acme',
        )
          ? true
          : undefined;
      });
    });
  },
);
