/**
 * Catalog modules for Fleetdeck, one job each: the entity model
 * (`catalogModuleFleetEntityModel`) validates the `Customer` and `CustomerDeployment` kinds and
 * relates deployments to their customers and owners (`FleetEntitiesProcessor`); the
 * registrations provider (`catalogModuleFleetRegistrationsProvider`) emits the deployments
 * registered through the portal's onboarding as catalog entities (`FleetRegistrationsProvider`,
 * fed by the fleet backend's registrations). The default export installs both.
 *
 * @packageDocumentation
 */

export { catalogModuleFleet as default } from './module/catalogModuleFleet';
export { catalogModuleFleetEntityModel } from './module/catalogModuleFleetEntityModel';
export { catalogModuleFleetRegistrationsProvider } from './module/catalogModuleFleetRegistrationsProvider';
export { FleetEntitiesProcessor } from './processor/FleetEntitiesProcessor';
export {
  FleetRegistrationsProvider,
  entitiesOfRegistrations,
} from './provider/FleetRegistrationsProvider';
