import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type LoggerService,
  type RootConfigService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { StatusRefresher } from '../StatusRefresher';

/** The id of the task that re-evaluates the whole fleet. */
export const STATUS_REFRESH_TASK_ID = 'fleet-status-refresh';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 2 },
  timeout: { minutes: 1 },
  initialDelay: { seconds: 5 },
};

/** `fleet.status.refresh`, or every 2 minutes with a 1-minute timeout. */
export function readStatusRefreshSchedule(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig('fleet.status.refresh');
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : DEFAULT_SCHEDULE;
}

/**
 * Schedules the periodic refresh of every deployment's status. One backend instance at a
 * time runs it; a failed run is logged and the next one runs on schedule.
 */
export async function scheduleStatusRefreshTask(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  refresher: StatusRefresher;
}): Promise<void> {
  const { scheduler, config, logger, refresher } = options;
  await scheduler.scheduleTask({
    id: STATUS_REFRESH_TASK_ID,
    ...readStatusRefreshSchedule(config),
    fn: async () => {
      try {
        await refresher.refreshAll();
      } catch (error) {
        logger.error(`Fleet status refresh failed: ${error}`);
      }
    },
  });
}
