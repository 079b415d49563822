import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { FleetEntitiesProcessor } from '../processor/FleetEntitiesProcessor';

/**
 * Teaches the catalog Fleetdeck's kinds, `Customer` and `CustomerDeployment`: validation with
 * field-level messages (and no pasted secrets), and the customer and owner relations.
 *
 * @public
 */
export const catalogModuleFleetEntityModel = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fleet-entity-model',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ catalog, logger }) {
        catalog.addProcessor(new FleetEntitiesProcessor());
        logger.info('Fleetdeck kinds Customer and CustomerDeployment enabled');
      },
    });
  },
});
