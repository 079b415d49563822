import type { FleetTask } from './scheduleFleetTask';

/** The id of the task that ingests the journal inbox. */
export const JOURNAL_INBOX_TASK_ID = 'fleet-journal-inbox';

/**
 * Ingests the files dropped into the journal inbox (`fleet.journals.inbox`) since the last
 * run, on one backend instance at a time (set `scope: local` in the schedule when each
 * instance has an inbox folder of its own): every minute unless
 * `fleet.journals.inbox.schedule` says otherwise.
 */
export const journalInboxTask: FleetTask = {
  id: JOURNAL_INBOX_TASK_ID,
  title: 'Journal inbox run',
  scheduleConfigKey: 'fleet.journals.inbox.schedule',
  defaultSchedule: {
    frequency: { minutes: 1 },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 30 },
  },
};
