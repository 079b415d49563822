import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The provider of deployments registered through the portal (FleetRegistrationsProvider).
       */
      fleetRegistrations?: {
        /**
         * How often to read the registrations from the fleet backend; default every 30
         * seconds. A registration is also read at once through the events service.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
