import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type LoggerService,
  type RootConfigService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/** A scheduled task of the fleet plugin: what it is called and when it runs by default. */
export interface FleetTask {
  /** Stable id: the scheduler keys its runs and locks by it. */
  id: string;
  /** What the task does, for the log line of a failed run. */
  title: string;
  /** The config key of its schedule; without one, or when unset, `defaultSchedule` applies. */
  scheduleConfigKey?: string;
  defaultSchedule: SchedulerServiceTaskScheduleDefinition;
}

/** The task's schedule from config (`scheduleConfigKey`), else its default. */
export function readFleetTaskSchedule(
  config: RootConfigService,
  task: FleetTask,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = task.scheduleConfigKey
    ? config.getOptionalConfig(task.scheduleConfigKey)
    : undefined;
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
    ...readFleetTaskSchedule(config, task),
    fn: async abortSignal => {
      try {
        await run(abortSignal);
      } catch (error) {
        logger.error(`${task.title} failed: ${error}`);
      }
    },
  });
}
