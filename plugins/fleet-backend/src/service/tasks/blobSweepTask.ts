import type { FleetTask } from './scheduleFleetTask';

/** The id of the task that reclaims the blob store's leftovers. */
export const BLOB_SWEEP_TASK_ID = 'fleet-blob-sweep';

/**
 * Reclaims what the journal blob store holds for no receipt: temporary files of uploads a
 * killed backend never finished, and blobs whose row was never written (a database outage
 * the ingest could not clean up after). One instance at a time, shortly after start-up and
 * then hourly unless `fleet.journals.blobSweep.schedule` says otherwise.
 */
export const blobSweepTask: FleetTask = {
  id: BLOB_SWEEP_TASK_ID,
  title: 'Journal blob sweep',
  scheduleConfigKey: 'fleet.journals.blobSweep.schedule',
  defaultSchedule: {
    frequency: { hours: 1 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 1 },
  },
};
