import type { KubePod } from './kubernetes';
import { isGpuResource, parseGpuQuantity } from './resources';
import type { GpuPodObservation, PendingGpuPodObservation } from './types';

/**
 * The GPU resources a pod asks for, summed over its containers. For extended resources
 * Kubernetes takes the limit as the request when only the limit is given.
 *
 * @public
 */
export function podGpuRequests(pod: KubePod): Record<string, number> {
  const result: Record<string, number> = {};
  for (const container of pod.spec?.containers ?? []) {
    const { requests = {}, limits = {} } = container.resources ?? {};
    for (const name of new Set([
      ...Object.keys(requests),
      ...Object.keys(limits),
    ])) {
      if (!isGpuResource(name)) {
        continue;
      }
      const count = parseGpuQuantity(requests[name] ?? limits[name]);
      if (count > 0) {
        result[name] = (result[name] ?? 0) + count;
      }
    }
  }
  return result;
}

/** Whether a pod holds or waits for its resources: not Succeeded or Failed. */
export function isActivePod(pod: KubePod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * The pod when it asks for GPUs and the scheduler could not place it (phase `Pending`,
 * condition `PodScheduled` false); `undefined` otherwise — a pod that is scheduled and only
 * pulling its image is not waiting for GPUs. `requests` are the GPUs it asks for, when more
 * than its containers' (its DRA claims'); by default {@link podGpuRequests}.
 *
 * @public
 */
export function describePendingGpuPod(
  pod: KubePod,
  requests: Record<string, number> = podGpuRequests(pod),
): PendingGpuPodObservation | undefined {
  if (pod.status?.phase !== 'Pending') {
    return undefined;
  }
  const scheduled = pod.status.conditions?.find(c => c.type === 'PodScheduled');
  if (!scheduled || scheduled.status !== 'False') {
    return undefined;
  }
  if (Object.keys(requests).length === 0) {
    return undefined;
  }
  return {
    name: pod.metadata?.name ?? '(unnamed)',
    requests,
    ...(scheduled.message && { message: scheduled.message }),
  };
}

/** A GPU pod of the deployment: where it runs, what it asks for, and what it is (its labels). */
export function describeDeploymentPod(
  pod: KubePod,
  requests: Record<string, number>,
): GpuPodObservation {
  const labels = pod.metadata?.labels ?? {};
  const app = labels['app.kubernetes.io/component'] ?? labels.app;
  return {
    name: pod.metadata?.name ?? '(unnamed)',
    ...(pod.spec?.nodeName && { node: pod.spec.nodeName }),
    requests,
    ...(app && { app }),
  };
}
