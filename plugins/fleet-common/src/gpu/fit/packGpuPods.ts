import type { NodeOffer } from './describeNodeOffer';
import type { GpuPodDemand } from './types';

/** Whether a pod can go to a node now: not blocked, room for its units, and its memory. */
export function canTake(offer: NodeOffer, pod: GpuPodDemand): boolean {
  if (offer.blocked || offer.free < pod.gpus) {
    return false;
  }
  if (pod.memoryMiB === undefined || offer.unitMemoryMiB === undefined) {
    return true;
  }
  return offer.unitMemoryMiB * pod.gpus >= pod.memoryMiB;
}

/**
 * Places pods on nodes as the scheduler must — each pod's GPUs from one node — largest pods
 * first, each on the node it fits most snugly (best fit: the least free units, then the name),
 * so that the big free blocks stay for the pods that need them. Takes the units from the
 * offers it is given and returns the pods that fit nowhere.
 */
export function packGpuPods(
  offers: NodeOffer[],
  pods: GpuPodDemand[],
): GpuPodDemand[] {
  const unplaced: GpuPodDemand[] = [];
  const largestFirst = [...pods].sort(
    (a, b) =>
      b.gpus - a.gpus ||
      (b.memoryMiB ?? 0) - (a.memoryMiB ?? 0) ||
      a.name.localeCompare(b.name),
  );
  for (const pod of largestFirst) {
    const target = offers
      .filter(offer => canTake(offer, pod))
      .sort((a, b) => a.free - b.free || a.node.localeCompare(b.node))[0];
    if (!target) {
      unplaced.push(pod);
      continue;
    }
    target.free -= pod.gpus;
    target.taken += pod.gpus;
    target.placed.push(pod.name);
  }
  return unplaced;
}

/** How many pods like `pod` still fit on one node. */
export function podsThatFit(offer: NodeOffer, pod: GpuPodDemand): number {
  return canTake(offer, pod) ? Math.floor(offer.free / pod.gpus) : 0;
}
