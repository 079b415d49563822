import type { FleetTask } from './scheduleFleetTask';

/** The id of the task that re-evaluates the whole fleet. */
export const STATUS_REFRESH_TASK_ID = 'fleet-status-refresh';

/**
 * Re-evaluates every deployment's status, on one backend instance at a time: every 2 minutes
 * unless `fleet.status.schedule` says otherwise.
 */
export const statusRefreshTask: FleetTask = {
  id: STATUS_REFRESH_TASK_ID,
  title: 'Fleet status refresh',
  scheduleConfigKey: 'fleet.status.schedule',
  deprecatedScheduleConfigKey: 'fleet.status.refresh',
  defaultSchedule: {
    frequency: { minutes: 2 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 5 },
  },
};
