import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { FleetEntitiesProcessor } from './processor/FleetEntitiesProcessor';

/**
 * Teaches the catalog Fleetdeck's kinds: validation with field-level messages, and the
 * customer and owner relations.
 *
 * @public
 */
export const catalogModuleFleet = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fleet',
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
