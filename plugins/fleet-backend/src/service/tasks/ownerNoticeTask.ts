import type { FleetTask } from './scheduleFleetTask';

/**
 * The id of the task that tells owners of overdue journals and expiring licenses. It is older
 * than the license notices, and stays: the scheduler keys its runs and locks by it, and
 * portals trigger it by name.
 */
export const OWNER_NOTICE_TASK_ID = 'fleet-journal-overdue';

/**
 * Flags overdue journals and expiring licenses and tells the owners, on one backend instance
 * at a time: hourly unless `fleet.notices.schedule` says otherwise.
 */
export const ownerNoticeTask: FleetTask = {
  id: OWNER_NOTICE_TASK_ID,
  title: 'Fleet journal and license check',
  scheduleConfigKey: 'fleet.notices.schedule',
  deprecatedScheduleConfigKey: 'fleet.journals.overdue.schedule',
  defaultSchedule: {
    frequency: { hours: 1 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    scope: 'global',
  },
};
