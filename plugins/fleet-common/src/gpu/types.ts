/**
 * How the GPUs of a node are shared between pods (`nvidia.com/gpu.replicas` and
 * `nvidia.com/gpu.sharing-strategy`, from GPU feature discovery).
 *
 * @public
 */
export interface GpuSharing {
  strategy: 'time-slicing' | 'mps';
  /** Pods that share one physical GPU. */
  replicas: number;
}

/**
 * What one node offers in GPUs, from its GPU-feature-discovery labels and its allocatable
 * resources.
 *
 * @public
 */
export interface GpuNodeObservation {
  name: string;
  /** `nvidia.com/gpu.product`, e.g. `NVIDIA-A100-SXM4-80GB`. */
  product?: string;
  /** Memory of one GPU in MiB (`nvidia.com/gpu.memory`). */
  memoryMiB?: number;
  /** Physical GPUs (`nvidia.com/gpu.count`). */
  count?: number;
  /** Allocatable GPU resources by name: `nvidia.com/gpu`, `nvidia.com/mig-1g.10gb`… */
  allocatable: Record<string, number>;
  sharing?: GpuSharing;
  /** `nvidia.com/mig.strategy` when MIG is on: `single` or `mixed`. */
  migStrategy?: string;
  /** CUDA driver version, e.g. `550.54.15`. */
  driverVersion?: string;
  /** Whether engine pods can be scheduled there now. */
  schedulable: boolean;
  /** Why not, when not: `NotReady`, `cordoned`, or the taint not tolerated. */
  unschedulableReason?: string;
}

/**
 * A pod that asks for GPUs and that the scheduler could not place.
 *
 * @public
 */
export interface PendingGpuPodObservation {
  name: string;
  /** The GPU resources it asks for. */
  requests: Record<string, number>;
  /** The scheduler's message, e.g. `0/5 nodes are available: 5 Insufficient nvidia.com/gpu.` */
  message?: string;
}
