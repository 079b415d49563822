/**
 * Catalog module for Fleetdeck: validates the `Customer` and `CustomerDeployment` kinds and
 * relates deployments to their customers and owners.
 *
 * @packageDocumentation
 */

export { catalogModuleFleet as default } from './module';
export { FleetEntitiesProcessor } from './processor/FleetEntitiesProcessor';
export {
  FleetRegistrationsProvider,
  entitiesOfRegistrations,
} from './provider/FleetRegistrationsProvider';
