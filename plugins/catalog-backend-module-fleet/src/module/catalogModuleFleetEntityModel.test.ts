import path from 'node:path';
import request from 'supertest';
import {
  createBackendModule,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin, {
  CATALOG_ERRORS_TOPIC,
} from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import type { Entity } from '@backstage/catalog-model';
import { catalogModuleFleetEntityModel } from './catalogModuleFleetEntityModel';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: [
    'SQLITE_3',
    'POSTGRES_18',
    'POSTGRES_17',
    'POSTGRES_16',
    'POSTGRES_15',
    'POSTGRES_14',
  ],
});

type CatalogError = { entity: string; message: string };

/** Collects what the catalog reports as processing errors, as an operator's log would. */
function catalogErrorCollector(errors: CatalogError[]): BackendFeature {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-error-collector',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'test-error-collector',
            topics: [CATALOG_ERRORS_TOPIC],
            async onEvent({ eventPayload }) {
              const payload = eventPayload as {
                entity: string;
                errors: Error[];
              };
              for (const error of payload.errors) {
                errors.push({ entity: payload.entity, message: error.message });
              }
            },
          });
        },
      });
    },
  });
}

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 60_000;
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

/**
 * The real catalog with this module, reading `good.yaml` and one more fixture file, and the
 * processing errors it reports.
 */
async function startCatalog(databaseId: string, fixture: string) {
  const errors: CatalogError[] = [];
  const knex = await databases.init(databaseId as TestDatabaseId);
  const target = (name: string) =>
    path.resolve(__dirname, '../__fixtures__', name);
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleFleetEntityModel,
      catalogErrorCollector(errors),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: ['Group', 'Customer', 'CustomerDeployment'] }],
            locations: [
              { type: 'file', target: target('good.yaml') },
              { type: 'file', target: target(fixture) },
            ],
          },
        },
      }),
    ],
  });
  return { server, errors, knex };
}

describe('catalogModuleFleetEntityModel in a real catalog', () => {
  // A run that silently skipped PostgreSQL has not tested it; scripts/test.sh provides one.
  it('runs on PostgreSQL in CI, not only on SQLite', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    const hasPostgres = ids.some(id => id.startsWith('POSTGRES'));
    expect(ids).toContain('SQLITE_3');
    expect(hasPostgres || !process.env.CI).toBe(true);
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('serves valid fleet entities with relations and reports each invalid one by name', async () => {
      const { server, errors } = await startCatalog(databaseId, 'bad.yaml');

      const query = (filter: string) =>
        request(server)
          .get(`/api/catalog/entities/by-query?filter=${filter}`)
          .set('Authorization', mockCredentials.user.header());

      const deployments = await eventually(async () => {
        const response = await query('kind=customerdeployment');
        const items: Entity[] = response.body.items ?? [];
        return items.length >= 2 &&
          errors.filter(e => e.entity.includes('customerdeployment')).length >=
            2
          ? items
          : undefined;
      }, 'deployments and their processing errors');

      expect(deployments.map(e => e.metadata.name).sort()).toEqual([
        'acme-eu',
        'acme-prod',
      ]);

      const acmeProd = deployments.find(e => e.metadata.name === 'acme-prod')!;
      expect(
        acmeProd.relations?.map(r => `${r.type} ${r.targetRef}`).sort(),
      ).toEqual([
        'ownedBy group:default/solutions-east',
        'partOf customer:default/acme',
      ]);

      const customer = await eventually(async () => {
        const response = await query('kind=customer');
        const acme: Entity | undefined = response.body.items?.[0];
        return acme?.relations?.some(r => r.targetRef.endsWith('acme-eu'))
          ? acme
          : undefined;
      }, 'the customer with its parts');
      expect(
        customer.relations
          ?.filter(r => r.type === 'hasPart')
          .map(r => r.targetRef)
          .sort(),
      ).toEqual([
        'customerdeployment:default/acme-eu',
        'customerdeployment:default/acme-prod',
      ]);

      expect(errors).toEqual(
        expect.arrayContaining([
          {
            entity: 'customerdeployment:default/acme-staging',
            message: expect.stringContaining(
              'spec.billing.replicas: must be an integer ≥ 1 (at most 16), got "three"',
            ),
          },
          {
            entity: 'customerdeployment:default/acme-dr',
            message: expect.stringContaining(
              'spec.license.keySecretRef: looks like an API or license key',
            ),
          },
        ]),
      );
      // The pasted key is neither served nor repeated in the error.
      expect(JSON.stringify(errors)).not.toContain(
        '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c',
      );
    });

    it('keeps every shape of pasted secret out of the catalog and its search table, naming the field', async () => {
      const { server, errors, knex } = await startCatalog(
        databaseId,
        'secrets.yaml',
      );
      // secrets.yaml: each deployment, the field its secret is in and what it looks like.
      const expected: Record<string, [string, string, string]> = {
        'acme-pw': [
          'metadata.description',
          'a password or key assignment',
          'Catalog-Pa55-acme',
        ],
        'acme-aws-id': [
          'metadata.annotations.fleetdeck.io/backup-key-id',
          'an AWS access key id',
          'AKIAZ7CATALOGACME0ID',
        ],
        'acme-aws-secret': [
          'spec.license.keySecretRef',
          'an AWS secret access key',
          'Zq8r/Jd2Kx9Vt4Lw7Bn3+m6Pf1Gs5Yc0EaCaTaLg',
        ],
        'acme-url': [
          'metadata.links[0].url',
          'a URL with a password',
          'Cat4log-Url-Pa55',
        ],
        'acme-gh': [
          'metadata.title',
          'a GitHub token',
          'ghp_CatalogAcme0123456789abcdefghijklmn',
        ],
        'acme-pem': [
          'metadata.description',
          'a private key or certificate block',
          'MHcCAQEEICatalogPem',
        ],
      };
      const refusedOf = (name: string) =>
        errors.find(e => e.entity === `customerdeployment:default/${name}`);
      const served = await eventually(async () => {
        const response = await request(server)
          .get('/api/catalog/entities/by-query?filter=kind=customerdeployment')
          .set('Authorization', mockCredentials.user.header());
        return response.body.items?.length > 0 &&
          Object.keys(expected).every(refusedOf)
          ? response
          : undefined;
      }, 'the good deployment and an error for each one with a secret');

      for (const [name, [field, kind]] of Object.entries(expected)) {
        expect(refusedOf(name)?.message).toContain(
          `${field}: looks like ${kind}`,
        );
      }
      expect(served.body.items.map((e: Entity) => e.metadata.name)).toEqual([
        'acme-prod',
      ]);
      // What the catalog serves and filters on (final_entities, search); refresh_state
      // necessarily holds what the location file says.
      const stored = JSON.stringify([
        await knex('final_entities').select(),
        await knex('search').select(),
      ]);
      expect(stored).toContain('acme-prod');
      const traces = `${JSON.stringify(errors)}\n${JSON.stringify(
        served.body,
      )}\n${stored}`;
      for (const [, , secret] of Object.values(expected)) {
        expect(traces).not.toContain(secret);
      }
    });
  });
});
