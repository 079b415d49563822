import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { JournalInbox } from '../../journals/JournalInbox';

/** The id of the task that ingests the journal inbox. */
export const JOURNAL_INBOX_TASK_ID = 'fleet-journal-inbox';

/**
 * Schedules the journal inbox (`fleet.journals.inbox`): each run ingests the files dropped
 * since the last one. One backend instance at a time runs it (set `scope: local` in the
 * schedule when each instance has an inbox folder of its own). A failed run is logged and
 * the next one runs on schedule.
 */
export async function scheduleJournalInboxTask(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  logger: LoggerService;
  inbox: JournalInbox;
}): Promise<void> {
  const { scheduler, schedule, logger, inbox } = options;
  await scheduler.scheduleTask({
    id: JOURNAL_INBOX_TASK_ID,
    ...schedule,
    fn: async () => {
      try {
        await inbox.run();
      } catch (error) {
        logger.error(`Journal inbox run failed: ${error}`);
      }
    },
  });
}
