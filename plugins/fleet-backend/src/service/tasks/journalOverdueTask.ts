import type { FleetTask } from './scheduleFleetTask';

/** The id of the task that flags overdue journals and expiring licenses. */
export const JOURNAL_OVERDUE_TASK_ID = 'fleet-journal-overdue';

/**
 * Flags overdue journals and expiring licenses and tells the owners, on one backend instance
 * at a time: hourly unless `fleet.journals.overdue.schedule` says otherwise.
 */
export const journalOverdueTask: FleetTask = {
  id: JOURNAL_OVERDUE_TASK_ID,
  title: 'Fleet journal and license check',
  scheduleConfigKey: 'fleet.journals.overdue.schedule',
  defaultSchedule: {
    frequency: { hours: 1 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    scope: 'global',
  },
};
