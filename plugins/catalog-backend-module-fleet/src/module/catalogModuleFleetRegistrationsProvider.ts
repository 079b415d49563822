import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { FLEET_REGISTRATIONS_TOPIC } from '@fleetdeck/plugin-fleet-common';
import { FleetRegistrationsProvider } from '../provider/FleetRegistrationsProvider';

const SCHEDULE_CONFIG_KEY = 'catalog.providers.fleetRegistrations.schedule';

/**
 * Emits the deployments (and new customers) registered through the portal's onboarding as
 * catalog entities: read from the fleet backend on a schedule, and at once on each
 * registration's event.
 *
 * @public
 */
export const catalogModuleFleetRegistrationsProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fleet-registrations-provider',
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
      },
    });
  },
});
