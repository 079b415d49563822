import { plural } from '../../words/plural';
import { describeMiB } from './gpuMemory';
import type { GpuFit } from './types';

const LISTED_NODES = 6;

function listed(items: string[]): string {
  const shown = items.slice(0, LISTED_NODES).join(', ');
  return items.length > LISTED_NODES
    ? `${shown} … (${items.length - LISTED_NODES} more)`
    : shown;
}

/** `2 free nvidia.com/gpu with 12 GiB`: what one engine pod needs from one node. */
export function describeEngineNeed(fit: GpuFit): string {
  const { gpus, memoryMiB } = fit.enginePod;
  return `${gpus} free ${fit.resourceName}${
    memoryMiB !== undefined ? ` with ${describeMiB(memoryMiB)}` : ''
  }`;
}

/** `free: a1 1, a2 1, a3 1`, over the nodes that can take engine pods. */
export function describeFreeUnits(fit: GpuFit): string {
  const counting = fit.nodes.filter(node => node.counts);
  return counting.length === 0
    ? 'no node can take engine pods'
    : `free: ${listed(counting.map(node => `${node.node} ${node.free}`))}`;
}

/** `not capacity: l4-a (…), b2 (cordoned)`, over GPU nodes that offer the resource but do not count. */
export function describeExcludedNodes(fit: GpuFit): string | undefined {
  const excluded = fit.nodes.filter(
    node => !node.counts && node.excluded && node.units > 0,
  );
  return excluded.length === 0
    ? undefined
    : `not capacity: ${listed(
        excluded.map(node => `${node.node} (${node.excluded})`),
      )}`;
}

/** `engine pod 5, engine pod 6`, and how many more. */
export function describeUnplaced(fit: GpuFit): string {
  return `${plural(fit.unplaced.length, 'pod')} fit on no node (${listed(
    fit.unplaced.map(pod => `${pod.name}: ${pod.gpus} ${pod.resourceName}`),
  )})`;
}

/** The node-level facts behind a verdict, joined: free units, then nodes that do not count. */
export function describeNodeFacts(fit: GpuFit): string {
  return [describeFreeUnits(fit), describeExcludedNodes(fit)]
    .filter(Boolean)
    .join('; ');
}
