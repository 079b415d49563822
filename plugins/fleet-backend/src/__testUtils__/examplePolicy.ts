import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  FLEET_DEPLOYMENT_RESOURCE_TYPE,
  fleetJournalReadPermission,
  fleetRegistrationCreatePermission,
  fleetRegistrationReadPermission,
} from '@fleetdeck/plugin-fleet-common';
import {
  createFleetDeploymentConditionalDecision,
  fleetDeploymentConditions,
} from '../permissions';

/** The people of the example policy, and the groups each belongs to. */
export const PEOPLE = {
  /** An SE of solutions-east, the account team of northwind-health and harbor-trust-bank. */
  owner: 'user:default/priya.raman',
  /** An SE of solutions-west. */
  nonOwner: 'user:default/luis.ortega',
  /** A billing analyst. */
  billing: 'user:default/noor.abbasi',
  /** A platform admin. */
  admin: 'user:default/sam.adeyemi',
} as const;

const GROUPS: Record<string, string[]> = {
  [PEOPLE.owner]: ['group:default/solutions-east'],
  [PEOPLE.nonOwner]: ['group:default/solutions-west'],
  [PEOPLE.billing]: ['group:default/billing'],
  [PEOPLE.admin]: ['group:default/platform-engineering'],
};

/**
 * The issue's example policy, in code: platform admins everything; the billing role reads
 * every journal; an account team (anyone else) reads, uploads and reports for the
 * deployments it owns, and may list and create registrations; nothing else.
 */
export class ExampleFleetPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const refs = user?.info.ownershipEntityRefs ?? [];
    if (refs.includes('group:default/platform-engineering')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (refs.includes('group:default/billing')) {
      return {
        result:
          request.permission.name === fleetJournalReadPermission.name
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    if (
      isResourcePermission(request.permission, FLEET_DEPLOYMENT_RESOURCE_TYPE)
    ) {
      return createFleetDeploymentConditionalDecision(
        request.permission,
        fleetDeploymentConditions.isDeploymentOwner({ claims: refs }),
      );
    }
    if (
      request.permission.name === fleetRegistrationReadPermission.name ||
      request.permission.name === fleetRegistrationCreatePermission.name
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    return { result: AuthorizeResult.DENY };
  }
}

/** The permission backend's policy, for its test backend. */
export const examplePolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'example-fleet-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ExampleFleetPolicy());
      },
    });
  },
});

/** Each of {@link PEOPLE} with their groups, as the catalog would resolve them. */
export const exampleUserInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...(GROUPS[userEntityRef] ?? [])],
      };
    },
  }),
});

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The mock httpAuth, except that a token issued on behalf of a user (the permission backend
 * calling the fleet's apply-conditions endpoint for that user) authenticates as that user
 * with the calling service as actor, as the real auth service does. The mock drops the
 * actor, and the permissions registry refuses user calls without one.
 */
export const onBehalfOfHttpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    const oboUser = (header: string | undefined): string | undefined => {
      const token = header?.match(/^Bearer[ ]+(\S+)$/i)?.[1];
      if (!token?.startsWith(MOCK_SERVICE_TOKEN_PREFIX)) {
        return undefined;
      }
      const { obo } = JSON.parse(
        token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
      ) as { obo?: string };
      return obo;
    };
    const service: HttpAuthService = {
      credentials: (async (
        req: Parameters<HttpAuthService['credentials']>[0],
        options?: { allow?: string[] },
      ) => {
        const obo = oboUser(req.headers.authorization);
        if (obo && (!options?.allow || options.allow.includes('user'))) {
          return mockCredentials.user(obo, {
            actor: { subject: 'plugin:permission' },
          });
        }
        return inner.credentials(
          req,
          options as Parameters<HttpAuthService['credentials']>[1],
        );
      }) as unknown as HttpAuthService['credentials'],
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
    return service;
  },
});
