import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleFleetEntityModel } from './catalogModuleFleetEntityModel';
import { catalogModuleFleetRegistrationsProvider } from './catalogModuleFleetRegistrationsProvider';

/**
 * Both of the package's catalog modules, the entity model and the registrations provider: what
 * `backend.add(import('@fleetdeck/plugin-catalog-backend-module-fleet'))` installs. Add
 * `catalogModuleFleetEntityModel` alone to validate the kinds without reading registrations.
 *
 * @public
 */
export const catalogModuleFleet = createBackendFeatureLoader({
  loader: () => [
    catalogModuleFleetEntityModel,
    catalogModuleFleetRegistrationsProvider,
  ],
});
