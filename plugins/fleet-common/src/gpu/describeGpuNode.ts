import type { KubeNode, KubeTaint, KubeToleration } from './kubernetes';
import { gpuResources, isGpuResource, parseGpuQuantity } from './resources';
import type { GpuNodeObservation, GpuSharing } from './types';

/** GPU feature discovery's node labels. */
export const GFD_LABELS = {
  product: 'nvidia.com/gpu.product',
  memory: 'nvidia.com/gpu.memory',
  count: 'nvidia.com/gpu.count',
  replicas: 'nvidia.com/gpu.replicas',
  sharingStrategy: 'nvidia.com/gpu.sharing-strategy',
  driverFull: 'nvidia.com/cuda.driver-version.full',
  driverMajor: 'nvidia.com/cuda.driver.major',
  driverMinor: 'nvidia.com/cuda.driver.minor',
  driverRev: 'nvidia.com/cuda.driver.rev',
  migStrategy: 'nvidia.com/mig.strategy',
} as const;

const positiveInteger = (value: string | undefined) => {
  const parsed = parseGpuQuantity(value);
  return parsed > 0 ? parsed : undefined;
};

/**
 * Whether a node carries GPUs: it advertises an NVIDIA resource, or GPU feature discovery
 * labelled it (a node whose device plugin is down still has its product label).
 *
 * @public
 */
export function isGpuNode(node: KubeNode): boolean {
  const labels = node.metadata?.labels ?? {};
  return (
    labels[GFD_LABELS.product] !== undefined ||
    Object.keys(node.status?.capacity ?? {}).some(isGpuResource) ||
    Object.keys(node.status?.allocatable ?? {}).some(isGpuResource)
  );
}

function readDriverVersion(labels: Record<string, string>): string | undefined {
  const full = labels[GFD_LABELS.driverFull];
  if (full) {
    return full;
  }
  const major = labels[GFD_LABELS.driverMajor];
  if (!major) {
    return undefined;
  }
  return [major, labels[GFD_LABELS.driverMinor], labels[GFD_LABELS.driverRev]]
    .filter(part => part !== undefined && part !== '')
    .join('.');
}

function readSharing(labels: Record<string, string>): GpuSharing | undefined {
  const replicas = positiveInteger(labels[GFD_LABELS.replicas]);
  if (!replicas || replicas < 2) {
    return undefined;
  }
  // GFD before the sharing-strategy label only labelled replicas for time-slicing.
  const strategy =
    labels[GFD_LABELS.sharingStrategy] === 'mps' ? 'mps' : 'time-slicing';
  return { strategy, replicas };
}

/**
 * Whether a toleration lets a pod onto a node with this taint (Kubernetes' own rule).
 *
 * @public
 */
export function tolerates(
  toleration: KubeToleration,
  taint: KubeTaint,
): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) {
    return false;
  }
  if (!toleration.key) {
    // An empty key with operator Exists tolerates everything.
    return toleration.operator === 'Exists';
  }
  if (toleration.key !== taint.key) {
    return false;
  }
  return toleration.operator === 'Exists'
    ? true
    : (toleration.value ?? '') === (taint.value ?? '');
}

const describeTaint = (taint: KubeTaint) =>
  `${taint.key ?? ''}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;

function whyUnschedulable(
  node: KubeNode,
  tolerations: KubeToleration[],
): string | undefined {
  const ready = node.status?.conditions?.find(c => c.type === 'Ready');
  if (ready && ready.status !== 'True') {
    return 'NotReady';
  }
  if (node.spec?.unschedulable) {
    return 'cordoned';
  }
  const blocking = (node.spec?.taints ?? []).find(
    taint =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !tolerations.some(toleration => tolerates(toleration, taint)),
  );
  return blocking
    ? `taint ${describeTaint(blocking)} not tolerated by the engine`
    : undefined;
}

/**
 * Describes the GPUs of one node: product, memory, count (GPU feature discovery labels),
 * allocatable GPU resources (whole GPUs, shared GPUs, MIG slices), sharing, MIG strategy,
 * CUDA driver version, and whether engine pods can be scheduled there — not when the node is
 * NotReady, cordoned, or has a NoSchedule/NoExecute taint that none of `tolerations` (the
 * engine pods') tolerate.
 *
 * @public
 */
export function describeGpuNode(
  node: KubeNode,
  options: { tolerations?: KubeToleration[] } = {},
): GpuNodeObservation {
  const labels = node.metadata?.labels ?? {};
  const unschedulableReason = whyUnschedulable(node, options.tolerations ?? []);
  const result: GpuNodeObservation = {
    name: node.metadata?.name ?? '(unnamed)',
    allocatable: gpuResources(node.status?.allocatable),
    schedulable: unschedulableReason === undefined,
  };
  const product = labels[GFD_LABELS.product];
  const memoryMiB = positiveInteger(labels[GFD_LABELS.memory]);
  const count = positiveInteger(labels[GFD_LABELS.count]);
  const sharing = readSharing(labels);
  const migStrategy = labels[GFD_LABELS.migStrategy];
  const driverVersion = readDriverVersion(labels);
  Object.assign(
    result,
    product && { product },
    memoryMiB && { memoryMiB },
    count && { count },
    sharing && { sharing },
    migStrategy && migStrategy !== 'none' && { migStrategy },
    driverVersion && { driverVersion },
    unschedulableReason && { unschedulableReason },
  );
  return result;
}
