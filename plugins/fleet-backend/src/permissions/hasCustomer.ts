import { createPermissionRule } from '@backstage/plugin-permission-node';
import { FLEET_DEPLOYMENT_RULES } from '@fleetdeck/plugin-fleet-common';
import { z } from 'zod';
import { customerRef, fleetDeploymentResourceRef } from './resource';

/**
 * The deployment belongs to the given Customer (`spec.customer`, by name in the `default`
 * namespace or by entity ref, compared case-insensitively).
 *
 * @public
 */
export const hasCustomer = createPermissionRule({
  name: FLEET_DEPLOYMENT_RULES.hasCustomer,
  description: 'Allow deployments of the given customer',
  resourceRef: fleetDeploymentResourceRef,
  paramsSchema: z.object({
    customer: z
      .string()
      .describe(
        'The Customer’s name (northwind-health) or entity ref (customer:default/northwind-health)',
      ),
  }),
  apply: (resource, { customer }) =>
    resource.customer === customerRef(customer),
  toQuery: ({ customer }) => ({
    column: 'customer',
    values: [customerRef(customer)],
  }),
});
