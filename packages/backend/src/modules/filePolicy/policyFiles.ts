import { parseAllDocuments } from 'yaml';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';

/**
 * The policy files have the shapes of the community RBAC backend's files
 * (`permission.rbac.policies-csv-file`, `permission.rbac.conditionalPoliciesFile`), so that a
 * portal can move to that backend without rewriting them; see README "Access".
 */

/** The actions a permission can carry; a permission without `attributes.action` is `use`. */
export const POLICY_ACTIONS = [
  'create',
  'read',
  'update',
  'delete',
  'use',
] as const;

/** One of {@link POLICY_ACTIONS}. */
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/** `p, <role>, <permission name or resource type>, <action>, <allow|deny>` */
export type PermissionLine = {
  role: string;
  /** A permission name (`fleet.journal.read`) or a resource type (`fleet-deployment`). */
  permission: string;
  action: PolicyAction;
  effect: 'allow' | 'deny';
};

/** `g, <user or group ref>, <role>` */
export type MembershipLine = { member: string; role: string };

/** The CSV file: permissions per role, and the members of each role. */
export type RolePolicies = {
  permissions: PermissionLine[];
  memberships: MembershipLine[];
};

/** A condition tree as the permission framework writes it (rule, resourceType, params). */
export type PolicyCondition = PermissionCriteria<PermissionCondition>;

/** One document of the conditional policies file. */
export type ConditionalPolicy = {
  roleEntityRef: string;
  pluginId: string;
  resourceType: string;
  /** The actions whose permissions of `resourceType` this condition decides. */
  permissionMapping: PolicyAction[];
  conditions: PolicyCondition;
};

function isAction(value: string): value is PolicyAction {
  return (POLICY_ACTIONS as readonly string[]).includes(value);
}

/** An entity ref in its one spelling (lower case, namespace given), for comparison. */
export function normalizeRef(ref: string, defaultKind?: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), { defaultKind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

function refOrThrow(
  ref: string,
  where: string,
  kinds: string[],
  defaultKind?: string,
): string {
  let normalized: string;
  try {
    normalized = normalizeRef(ref, defaultKind);
  } catch {
    throw new InputError(
      `${where}: '${ref}' is not an entity ref; write it as ${kinds
        .map(kind => `${kind}:default/<name>`)
        .join(' or ')}`,
    );
  }
  const kind = normalized.slice(0, normalized.indexOf(':'));
  if (!kinds.includes(kind)) {
    throw new InputError(
      `${where}: '${ref}' is a ${kind}; expected ${kinds.join(' or ')}`,
    );
  }
  return normalized;
}

/**
 * Reads the roles CSV: lines `p, role, permission, action, effect` and `g, member, role`; empty
 * lines are skipped. Every mistake is reported with its line number and what to write instead.
 */
export function parseRolePolicies(
  text: string,
  fileName: string,
): RolePolicies {
  const permissions: PermissionLine[] = [];
  const memberships: MembershipLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const where = `${fileName} line ${index + 1}`;
    if (raw.trim() === '') {
      return;
    }
    const fields = raw.split(',').map(field => field.trim());
    if (fields[0] === 'p') {
      if (fields.length !== 5) {
        throw new InputError(
          `${where}: a permission line has 5 fields: p, role:default/<name>, <permission or resource type>, <action>, allow|deny`,
        );
      }
      const [, role, permission, action, effect] = fields;
      if (!isAction(action)) {
        throw new InputError(
          `${where}: unknown action '${action}'; use one of ${POLICY_ACTIONS.join(
            ', ',
          )}`,
        );
      }
      if (effect !== 'allow' && effect !== 'deny') {
        throw new InputError(
          `${where}: the effect is 'allow' or 'deny', not '${effect}'`,
        );
      }
      if (!permission) {
        throw new InputError(
          `${where}: name a permission (fleet.journal.read) or a resource type (fleet-deployment)`,
        );
      }
      permissions.push({
        role: refOrThrow(role, where, ['role']),
        permission,
        action,
        effect,
      });
    } else if (fields[0] === 'g') {
      if (fields.length !== 3) {
        throw new InputError(
          `${where}: a membership line has 3 fields: g, user:default/<name> or group:default/<name>, role:default/<name>`,
        );
      }
      memberships.push({
        member: refOrThrow(fields[1], where, ['user', 'group']),
        role: refOrThrow(fields[2], where, ['role']),
      });
    } else {
      throw new InputError(
        `${where}: a line starts with 'p' (a permission of a role) or 'g' (a member of a role), not '${fields[0]}'`,
      );
    }
  });
  return { permissions, memberships };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function conditionOrThrow(value: unknown, where: string): PolicyCondition {
  if (!isRecord(value)) {
    throw new InputError(
      `${where}: conditions are an object: { rule, resourceType, params } or allOf/anyOf/not of them`,
    );
  }
  if ('allOf' in value || 'anyOf' in value) {
    const key = 'allOf' in value ? 'allOf' : 'anyOf';
    const items = value[key];
    if (!Array.isArray(items) || items.length === 0) {
      throw new InputError(
        `${where}: ${key} is a non-empty list of conditions`,
      );
    }
    const criteria = items.map(item => conditionOrThrow(item, where));
    return key === 'allOf'
      ? { allOf: criteria as [PolicyCondition, ...PolicyCondition[]] }
      : { anyOf: criteria as [PolicyCondition, ...PolicyCondition[]] };
  }
  if ('not' in value) {
    return { not: conditionOrThrow(value.not, where) };
  }
  const { rule, resourceType, params } = value;
  if (typeof rule !== 'string' || typeof resourceType !== 'string') {
    throw new InputError(
      `${where}: a condition names its rule and resourceType, e.g. { rule: IS_DEPLOYMENT_OWNER, resourceType: fleet-deployment, params: { claims: ['$ownerRefs'] } }`,
    );
  }
  if (params !== undefined && !isRecord(params)) {
    throw new InputError(`${where}: params of ${rule} are an object`);
  }
  // YAML gives JSON values, the parameters a rule takes.
  return params === undefined
    ? { rule, resourceType }
    : { rule, resourceType, params: params as PermissionRuleParams };
}

/**
 * Reads the conditional policies file: YAML documents of `result: CONDITIONAL`, `roleEntityRef`,
 * `pluginId`, `resourceType`, `permissionMapping` (actions) and `conditions`.
 */
export function parseConditionalPolicies(
  text: string,
  fileName: string,
): ConditionalPolicy[] {
  const documents = parseAllDocuments(text);
  const policies: ConditionalPolicy[] = [];
  documents.forEach((document, index) => {
    const where = `${fileName} document ${index + 1}`;
    if (document.errors.length > 0) {
      throw new InputError(`${where}: ${document.errors[0].message}`);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) {
      return;
    }
    if (!isRecord(value)) {
      throw new InputError(`${where}: a conditional policy is a YAML mapping`);
    }
    const { result, roleEntityRef, pluginId, resourceType } = value;
    if (result !== 'CONDITIONAL') {
      throw new InputError(`${where}: result must be CONDITIONAL`);
    }
    if (
      typeof roleEntityRef !== 'string' ||
      typeof pluginId !== 'string' ||
      typeof resourceType !== 'string'
    ) {
      throw new InputError(
        `${where}: name the roleEntityRef (role:default/<name>), the pluginId and the resourceType`,
      );
    }
    const mapping = value.permissionMapping;
    if (
      !Array.isArray(mapping) ||
      mapping.length === 0 ||
      !mapping.every(action => typeof action === 'string' && isAction(action))
    ) {
      throw new InputError(
        `${where}: permissionMapping is a list of actions (${POLICY_ACTIONS.join(
          ', ',
        )})`,
      );
    }
    policies.push({
      roleEntityRef: refOrThrow(roleEntityRef, where, ['role']),
      pluginId,
      resourceType,
      permissionMapping: mapping as PolicyAction[],
      conditions: conditionOrThrow(value.conditions, where),
    });
  });
  return policies;
}
