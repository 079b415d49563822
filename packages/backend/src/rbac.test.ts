import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import type {
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import filePolicyModule from './modules/filePolicy';
import {
  fleetDeploymentReadPermission,
  fleetJournalCreatePermission,
  fleetJournalReadPermission,
  fleetPermissions,
  fleetRegistrationCreatePermission,
  fleetTaskTriggerPermission,
  FLEET_DEPLOYMENT_RESOURCE_TYPE,
  FLEET_DEPLOYMENT_RULES,
} from '@fleetdeck/plugin-fleet-common';

/**
 * The portal's access policy as shipped: the permission backend with the file policy module,
 * app-config.yaml's `permission` section and the files it names (examples/rbac/), the real
 * catalog holding the example organisation (examples/org.yaml) on the database under test,
 * asked through `/api/permission/authorize` for the example people.
 */
const backendDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(backendDir, '../..');
const orgFile = path.join(repoRoot, 'examples/org.yaml');

const org: Entity[] = parseAllDocuments(fs.readFileSync(orgFile, 'utf8'))
  .map(document => document.toJSON())
  .filter(Boolean);

/** app-config.yaml's `permission` section, its file paths made absolute (they are relative to packages/backend). */
function shippedPermissionConfig(): JsonObject {
  const appConfig = parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  const permission = appConfig.permission;
  const rbac = permission.rbac;
  return {
    ...permission,
    rbac: {
      ...rbac,
      'policies-csv-file': path.resolve(backendDir, rbac['policies-csv-file']),
      conditionalPoliciesFile: path.resolve(
        backendDir,
        rbac.conditionalPoliciesFile,
      ),
    },
  };
}

/**
 * What a sign-in with the catalog user gives: the user and the groups it is a direct member of
 * (the ownership refs that `$ownerRefs` stands for).
 */
function ownershipOf(userEntityRef: string): string[] {
  const { name, namespace } = parseEntityRef(userEntityRef);
  const user = org.find(
    e =>
      e.kind === 'User' &&
      e.metadata.name === name &&
      (e.metadata.namespace ?? 'default') === namespace,
  );
  const groups = ((user?.spec?.memberOf as string[] | undefined) ?? []).map(
    group =>
      stringifyEntityRef(
        parseEntityRef(group, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      ),
  );
  return [userEntityRef, ...groups];
}

/** Users whose token carries no groups, as a sign-in before the catalog had read the user gives. */
const signedInBeforeCatalog = new Set<string>();

const userInfoOfExampleOrg = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const principal = credentials.principal as { userEntityRef?: string };
      if (!principal.userEntityRef) {
        throw new Error('Not a user');
      }
      return {
        userEntityRef: principal.userEntityRef,
        ownershipEntityRefs: signedInBeforeCatalog.has(principal.userEntityRef)
          ? [principal.userEntityRef]
          : ownershipOf(principal.userEntityRef),
      };
    },
  }),
});

/**
 * The fleet backend's permissions, so that the permission backend knows them. The decisions
 * asked here carry no resource ref, so they do not reach the fleet plugin's rules.
 */
const fleetPermissionsOnly = createBackendPlugin({
  pluginId: 'fleet',
  register(env) {
    env.registerInit({
      deps: { permissionsRegistry: coreServices.permissionsRegistry },
      async init({ permissionsRegistry }) {
        permissionsRegistry.addPermissions(fleetPermissions);
      },
    });
  },
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

jest.setTimeout(120_000);

describe.each(databases.eachSupportedId())(
  'the shipped access policy (%s)',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          permissionPlugin,
          filePolicyModule,
          catalogPlugin,
          fleetPermissionsOnly,
          userInfoOfExampleOrg,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              permission: shippedPermissionConfig(),
              catalog: {
                rules: [{ allow: ['User', 'Group'] }],
                locations: [{ type: 'file', target: orgFile }],
              },
            },
          }),
        ],
      });
      server = backend.server;
      await waitForOrgInCatalog();
    });

    /** The catalog reads org.yaml on its own schedule; wait until the last user has its groups. */
    async function waitForOrgInCatalog() {
      for (;;) {
        const response = await request(server)
          .get('/api/catalog/entities/by-name/user/default/rosa.lindqvist')
          .set('Authorization', mockCredentials.service.header());
        if (
          response.status === 200 &&
          (response.body.relations ?? []).some(
            (relation: { type: string }) => relation.type === 'memberOf',
          )
        ) {
          return;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }

    /**
     * Asks as a plugin asks on behalf of a user (the token names the plugin as its actor): the
     * permission backend refuses a user's own request for a resource permission without a
     * resource ref.
     */
    async function decide(
      userEntityRef: string,
      permission: Permission,
    ): Promise<PolicyDecision> {
      const token = mockCredentials.user.token(userEntityRef, {
        actor: { subject: 'plugin:fleet' },
      });
      const response = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', `Bearer ${token}`)
        .send({ items: [{ id: '1', permission }] });
      expect([response.status, response.body.error?.message]).toEqual([
        200,
        undefined,
      ]);
      const { id, ...decision } = response.body.items[0];
      return decision as PolicyDecision;
    }

    const se = 'user:default/priya.raman';
    const billing = 'user:default/rosa.lindqvist';
    const admin = 'user:default/sam.adeyemi';

    it('lets an SE of solutions-east read and upload only for the deployments the team owns', async () => {
      const ownedOnly = {
        result: 'CONDITIONAL',
        pluginId: 'fleet',
        resourceType: FLEET_DEPLOYMENT_RESOURCE_TYPE,
        conditions: {
          anyOf: [
            {
              rule: FLEET_DEPLOYMENT_RULES.isOwner,
              resourceType: FLEET_DEPLOYMENT_RESOURCE_TYPE,
              params: { claims: [se, 'group:default/solutions-east'] },
            },
          ],
        },
      };
      expect(await decide(se, fleetDeploymentReadPermission)).toEqual(
        ownedOnly,
      );
      expect(await decide(se, fleetJournalReadPermission)).toEqual(ownedOnly);
      expect(await decide(se, fleetJournalCreatePermission)).toEqual(ownedOnly);
      expect(await decide(se, fleetTaskTriggerPermission)).toEqual({
        result: 'DENY',
      });
    });

    it('lets the billing analyst read every journal and the fleet status, and upload none', async () => {
      expect(await decide(billing, fleetJournalReadPermission)).toEqual({
        result: 'ALLOW',
      });
      expect(await decide(billing, fleetDeploymentReadPermission)).toEqual({
        result: 'ALLOW',
      });
      expect(await decide(billing, fleetJournalCreatePermission)).toEqual({
        result: 'DENY',
      });
      expect(await decide(billing, fleetRegistrationCreatePermission)).toEqual({
        result: 'DENY',
      });
    });

    it('lets a platform admin do everything, the scheduled tasks included', async () => {
      for (const permission of fleetPermissions) {
        expect([
          permission.name,
          (await decide(admin, permission)).result,
        ]).toEqual([permission.name, 'ALLOW']);
      }
    });

    it('lets every member of the organisation read the catalog and use the scaffolder', async () => {
      const catalogRead: Permission = {
        type: 'resource',
        name: 'catalog.entity.read',
        attributes: { action: 'read' },
        resourceType: 'catalog-entity',
      };
      const templateRun: Permission = {
        type: 'basic',
        name: 'scaffolder.task.create',
        attributes: { action: 'create' },
      };
      for (const person of [se, billing, admin, 'user:default/elena.petrova']) {
        expect([person, (await decide(person, catalogRead)).result]).toEqual([
          person,
          'ALLOW',
        ]);
        expect([person, (await decide(person, templateRun)).result]).toEqual([
          person,
          'ALLOW',
        ]);
      }
    });

    it('takes the groups from the catalog when the token lacks them', async () => {
      signedInBeforeCatalog.add(admin);
      try {
        expect(await decide(admin, fleetTaskTriggerPermission)).toEqual({
          result: 'ALLOW',
        });
      } finally {
        signedInBeforeCatalog.delete(admin);
      }
    });

    it('gives a member of the organisation in no account team no deployment', async () => {
      const elena = 'user:default/elena.petrova';
      expect(await decide(elena, fleetDeploymentReadPermission)).toEqual({
        result: 'DENY',
      });
      expect(await decide(elena, fleetJournalReadPermission)).toEqual({
        result: 'DENY',
      });
    });

    it('denies a user the catalog does not know', async () => {
      const stranger = 'user:default/mallory';
      for (const permission of fleetPermissions) {
        expect([
          permission.name,
          (await decide(stranger, permission)).result,
        ]).toEqual([permission.name, 'DENY']);
      }
    });
  },
);
