import type {
  BackstageCredentials,
  BackstageUserInfo,
} from '@backstage/backend-plugin-api';
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
import {
  normalizeRef,
  type ConditionalPolicy,
  type PolicyAction,
  type PolicyCondition,
  type RolePolicies,
} from './policyFiles';

/** The aliases a condition's params may use, as in the community RBAC backend. */
const OWNER_REFS = '$ownerRefs';
const CURRENT_USER = '$currentUser';

/**
 * A user's groups (those given, and those the catalog says it is a member of) with the groups
 * above them (their parents, and theirs). Refs are in lower case.
 */
export type GroupAncestry = (user: {
  userEntityRef: string;
  groupRefs: string[];
}) => Promise<string[]>;

/** Puts the caller's refs in place of `$ownerRefs` and `$currentUser`. */
function resolveAliases(
  condition: PolicyCondition,
  info: BackstageUserInfo,
): PolicyCondition {
  if ('allOf' in condition) {
    return {
      allOf: condition.allOf.map(c => resolveAliases(c, info)) as [
        PolicyCondition,
        ...PolicyCondition[],
      ],
    };
  }
  if ('anyOf' in condition) {
    return {
      anyOf: condition.anyOf.map(c => resolveAliases(c, info)) as [
        PolicyCondition,
        ...PolicyCondition[],
      ],
    };
  }
  if ('not' in condition) {
    return { not: resolveAliases(condition.not, info) };
  }
  if (!condition.params) {
    return condition;
  }
  const params = Object.fromEntries(
    Object.entries(condition.params).map(([key, value]) => {
      if (Array.isArray(value)) {
        return [
          key,
          value.flatMap(item => {
            if (item === OWNER_REFS) return info.ownershipEntityRefs;
            if (item === CURRENT_USER) return [info.userEntityRef];
            return [item];
          }),
        ];
      }
      return [key, value === CURRENT_USER ? info.userEntityRef : value];
    }),
  );
  return { ...condition, params };
}

/**
 * The portal's permission policy, read from the policy files: a caller's roles are those given
 * to the caller, to a group it belongs to (in its token or in the catalog) or to a group above
 * those; for a resource permission a
 * conditional policy of one of these roles decides (CONDITIONAL, any of them), otherwise a
 * `deny` line of a role wins over an `allow` line; nothing granted is DENY. Super users may do
 * everything.
 */
export class FilePermissionPolicy implements PermissionPolicy {
  readonly #roles: RolePolicies;
  readonly #conditional: ConditionalPolicy[];
  readonly #superUsers: Set<string>;
  readonly #ancestry: GroupAncestry;
  readonly #userInfo: {
    getUserInfo(credentials: BackstageCredentials): Promise<BackstageUserInfo>;
  };

  constructor(options: {
    roles: RolePolicies;
    conditional: ConditionalPolicy[];
    superUsers: string[];
    ancestry: GroupAncestry;
    userInfo: {
      getUserInfo(
        credentials: BackstageCredentials,
      ): Promise<BackstageUserInfo>;
    };
  }) {
    this.#roles = options.roles;
    this.#conditional = options.conditional;
    this.#superUsers = new Set(
      options.superUsers.map(ref => normalizeRef(ref, 'user')),
    );
    this.#ancestry = options.ancestry;
    this.#userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const info = await this.#userInfo.getUserInfo(user.credentials);
    if (this.#superUsers.has(normalizeRef(info.userEntityRef, 'user'))) {
      return { result: AuthorizeResult.ALLOW };
    }
    const roles = await this.#rolesOf(info);
    const { permission } = request;
    const action = (permission.attributes.action ?? 'use') as PolicyAction;

    if (isResourcePermission(permission)) {
      const conditional = this.#conditional.filter(
        policy =>
          roles.has(policy.roleEntityRef) &&
          policy.resourceType === permission.resourceType &&
          policy.permissionMapping.includes(action),
      );
      if (conditional.length > 0) {
        return {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: conditional[0].pluginId,
          resourceType: permission.resourceType,
          conditions: {
            anyOf: conditional.map(policy =>
              resolveAliases(policy.conditions, info),
            ) as [PolicyCondition, ...PolicyCondition[]],
          },
        };
      }
    }

    const lines = this.#roles.permissions.filter(
      line =>
        roles.has(line.role) &&
        line.action === action &&
        (line.permission === permission.name ||
          (isResourcePermission(permission) &&
            line.permission === permission.resourceType)),
    );
    if (lines.some(line => line.effect === 'deny')) {
      return { result: AuthorizeResult.DENY };
    }
    return {
      result: lines.some(line => line.effect === 'allow')
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  }

  /** The roles of the user, of its groups and of the groups above them. */
  async #rolesOf(info: BackstageUserInfo): Promise<Set<string>> {
    const userEntityRef = normalizeRef(info.userEntityRef, 'user');
    const groupRefs = info.ownershipEntityRefs
      .map(ref => normalizeRef(ref, 'user'))
      .filter(ref => ref.startsWith('group:'));
    const members = new Set([
      userEntityRef,
      ...(await this.#ancestry({ userEntityRef, groupRefs })),
    ]);
    return new Set(
      this.#roles.memberships
        .filter(line => members.has(line.member))
        .map(line => line.role),
    );
  }
}
