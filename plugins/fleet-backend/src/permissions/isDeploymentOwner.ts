import { createPermissionRule } from '@backstage/plugin-permission-node';
import { FLEET_DEPLOYMENT_RULES } from '@fleetdeck/plugin-fleet-common';
import { z } from 'zod';
import { fleetDeploymentResourceRef, normalized } from './resource';

/**
 * The deployment's owner (`spec.owner`) is among `claims`: like the catalog's
 * `IS_ENTITY_OWNER`, a policy passes the caller's ownership refs
 * (`user.info.ownershipEntityRefs`, or `$ownerRefs` in RBAC YAML).
 *
 * @public
 */
export const isDeploymentOwner = createPermissionRule({
  name: FLEET_DEPLOYMENT_RULES.isOwner,
  description:
    'Allow deployments whose owner is among the given entity refs (the caller’s ownership refs)',
  resourceRef: fleetDeploymentResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Entity refs of owners, e.g. group:default/solutions-east; the caller’s ownership refs',
      ),
  }),
  apply: (resource, { claims }) =>
    claims.map(normalized).includes(resource.owner),
  toQuery: ({ claims }) => ({
    column: 'owner',
    values: [...new Set(claims.map(normalized))],
  }),
});
