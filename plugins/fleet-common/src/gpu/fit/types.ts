/**
 * How a GPU is handed to pods on a node, which decides what one unit of its resource is worth:
 * a whole GPU, a MIG slice (own memory, isolated), an MPS share (memory limited per client), a
 * time-slice (a share of the memory in name only: no isolation), or a DRA device.
 *
 * @public
 */
export type GpuIsolation = 'whole' | 'mig' | 'mps' | 'time-slicing' | 'dra';

/**
 * One pod the deployment needs placed: an engine pod or a GPU component's pod.
 *
 * @public
 */
export interface GpuPodDemand {
  /** `engine 3`, `agent-text-to-speech 1`: what the reasons call it. */
  name: string;
  /** `engine`, or the component's name. */
  role: string;
  resourceName: string;
  /** Units of `resourceName` the pod asks for; all from one node. */
  gpus: number;
  /** GPU memory the pod needs in all, MiB; unchecked when absent. */
  memoryMiB?: number;
}

/**
 * What one node offers the deployment's resource, after every pod already on it.
 *
 * @public
 */
export interface GpuNodeFit {
  node: string;
  product?: string;
  isolation: GpuIsolation;
  /** Physical GPUs (`nvidia.com/gpu.count`, or DRA devices). */
  physicalGpus?: number;
  /** Pods that share one physical GPU (time-slicing, MPS). */
  sharedWays?: number;
  /** Units of the resource the node advertises (allocatable, or DRA devices). */
  units: number;
  /** Units its pods already hold (every namespace the source listed). */
  taken: number;
  /** `units − taken`, never below 0. */
  free: number;
  /** Memory of one unit, MiB, when known: a whole GPU's, a slice's, or a share's. */
  unitMemoryMiB?: number;
  /** Whether the node counts at all; when not, `excluded` says why in words. */
  counts: boolean;
  excluded?: string;
  /** Excluded because DRA manages its GPUs and its `ResourceSlice`s could not be read. */
  draUnread?: boolean;
  /** This deployment's pods running there now. */
  running: string[];
  /** Pods the packing placed there (missing, pending, or replaced for a target). */
  placed: string[];
  /** Engine pods that would still fit there after the packing. */
  moreEnginePods: number;
}

/**
 * The answer to "can the pods this deployment needs be scheduled on these nodes?".
 *
 * @public
 */
export interface GpuFit {
  /**
   * `nodes` when the observation listed nodes and the deployment's pods (packed per node, as
   * the scheduler would); `totals` for an observation with figures only (an older snapshot).
   */
  basis: 'nodes' | 'totals';
  resourceName: string;
  /** One engine pod's demand. */
  enginePod: { gpus: number; memoryMiB?: number };
  /** Every GPU node, counted or not, by name. */
  nodes: GpuNodeFit[];
  /** Pods that fit nowhere. */
  unplaced: GpuPodDemand[];
  /** Engine pods that would still fit, over all nodes, after the packing: the scale-up answer. */
  moreEnginePods: number;
  /** Caveats a reader must know, e.g. that time-slicing does not isolate memory. */
  notes: string[];
}
