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
  };
  status?: { phase?: string; conditions?: KubeCondition[] };
}
