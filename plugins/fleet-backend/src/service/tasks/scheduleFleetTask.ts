import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type LoggerService,
  type RootConfigService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { resolveConfigKey } from '../resolveConfigKey';

/** A scheduled task of the fleet plugin: what it is called and when it runs by default. */
export interface FleetTask {
  /** Stable id: the scheduler keys its runs and locks by it. */
  id: string;
  /** What the task does, for the log line of a failed run. */
  title: string;
  /** The config key of its schedule; when it is unset, `defaultSchedule` applies. */
  scheduleConfigKey: string;
  /** Where the schedule was configured before, read for one release with a warning. */
  deprecatedScheduleConfigKey?: string;
  defaultSchedule: SchedulerServiceTaskScheduleDefinition;
}

/** The task's schedule from config (`scheduleConfigKey`), else its default. */
export function readFleetTaskSchedule(
  config: RootConfigService,
  logger: LoggerService,
  task: FleetTask,
): SchedulerServiceTaskScheduleDefinition {
  const key = task.deprecatedScheduleConfigKey
    ? resolveConfigKey(config, logger, {
        key: task.scheduleConfigKey,
        deprecatedKey: task.deprecatedScheduleConfigKey,
      })?.key
    : task.scheduleConfigKey;
  const schedule = key ? config.getOptionalConfig(key) : undefined;
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : task.defaultSchedule;
}

/**
 * Schedules one of the fleet's tasks. A run that throws is logged and the next one runs on
 * schedule: the scheduler would only log it without saying which part of the fleet failed.
 */
export async function scheduleFleetTask(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  task: FleetTask;
  /** One run; `abortSignal` fires when the run passes its timeout. */
  run: (abortSignal: AbortSignal) => Promise<unknown>;
}): Promise<void> {
  const { scheduler, config, logger, task, run } = options;
  await scheduler.scheduleTask({
    id: task.id,
    ...readFleetTaskSchedule(config, logger, task),
    fn: async abortSignal => {
      try {
        await run(abortSignal);
      } catch (error) {
        logger.error(`${task.title} failed: ${error}`);
      }
    },
  });
}
