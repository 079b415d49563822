/**
 * The parts of Kubernetes objects that the GPU model reads. Full objects from the API server
 * (or `kubectl get -o json`) fit these types; so do objects reduced to these fields, as a
 * collector may send to keep a report small. Every field is optional because a reduced object
 * may leave any of them out.
 */

/** @public */
export interface KubeObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
}

/** @public */
export interface KubeCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** @public */
export interface KubeTaint {
  key?: string;
  value?: string;
  effect?: string;
}

/** @public */
export interface KubeToleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/**
 * A Kubernetes Node, reduced to what the GPU model reads.
 *
 * @public
 */
export interface KubeNode {
  metadata?: KubeObjectMeta;
  spec?: { unschedulable?: boolean; taints?: KubeTaint[] };
  status?: {
    allocatable?: Record<string, string>;
    capacity?: Record<string, string>;
    conditions?: KubeCondition[];
  };
}

/** @public */
export interface KubeContainer {
  name?: string;
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
}

/**
 * A pod's reference to a `ResourceClaim` (Dynamic Resource Allocation): by name, or through a
 * template whose claim `status.resourceClaimStatuses` names.
 *
 * @public
 */
export interface KubePodResourceClaim {
  name?: string;
  resourceClaimName?: string;
  resourceClaimTemplateName?: string;
}

/**
 * A Kubernetes Pod, reduced to what the GPU model reads. Container `env` is never read.
 *
 * @public
 */
export interface KubePod {
  metadata?: KubeObjectMeta;
  spec?: {
    nodeName?: string;
    containers?: KubeContainer[];
    tolerations?: KubeToleration[];
    resourceClaims?: KubePodResourceClaim[];
  };
  status?: {
    phase?: string;
    conditions?: KubeCondition[];
    /** The claims made for the pod from its `resourceClaimTemplateName`s. */
    resourceClaimStatuses?: Array<{
      name?: string;
      resourceClaimName?: string;
    }>;
  };
}

/**
 * A device attribute of a `ResourceSlice`: one of its fields is set.
 *
 * @public
 */
export interface KubeDeviceAttribute {
  string?: string;
  int?: number;
  bool?: boolean;
  version?: string;
}

/**
 * A device's capacities and attributes: `resource.k8s.io/v1` (and v1beta2) hold them on the
 * device, v1beta1 under `basic`. A capacity is `{ value: '80Gi' }`, or a bare quantity.
 *
 * @public
 */
export interface KubeDeviceDescription {
  attributes?: Record<string, KubeDeviceAttribute>;
  capacity?: Record<string, { value?: string } | string>;
}

/** @public */
export interface KubeDevice extends KubeDeviceDescription {
  name?: string;
  basic?: KubeDeviceDescription;
}

/**
 * A `ResourceSlice` (`resource.k8s.io/v1` or `v1beta1`), reduced to what the GPU model
 * reads: the devices a DRA driver publishes for one node.
 *
 * @public
 */
export interface KubeResourceSlice {
  metadata?: KubeObjectMeta;
  spec?: {
    driver?: string;
    nodeName?: string;
    pool?: { name?: string; generation?: number };
    devices?: KubeDevice[];
  };
}

/**
 * What a claim asks for: `exactly` in `resource.k8s.io/v1`, the same fields on the request
 * itself in v1beta1.
 *
 * @public
 */
export interface KubeDeviceRequestSpec {
  deviceClassName?: string;
  /** `ExactCount` (default) or `All`. */
  allocationMode?: string;
  count?: number;
}

/** @public */
export interface KubeDeviceRequest extends KubeDeviceRequestSpec {
  name?: string;
  exactly?: KubeDeviceRequestSpec;
}

/**
 * A `ResourceClaim` (`resource.k8s.io/v1` or `v1beta1`), reduced to what the GPU model reads:
 * what it asks for and the devices it was allocated.
 *
 * @public
 */
export interface KubeResourceClaim {
  metadata?: KubeObjectMeta;
  spec?: { devices?: { requests?: KubeDeviceRequest[] } };
  status?: {
    allocation?: {
      devices?: {
        results?: Array<{
          request?: string;
          driver?: string;
          pool?: string;
          device?: string;
        }>;
      };
    };
  };
}
