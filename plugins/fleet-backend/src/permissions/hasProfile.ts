import { createPermissionRule } from '@backstage/plugin-permission-node';
import { FLEET_DEPLOYMENT_RULES } from '@fleetdeck/plugin-fleet-common';
import { z } from 'zod';
import { fleetDeploymentResourceRef, normalized } from './resource';

/**
 * The deployment has the given profile (`spec.profile`).
 *
 * @public
 */
export const hasProfile = createPermissionRule({
  name: FLEET_DEPLOYMENT_RULES.hasProfile,
  description: 'Allow deployments of the given profile',
  resourceRef: fleetDeploymentResourceRef,
  paramsSchema: z.object({
    profile: z.string().describe('saas, connected or airgapped'),
  }),
  apply: (resource, { profile }) => resource.profile === normalized(profile),
  toQuery: ({ profile }) => ({
    column: 'profile',
    values: [normalized(profile)],
  }),
});
