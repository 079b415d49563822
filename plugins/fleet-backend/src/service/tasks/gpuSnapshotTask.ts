import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type LoggerService,
  type RootConfigService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { GpuSnapshotService } from '../../gpu/GpuSnapshotService';

/** The id of the task that snapshots connected clusters' GPUs. */
export const GPU_SNAPSHOT_TASK_ID = 'fleet-gpu-snapshot';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 30 },
};

/** `fleet.gpu.schedule`, or every 10 minutes with a 5-minute timeout. */
export function readGpuSnapshotSchedule(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig('fleet.gpu.schedule');
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : DEFAULT_SCHEDULE;
}

/**
 * Schedules the GPU snapshots of connected deployments. One backend instance at a time runs
 * it; a failed run is logged and the next one runs on schedule.
 */
export async function scheduleGpuSnapshotTask(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  snapshots: GpuSnapshotService;
}): Promise<void> {
  const { scheduler, config, logger, snapshots } = options;
  await scheduler.scheduleTask({
    id: GPU_SNAPSHOT_TASK_ID,
    ...readGpuSnapshotSchedule(config),
    fn: async abortSignal => {
      try {
        await snapshots.run(abortSignal);
      } catch (error) {
        logger.error(`GPU snapshot run failed: ${error}`);
      }
    },
  });
}
