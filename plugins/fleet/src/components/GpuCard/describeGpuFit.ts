import {
  plural,
  type GpuFit,
  type GpuIsolation,
  type GpuNodeFit,
  type GpuPodDemand,
} from '@fleetdeck/plugin-fleet-common';
import { formatGpuMemory } from './describeGpu';

/** `2 more engine pods fit now`, `1 more engine pod fits now`, `No more engine pods fit now`. */
export function describeScaleUp(fit: GpuFit): string {
  const more = fit.moreEnginePods;
  if (more <= 0) {
    return 'No more engine pods fit now';
  }
  return `${plural(more, 'more engine pod')} ${
    more === 1 ? 'fits' : 'fit'
  } now`;
}

/** `1 nvidia.com/gpu and 16 GiB of GPU memory`, or the GPUs alone when memory is unchecked. */
function describeAsk(
  gpus: number,
  resourceName: string,
  memoryMiB: number | undefined,
): string {
  const units = `${gpus} ${resourceName}`;
  return memoryMiB === undefined
    ? units
    : `${units} and ${formatGpuMemory(memoryMiB)} of GPU memory`;
}

/**
 * One engine pod's demand: `An engine pod asks for 1 nvidia.com/gpu and 16 GiB of GPU memory.`
 * Without a declared memory, says that memory is not checked and which field declares it.
 */
export function describeEnginePod(fit: GpuFit): string {
  const { gpus, memoryMiB } = fit.enginePod;
  const ask = `An engine pod asks for ${describeAsk(
    gpus,
    fit.resourceName,
    memoryMiB,
  )}`;
  return memoryMiB === undefined
    ? `${ask}; its GPU memory is not declared (spec.gpu.engineMemoryGiB), so no node is checked for it.`
    : `${ask}.`;
}

/** Said when the answer comes from totals rather than node by node; `undefined` otherwise. */
export function describeFitBasis(fit: GpuFit): string | undefined {
  return fit.basis === 'totals'
    ? 'Judged by totals: this observation lists no nodes.'
    : undefined;
}

/** `engine 3 needs 1 nvidia.com/gpu and 16 GiB of GPU memory`. */
export function describePodDemand(pod: GpuPodDemand): string {
  return `${pod.name} needs ${describeAsk(
    pod.gpus,
    pod.resourceName,
    pod.memoryMiB,
  )}`;
}

/** `3g.40gb` from `nvidia.com/mig-3g.40gb`; `undefined` for a resource that names no profile. */
function migProfile(resourceName: string): string | undefined {
  return /^nvidia\.com\/mig-(.+)$/.exec(resourceName)?.[1];
}

/**
 * How the node hands out GPUs: `Whole GPUs`, `MIG 3g.40gb slices`,
 * `Time-sliced 4 ways — no memory isolation`, `MPS 2 ways`, `DRA devices`.
 */
export function describeIsolation(
  node: GpuNodeFit,
  resourceName: string,
): string {
  const ways = node.sharedWays ? ` ${node.sharedWays} ways` : '';
  switch (node.isolation) {
    case 'mig': {
      const profile = migProfile(resourceName);
      return profile ? `MIG ${profile} slices` : 'MIG slices';
    }
    case 'time-slicing':
      return `Time-sliced${ways} — no memory isolation`;
    case 'mps':
      return `MPS${ways}`;
    case 'dra':
      return 'DRA devices';
    default:
      return 'Whole GPUs';
  }
}

const UNIT_NAMES: Record<GpuIsolation, string> = {
  whole: 'per GPU',
  mig: 'per slice',
  'time-slicing': 'per share',
  mps: 'per share',
  dra: 'per device',
};

/** The memory one unit of the resource brings: `80 GiB per GPU`, `5.6 GiB per share`, `—`. */
export function describeUnitMemory(node: GpuNodeFit): string {
  return node.unitMemoryMiB === undefined
    ? '—'
    : `${formatGpuMemory(node.unitMemoryMiB)} ${UNIT_NAMES[node.isolation]}`;
}

/** `1 of 4 free`. */
export function describeFree(node: GpuNodeFit): string {
  return `${node.free} of ${node.units} free`;
}

/** `Yes`, or why the node is not capacity: `No: cordoned`. */
export function describeCounted(node: GpuNodeFit): string {
  return node.counts ? 'Yes' : `No: ${node.excluded ?? 'no reason given'}`;
}

/**
 * The deployment's pods on a node, one line each: what runs there, what the packing would put
 * there, and the room left for engine pods after that; `None` when there is nothing to say.
 */
export function describeNodePods(node: GpuNodeFit): string[] {
  const lines = [
    node.running.length > 0 ? `Runs ${node.running.join(', ')}` : undefined,
    node.placed.length > 0 ? `Could take ${node.placed.join(', ')}` : undefined,
    node.counts && node.moreEnginePods > 0
      ? `Room for ${plural(node.moreEnginePods, 'more engine pod')}`
      : undefined,
  ].filter((line): line is string => line !== undefined);
  return lines.length > 0 ? lines : ['None'];
}
