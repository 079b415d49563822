import type { ReleasePolicy } from '../../releases/types';
import { plural } from '../../words/plural';
import type { GpuNodeObservation } from '../types';
import { describeMiB, migProfile, migProfileMemoryMiB } from './gpuMemory';
import type { GpuIsolation, GpuNodeFit } from './types';
import { unsupportedGpuRule } from './unsupportedGpu';

/** What one node offers of the deployment's resource, before any pod of this evaluation. */
export interface NodeOffer extends GpuNodeFit {
  /** No pod of the deployment can go there (NotReady, cordoned, tainted, DRA unread…). */
  blocked: boolean;
  /** Why an engine pod cannot use the node's units even when free (memory), if so. */
  engineShortfall?: string;
}

export interface NodeOfferOptions {
  resourceName: string;
  /** GPU memory one engine pod needs, MiB. */
  engineMemoryMiB?: number;
  /** GPUs one engine pod asks for. */
  perEngine: number;
  policy?: ReleasePolicy;
  /** The chart version the capacity is judged for (installed, or an upgrade target). */
  version?: string;
}

function isolationOf(
  node: GpuNodeObservation,
  resourceName: string,
  fromDra: boolean,
): GpuIsolation {
  if (fromDra) {
    return 'dra';
  }
  if (migProfile(resourceName) || node.product?.includes('-MIG-')) {
    return 'mig';
  }
  return node.sharing?.strategy ?? 'whole';
}

function unitMemory(
  node: GpuNodeObservation,
  resourceName: string,
  isolation: GpuIsolation,
  draMemory: number[],
): number | undefined {
  switch (isolation) {
    case 'dra':
      return draMemory.length > 0 ? Math.min(...draMemory) : undefined;
    case 'mig':
      return migProfile(resourceName)
        ? node.migMemoryMiB?.[resourceName] ?? migProfileMemoryMiB(resourceName)
        : node.memoryMiB; // single strategy: GFD labels the slice as the GPU
    case 'mps':
    case 'time-slicing':
      return node.memoryMiB && node.sharing
        ? Math.floor(node.memoryMiB / node.sharing.replicas)
        : undefined;
    default:
      return node.memoryMiB;
  }
}

function whyNotCapacity(
  node: GpuNodeObservation,
  units: number,
  resourceName: string,
  product: string | undefined,
  unsupported: ReturnType<typeof unsupportedGpuRule>,
): string | undefined {
  if (!node.schedulable) {
    return node.unschedulableReason ?? 'not schedulable';
  }
  if (node.draUnread) {
    return 'its GPUs are managed by DRA and its ResourceSlices could not be read';
  }
  if (unsupported) {
    return `${product} is not supported from ${unsupported.since}${
      unsupported.note ? ` (${unsupported.note})` : ''
    }`;
  }
  return units === 0 ? `it offers no ${resourceName}` : undefined;
}

/** How a unit of the node is made, in words: `NVIDIA-L4 time-sliced 4 ways`. */
export function describeUnit(offer: GpuNodeFit, resourceName: string): string {
  const product = offer.product ?? 'an unlabelled GPU';
  switch (offer.isolation) {
    case 'mig':
      return `a ${migProfile(resourceName) ?? 'MIG'} slice of ${product}`;
    case 'mps':
      return `an MPS share of ${product} (${offer.sharedWays} ways)`;
    case 'time-slicing':
      return `a time-slice of ${product} (${offer.sharedWays} ways, no memory isolation)`;
    case 'dra':
      return `a DRA-allocated ${product}`;
    default:
      return `a whole ${product}`;
  }
}

/**
 * Reads one GPU node as capacity for the deployment's resource: its units (allocatable, or
 * DRA devices when it publishes them), what its pods already hold, one unit's memory, and
 * whether engine pods can use it at all — not when NotReady, cordoned, tainted against the
 * engine, managed by DRA without readable slices, of a GPU product the release policy no
 * longer supports at the version judged, or when its units are too small for an engine pod.
 */
export function describeNodeOffer(
  node: GpuNodeObservation,
  options: NodeOfferOptions,
): NodeOffer {
  const { resourceName } = options;
  const devices = (node.draDevices ?? []).filter(
    device => device.resourceName === resourceName,
  );
  const allocatable = node.allocatable[resourceName] ?? 0;
  const fromDra = allocatable === 0 && devices.length > 0;
  const units = fromDra ? devices.length : allocatable;
  const taken = Math.min(
    units,
    fromDra
      ? devices.filter(device => device.allocatedTo).length
      : node.requested?.[resourceName] ?? 0,
  );
  const isolation = isolationOf(node, resourceName, fromDra);
  const memory = unitMemory(
    node,
    resourceName,
    isolation,
    devices.flatMap(device =>
      device.memoryMiB !== undefined ? [device.memoryMiB] : [],
    ),
  );
  const offer: NodeOffer = {
    node: node.name,
    isolation,
    units,
    taken,
    free: Math.max(0, units - taken),
    counts: true,
    blocked: false,
    running: [],
    placed: [],
    moreEnginePods: 0,
  };
  const physical = fromDra ? devices.length : node.count;
  const product = node.product ?? devices.find(d => d.product)?.product;
  Object.assign(
    offer,
    product && { product },
    physical && { physicalGpus: physical },
    node.sharing && !fromDra && { sharedWays: node.sharing.replicas },
    memory && { unitMemoryMiB: memory },
  );

  const unsupported = unsupportedGpuRule(
    options.policy,
    product,
    options.version,
  );
  const excluded = whyNotCapacity(
    node,
    units,
    resourceName,
    product,
    unsupported,
  );
  if (excluded) {
    offer.counts = false;
    offer.blocked = true;
    offer.excluded = excluded;
    if (node.draUnread) {
      offer.draUnread = true;
    }
    return offer;
  }
  const need = options.engineMemoryMiB;
  if (need !== undefined && memory !== undefined) {
    const engineMemory = memory * options.perEngine;
    if (engineMemory < need) {
      offer.counts = false;
      offer.engineShortfall = `${describeUnit(
        offer,
        resourceName,
      )} has ${describeMiB(memory)}${
        options.perEngine > 1
          ? `, ${describeMiB(engineMemory)} for ${plural(
              options.perEngine,
              'unit',
            )}`
          : ''
      }; an engine pod needs ${describeMiB(need)}${
        isolation === 'time-slicing'
          ? ' (time-slicing does not isolate memory: pods on one GPU share all of it)'
          : ''
      }`;
      offer.excluded = offer.engineShortfall;
    }
  }
  return offer;
}
