/**
 * Catalog module for Fleetdeck: validates the `Customer` and `CustomerDeployment` kinds and
 * relates deployments to their customers and owners (`FleetEntitiesProcessor`), and provides
 * the deployments registered through the portal's onboarding as catalog entities
 * (`FleetRegistrationsProvider`, fed by the fleet backend's registrations).
 *
 * @packageDocumentation
 */

export { catalogModuleFleet as default } from './module';
export { FleetEntitiesProcessor } from './processor/FleetEntitiesProcessor';
export {
  FleetRegistrationsProvider,
  entitiesOfRegistrations,
} from './provider/FleetRegistrationsProvider';
