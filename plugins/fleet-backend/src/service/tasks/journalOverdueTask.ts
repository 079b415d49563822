import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type LoggerService,
  type RootConfigService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { JournalOverdueChecker } from '../../flags/JournalOverdueChecker';

/** The id of the task that flags overdue journals and expiring licenses. */
export const JOURNAL_OVERDUE_TASK_ID = 'fleet-journal-overdue';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 30 },
};

/** `fleet.journals.overdue.schedule`, or hourly with a 5-minute timeout. */
export function readJournalOverdueSchedule(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig('fleet.journals.overdue.schedule');
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : DEFAULT_SCHEDULE;
}

/**
 * Schedules the check of overdue journals and expiring licenses, on one backend instance at
 * a time. A failed run is logged and the next one runs on schedule.
 */
export async function scheduleJournalOverdueTask(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  checker: JournalOverdueChecker;
}): Promise<void> {
  const { scheduler, config, logger, checker } = options;
  await scheduler.scheduleTask({
    id: JOURNAL_OVERDUE_TASK_ID,
    scope: 'global',
    ...readJournalOverdueSchedule(config),
    fn: async () => {
      try {
        await checker.run();
      } catch (error) {
        logger.error(`Fleet journal and license check failed: ${error}`);
      }
    },
  });
}
