import { createConditionExports } from '@backstage/plugin-permission-node';
import { hasCustomer } from './hasCustomer';
import { hasProfile } from './hasProfile';
import { isDeploymentOwner } from './isDeploymentOwner';
import { fleetDeploymentResourceRef } from './resource';

export {
  fleetDeploymentResourceRef,
  type FleetDeploymentFilter,
  type FleetDeploymentResource,
} from './resource';

/**
 * The rules of the `fleet-deployment` resource type, by their name in
 * `FLEET_DEPLOYMENT_RULES`.
 *
 * @public
 */
export const fleetDeploymentRules = {
  isDeploymentOwner,
  hasCustomer,
  hasProfile,
};

const exported = createConditionExports({
  resourceRef: fleetDeploymentResourceRef,
  rules: fleetDeploymentRules,
});

/**
 * Conditions for a `PermissionPolicy` written in code, e.g.
 * `fleetDeploymentConditions.isDeploymentOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const fleetDeploymentConditions = exported.conditions;

/**
 * Wraps fleet deployment conditions into a policy's conditional decision.
 *
 * @public
 */
export const createFleetDeploymentConditionalDecision =
  exported.createConditionalDecision;
