import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { FleetEntitiesProcessor } from './processor/FleetEntitiesProcessor';
import { FLEET_REGISTRATIONS_TOPIC } from '@fleetdeck/plugin-fleet-common';
import { FleetRegistrationsProvider } from './provider/FleetRegistrationsProvider';

const SCHEDULE_CONFIG_KEY = 'catalog.providers.fleetRegistrations.schedule';

/**
 * Teaches the catalog Fleetdeck's kinds: validation with field-level messages, and the
 * customer and owner relations; and emits the deployments registered through the portal.
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
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        logger,
        config,
        scheduler,
        discovery,
        auth,
        events,
      }) {
        catalog.addProcessor(new FleetEntitiesProcessor());

        const schedule = config.has(SCHEDULE_CONFIG_KEY)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(SCHEDULE_CONFIG_KEY),
            )
          : {
              frequency: { seconds: 30 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 5 },
            };
        const provider = new FleetRegistrationsProvider({
          discovery,
          auth,
          logger,
          taskRunner: scheduler.createScheduledTaskRunner(schedule),
        });
        catalog.addEntityProvider(provider);

        // A new registration shows in the catalog at once rather than at the next run.
        await events.subscribe({
          id: 'catalog-fleet-registrations',
          topics: [FLEET_REGISTRATIONS_TOPIC],
          onEvent: async () => {
            try {
              await provider.refresh();
            } catch (error) {
              logger.warn(
                `Could not read the fleet registrations after a registration: ${error}`,
              );
            }
          },
        });
        logger.info('Fleetdeck kinds Customer and CustomerDeployment enabled');
      },
    });
  },
});
