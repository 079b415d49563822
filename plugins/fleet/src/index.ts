/**
 * Fleetdeck's frontend: entity cards for customers and their deployments.
 *
 * This entry point serves apps on the legacy frontend system; apps on the new frontend system
 * install `@fleetdeck/plugin-fleet/alpha`.
 *
 * @packageDocumentation
 */

export {
  fleetPlugin,
  EntityDeploymentOverviewCard,
  EntityCustomerOverviewCard,
  EntityCustomerDeploymentsCard,
} from './plugin';

// Entity predicates for `EntitySwitch.Case` in legacy apps, re-exported (both `@public` in
// `@fleetdeck/plugin-fleet-common`) so that an app needs only this package.
export {
  isCustomerDeploymentEntity,
  isCustomerEntity,
} from '@fleetdeck/plugin-fleet-common';
