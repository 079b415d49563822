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
  /**
   * GPUs of each resource that the active pods on this node request — every namespace the
   * source could list (see `GpuCapacityObservation.podScope`), this deployment's pods included.
   */
  requested?: Record<string, number>;
  /**
   * Memory of one slice of each MIG resource on this node, MiB: the
   * `nvidia.com/mig-<profile>.memory` label, else the profile name (`mig-3g.40gb` → 40 GiB).
   */
  migMemoryMiB?: Record<string, number>;
  /** GPUs this node publishes through Dynamic Resource Allocation (`ResourceSlice`s). */
  draDevices?: DraGpuDevice[];
  /**
   * The node carries GPUs (GPU feature discovery labels it) but advertises none in allocatable
   * and its `ResourceSlice`s could not be read: they are managed by DRA, and the portal cannot
   * tell how many are free.
   */
  draUnread?: boolean;
}

/**
 * A GPU (or MIG slice) a DRA driver publishes in a `ResourceSlice`, and whether a
 * `ResourceClaim` holds it.
 *
 * @public
 */
export interface DraGpuDevice {
  /** The device's name in its slice, e.g. `gpu-0` or `gpu-0-mig-3g40gb-0`. */
  name: string;
  /** The slice's driver, e.g. `gpu.nvidia.com`. */
  driver: string;
  /**
   * The extended resource this device stands for: `nvidia.com/gpu` for a whole GPU,
   * `nvidia.com/mig-<profile>` for a MIG slice — so DRA devices and allocatable count alike.
   */
  resourceName: string;
  /** The `productName` attribute, e.g. `NVIDIA H100 80GB HBM3`. */
  product?: string;
  /** The `memory` capacity, MiB. */
  memoryMiB?: number;
  /** The claim holding it (`namespace/name`), when one is allocated to it. */
  allocatedTo?: string;
}

/**
 * A GPU pod of the deployment and the node it runs on.
 *
 * @public
 */
export interface GpuPodObservation {
  name: string;
  /** The node it is bound to; absent while it waits for one. */
  node?: string;
  /** The GPU resources it asks for (containers summed; DRA claims counted as their resource). */
  requests: Record<string, number>;
  /**
   * What the pod is, from its labels (`app.kubernetes.io/component`, else `app`), e.g.
   * `deepgram-engine` or `deepgram-agent-text-to-speech`; matched against `spec.gpu.components`.
   */
  app?: string;
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
