import type {
  GpuFit,
  GpuNodeFit,
  GpuSizingSignal,
} from '@fleetdeck/plugin-fleet-common';

/**
 * A node as the packing saw it: 4 whole A100s of 80 GiB, all free, none of the deployment's
 * pods.
 */
export function gpuNodeFit(
  node: string,
  overrides: Partial<GpuNodeFit> = {},
): GpuNodeFit {
  return {
    node,
    product: 'NVIDIA-A100-SXM4-80GB',
    isolation: 'whole',
    physicalGpus: 4,
    unitMemoryMiB: 81920,
    units: 4,
    taken: 0,
    free: 4,
    counts: true,
    running: [],
    placed: [],
    moreEnginePods: 0,
    ...overrides,
  };
}

/** A fit judged node by node for engine pods of 1 nvidia.com/gpu and 16 GiB, with overrides. */
export function gpuFit(overrides: Partial<GpuFit> = {}): GpuFit {
  return {
    basis: 'nodes',
    resourceName: 'nvidia.com/gpu',
    enginePod: { gpus: 1, memoryMiB: 16384 },
    nodes: [],
    unplaced: [],
    moreEnginePods: 0,
    notes: [],
    ...overrides,
  };
}

/** A load of 8 streams, sized `medium` at 0.42.0, that the deployment declares too little for. */
export const undersizedGpuSizing: GpuSizingSignal = {
  expectedStreams: 8,
  version: '0.42.0',
  since: '0.40.0',
  tier: {
    name: 'medium',
    upToStreams: 10,
    engineReplicas: 2,
    gpusPerEngine: 1,
    gpuMemoryGiB: 16,
    cpu: '4',
    memory: '16Gi',
  },
  verdict: 'undersized',
  message:
    'A load of 8 streams needs 2 engine pods of 1 GPU with 16 GiB; the deployment declares 1 engine pod with 12 GiB. The cluster holds 3 engine pods of that size.',
  clusterHolds: 3,
};
