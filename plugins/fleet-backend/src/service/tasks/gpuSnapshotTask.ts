import type { FleetTask } from './scheduleFleetTask';

/** The id of the task that snapshots connected clusters' GPUs. */
export const GPU_SNAPSHOT_TASK_ID = 'fleet-gpu-snapshot';

/**
 * Snapshots the GPUs of connected deployments through the Kubernetes plugin, on one backend
 * instance at a time: every 10 minutes unless `fleet.gpu.schedule` says otherwise.
 */
export const gpuSnapshotTask: FleetTask = {
  id: GPU_SNAPSHOT_TASK_ID,
  title: 'GPU snapshot run',
  scheduleConfigKey: 'fleet.gpu.schedule',
  defaultSchedule: {
    frequency: { minutes: 10 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
  },
};
