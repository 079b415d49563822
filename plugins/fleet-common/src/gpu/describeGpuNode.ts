import type { KubeNode, KubeTaint, KubeToleration } from './kubernetes';
import { migProfile, migProfileMemoryMiB } from './fit/gpuMemory';
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
 * GPU feature discovery suffixes the product of a shared GPU with `-SHARED` (unless the device
 * plugin renames the resource to `nvidia.com/gpu.shared`); the GPU is the same product.
 */
const SHARED_PRODUCT_SUFFIX = '-SHARED';

function readProduct(
  labels: Record<string, string>,
  sharing: GpuSharing | undefined,
): string | undefined {
  const product = labels[GFD_LABELS.product];
  return sharing && product?.endsWith(SHARED_PRODUCT_SUFFIX)
    ? product.slice(0, -SHARED_PRODUCT_SUFFIX.length)
    : product;
}

/**
 * The memory of one slice of each MIG resource the node advertises: GPU feature discovery's
 * `nvidia.com/mig-<profile>.memory` label, else what the profile's name says.
 */
function readMigMemory(
  labels: Record<string, string>,
  resources: string[],
): Record<string, number> | undefined {
  const result: Record<string, number> = {};
  for (const resource of resources) {
    const profile = migProfile(resource);
    const memoryMiB =
      profile &&
      (positiveInteger(labels[`nvidia.com/mig-${profile}.memory`]) ??
        migProfileMemoryMiB(resource));
    if (memoryMiB) {
      result[resource] = memoryMiB;
    }
  }
  return Object.keys(result).length > 0 ? result : undefined;
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
 * allocatable GPU resources (whole GPUs, shared GPUs, MIG slices), sharing (time-slicing or
 * MPS, whichever resource name the device plugin gives shared GPUs — `nvidia.com/gpu` or
 * `nvidia.com/gpu.shared`), the memory of a slice of each MIG resource, MIG strategy,
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
  const sharing = readSharing(labels);
  const product = readProduct(labels, sharing);
  const memoryMiB = positiveInteger(labels[GFD_LABELS.memory]);
  const count = positiveInteger(labels[GFD_LABELS.count]);
  const migMemoryMiB = readMigMemory(labels, [
    ...new Set([
      ...Object.keys(node.status?.allocatable ?? {}),
      ...Object.keys(node.status?.capacity ?? {}),
    ]),
  ]);
  const migStrategy = labels[GFD_LABELS.migStrategy];
  const driverVersion = readDriverVersion(labels);
  Object.assign(
    result,
    product && { product },
    memoryMiB && { memoryMiB },
    count && { count },
    sharing && { sharing },
    migStrategy && migStrategy !== 'none' && { migStrategy },
    migMemoryMiB && { migMemoryMiB },
    driverVersion && { driverVersion },
    unschedulableReason && { unschedulableReason },
  );
  return result;
}
