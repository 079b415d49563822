import {
  describeMoment,
  plural,
  type DeploymentProfile,
  type GpuNodeObservation,
  type GpuSignal,
  type PendingGpuPodObservation,
} from '@fleetdeck/plugin-fleet-common';
import { formatTimestamp } from '../shared/fleetStatus';

/**
 * `80 GiB` from GPU feature discovery's MiB (81920), `22 GiB` for an L4's 23034; one decimal
 * below 10 GiB (`5.6 GiB`), where a share or a small slice would lose too much to rounding.
 */
export function formatGpuMemory(memoryMiB: number | undefined): string {
  if (memoryMiB === undefined) {
    return '—';
  }
  const gib = memoryMiB / 1024;
  return `${gib < 10 ? Math.round(gib * 10) / 10 : Math.round(gib)} GiB`;
}

/** `time-slicing × 4`, `MPS × 2`, `MIG mixed`, `none`. */
export function describeSharing(node: GpuNodeObservation): string {
  const parts: string[] = [];
  if (node.migStrategy) {
    parts.push(`MIG ${node.migStrategy}`);
  }
  if (node.sharing) {
    parts.push(
      `${node.sharing.strategy === 'mps' ? 'MPS' : 'time-slicing'} × ${
        node.sharing.replicas
      }`,
    );
  }
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** `8 × nvidia.com/gpu`, `14 × mig-1g.10gb, 4 × mig-3g.40gb`, `none`. */
export function describeAllocatable(node: GpuNodeObservation): string {
  const entries = Object.entries(node.allocatable);
  if (entries.length === 0) {
    return 'none';
  }
  return entries
    .map(
      ([resource, count]) =>
        `${count} × ${
          resource === 'nvidia.com/gpu'
            ? 'GPU'
            : resource.replace('nvidia.com/', '')
        }`,
    )
    .join(', ');
}

/**
 * `deepgram-engine-…-z9y3k asks for 1 nvidia.com/gpu — 0/7 nodes are available: …`, with the
 * scheduler's message when it gave one.
 */
export function describeWaitingPod(pod: PendingGpuPodObservation): string {
  const requests = Object.entries(pod.requests)
    .map(([resource, count]) => `${count} ${resource}`)
    .join(', ');
  return `${pod.name} asks for ${requests}${
    pod.message ? ` — ${pod.message}` : ''
  }`;
}

/** `Schedulable`, or why not: `Not schedulable: cordoned`. */
export function describeNodeState(node: GpuNodeObservation): string {
  return node.schedulable
    ? 'Schedulable'
    : `Not schedulable: ${node.unschedulableReason ?? 'unknown reason'}`;
}

/** `Live cluster, snapshot 5 minutes ago` or `Status report of 2026-11-20 02:00 UTC`. */
export function describeGpuSource(
  signal: GpuSignal,
  now: Date,
): string | undefined {
  if (!signal.observedAt) {
    return undefined;
  }
  if (signal.source === 'report') {
    return `Status report of ${formatTimestamp(signal.observedAt)} (${
      describeMoment(signal.observedAt, now) ?? 'unknown age'
    })`;
  }
  if (signal.source === 'cluster') {
    return `Live cluster, snapshot ${
      describeMoment(signal.observedAt, now) ?? 'of unknown age'
    } (${formatTimestamp(signal.observedAt)})`;
  }
  return `Observed ${formatTimestamp(signal.observedAt)}`;
}

/**
 * What an SE should do about a GPU signal that is not `ok`, in words; `undefined` when `ok`.
 */
export function gpuAdvice(
  signal: GpuSignal,
  options: { profile: DeploymentProfile; perEngine?: number },
): string | undefined {
  const resource = signal.resourceName ?? 'GPUs';
  const down = (signal.nodes ?? []).filter(node => !node.schedulable);
  const downHint =
    down.length > 0
      ? ` ${plural(down.length, 'GPU node')} cannot take pods now (${down
          .map(node => `${node.name}: ${node.unschedulableReason}`)
          .join('; ')}); bringing ${
          down.length === 1 ? 'it' : 'them'
        } back is the quickest fix.`
      : '';
  switch (signal.status) {
    case 'ok':
      return undefined;
    case 'insufficient': {
      const pending = signal.pendingPods?.length ?? 0;
      if (pending > 0) {
        return `${plural(pending, 'pod')} ${
          pending === 1 ? 'is' : 'are'
        } waiting for ${resource}: add GPU nodes with ${resource}, free GPUs used by other workloads, or lower scaling.replicas.engine.${downHint}`;
      }
      const missing = Math.max(
        (signal.required ?? 0) - (signal.allocatable ?? 0),
        0,
      );
      return `The deployment needs ${missing} more ${resource} than the cluster can schedule: add GPU nodes, or lower scaling.replicas.engine before scaling or upgrading.${downHint}`;
    }
    case 'tight':
      return `No room for one more engine pod (${plural(
        options.perEngine ?? 1,
        'GPU',
      )}), so a rolling upgrade cannot start a new pod before stopping an old one: add a GPU node first, or upgrade in a maintenance window with the engine's maxSurge at 0.${downHint}`;
    default:
      if (signal.error) {
        return `The last attempt to read the cluster failed (${signal.error}). Check the cluster in the Kubernetes plugin's configuration and that the fleet backend may use kubernetes.proxy and kubernetes.resources.read; the figures shown are from the last good snapshot.`;
      }
      return options.profile === 'airgapped'
        ? 'Ask the customer to run the collector script and send its status report with the next journal (POST /api/fleet/deployments/:namespace/:name/reports, or the inbox).'
        : 'Connected deployments are read by task fleet-gpu-snapshot every few minutes; check the backstage.io/kubernetes-id annotation, and that the pods carry that label.';
  }
}
