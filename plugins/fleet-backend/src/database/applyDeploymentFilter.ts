import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import type { FleetDeploymentFilter } from '../permissions/resource';

/**
 * Adds a policy's conditions, translated by the fleet's rules, to a query of
 * `fleet_deployment_status` as one parenthesised WHERE clause: `allOf` → AND, `anyOf` → OR,
 * `not` → NOT, each rule → `column IN (…)` on an indexed column. An empty `IN` list is
 * knex's `1 = 0`, so a rule with nothing to match matches no deployment.
 */
export function applyDeploymentFilter(
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<FleetDeploymentFilter>,
): Knex.QueryBuilder {
  return builder.where(inner => addCriteria(inner, criteria));
}

function addCriteria(
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<FleetDeploymentFilter>,
): void {
  if ('allOf' in criteria) {
    for (const item of criteria.allOf) {
      builder.andWhere(inner => addCriteria(inner, item));
    }
  } else if ('anyOf' in criteria) {
    for (const item of criteria.anyOf) {
      builder.orWhere(inner => addCriteria(inner, item));
    }
  } else if ('not' in criteria) {
    builder.whereNot(inner => addCriteria(inner, criteria.not));
  } else {
    builder.whereIn(criteria.column, criteria.values);
  }
}
