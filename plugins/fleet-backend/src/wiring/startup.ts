import type {
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { FleetObservationSeeder } from '@fleetdeck/plugin-fleet-node';
import type { FleetStatuses } from './statuses';

/**
 * At start-up, the modules' observation seeders, then one refresh of every status, so the
 * fleet page is filled at once rather than after the first scheduled run.
 */
export function wireStartup(options: {
  lifecycle: LifecycleService;
  logger: LoggerService;
  seeders: FleetObservationSeeder[];
  statuses: FleetStatuses;
}): void {
  const { lifecycle, logger, seeders, statuses } = options;
  lifecycle.addStartupHook(async () => {
    for (const seeder of seeders) {
      try {
        await seeder.seed(statuses.store);
      } catch (error) {
        logger.error(`Seeding fleet observations failed: ${error}`);
      }
    }
    try {
      await statuses.refresher.refreshAll();
    } catch (error) {
      logger.error(`Initial fleet status refresh failed: ${error}`);
    }
  });
}
