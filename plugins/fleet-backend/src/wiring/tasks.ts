import type {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { GpuSnapshotService } from '../gpu/GpuSnapshotService';
import type { OwnerNoticeChecker } from '../flags/OwnerNoticeChecker';
import { sweepBlobs } from '../journals/sweepBlobs';
import { blobSweepTask } from '../service/tasks/blobSweepTask';
import { gpuSnapshotTask } from '../service/tasks/gpuSnapshotTask';
import { journalInboxTask } from '../service/tasks/journalInboxTask';
import { ownerNoticeTask } from '../service/tasks/ownerNoticeTask';
import { scheduleFleetTask } from '../service/tasks/scheduleFleetTask';
import { statusRefreshTask } from '../service/tasks/statusRefreshTask';
import type { FleetJournals } from './journals';
import type { FleetStatuses } from './statuses';

/** The fleet's scheduled tasks, each on its schedule from config (`service/tasks/`). */
export async function wireTasks(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  statuses: FleetStatuses;
  journals: FleetJournals;
  gpu: GpuSnapshotService;
  flags: OwnerNoticeChecker;
}): Promise<void> {
  const { scheduler, config, logger, statuses, journals, gpu, flags } = options;
  const tasks = { scheduler, config, logger };
  await scheduleFleetTask({
    ...tasks,
    task: statusRefreshTask,
    run: () => statuses.refresher.refreshAll(),
  });
  await scheduleFleetTask({
    ...tasks,
    task: blobSweepTask,
    run: () =>
      sweepBlobs({
        blobs: journals.blobs,
        receipts: journals.receipts,
        logger,
      }),
  });
  const { inbox } = journals;
  if (inbox) {
    await scheduleFleetTask({
      ...tasks,
      task: journalInboxTask,
      run: () => inbox.run(),
    });
  }
  await scheduleFleetTask({
    ...tasks,
    task: gpuSnapshotTask,
    run: abortSignal => gpu.run(abortSignal),
  });
  await scheduleFleetTask({
    ...tasks,
    task: ownerNoticeTask,
    run: () => flags.run(),
  });
}
