/**
 * One release of a chart, as a Helm repository `index.yaml` lists it.
 *
 * @public
 */
export interface ChartRelease {
  version: string;
  appVersion?: string;
  /** When the release was published (ISO 8601). */
  created: string;
  /** The Kubernetes versions it supports, a Helm semver range such as `>=1.28.0-0`. */
  kubeVersion?: string;
  digest?: string;
}

/**
 * The releases of each chart, newest first.
 *
 * @public
 */
export type ReleaseIndex = Record<string, ChartRelease[]>;

/**
 * Upgrade rules that a Helm index does not carry (`examples/releases/policy.yaml`).
 *
 * @public
 */
export interface ReleasePolicy {
  chart: string;
  /** Values keys a release removed (`to` absent) or renamed. */
  valuesChanges: Array<{
    since: string;
    from: string;
    to?: string;
    note?: string;
  }>;
  /** Per-pod GPU requests a release changed. */
  gpuChanges: Array<{
    since: string;
    component: string;
    gpusPerPod: number;
    note?: string;
  }>;
  /** Versions an upgrade from `from` (a semver range) must pass through. */
  requiredIntermediates: Array<{ from: string; via: string; note?: string }>;
  /** Releases not to install, and the release that fixes them. */
  knownBad: Array<{ version: string; fixedIn?: string; note?: string }>;
  minimumDriver?: { version: string; note?: string };
  /**
   * GPU products a release no longer runs on, from `since` on: their nodes are not capacity
   * for it. `product` is GPU feature discovery's `nvidia.com/gpu.product`, or a prefix ending
   * in `*` (`Tesla-T4*`).
   */
  unsupportedGpus?: Array<{ product: string; since: string; note?: string }>;
  /**
   * What a deployment needs by expected load. Models change between releases, so each entry
   * holds from its `since` until the next; the newest `since` at or below a version applies.
   */
  sizing?: Array<{ since: string; note?: string; loads: GpuSizingTier[] }>;
}

/**
 * One row of a sizing table: the deployment a load needs.
 *
 * @public
 */
export interface GpuSizingTier {
  /** `light`, `medium`, `heavy`… */
  name: string;
  /** The most concurrent streams (users) the row is for; absent on the last row (and up). */
  upToStreams?: number;
  engineReplicas: number;
  gpusPerEngine: number;
  /** GPU memory one engine pod needs, GiB. */
  gpuMemoryGiB: number;
  /** Kubernetes quantities per engine pod, e.g. `4` and `16Gi`. */
  cpu: string;
  memory: string;
  note?: string;
}
