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
  /** The first chart version that has a feature a deployment may use. */
  featureMinimums?: FeatureMinimum[];
  /** Values a release starts to require (the chart fails at render time without them). */
  requiredValues?: RequiredValue[];
  /** Values keys that may not be set together from `since` on. */
  exclusiveValues?: ExclusiveValues[];
  /** Releases whose upgrade changes a database the product uses (a migration runs). */
  databaseChanges?: DatabaseChange[];
  /** The images a release runs, for offline update bundles; tags are the release's appVersion. */
  images?: ChartImage[];
  /** Image digests known for a release, pinned in update bundles where present. */
  imageDigests?: ImageDigest[];
}

/**
 * A feature of the deployment that only exists from a chart version on.
 *
 * - `journal-billing`: air-gapped billing that keeps journals (`spec.billing.mode: journal`).
 * - `mig-resource`: engine GPUs requested by a MIG resource name
 *   (`engine.resources.gpuResourceName` other than `nvidia.com/gpu`).
 *
 * @public
 */
export type DeploymentFeature = 'journal-billing' | 'mig-resource';

/** @public */
export interface FeatureMinimum {
  feature: DeploymentFeature;
  minimum: string;
  /** Cites the CHANGELOG entry. */
  note: string;
}

/** @public */
export interface RequiredValue {
  since: string;
  /** The dotted values key that must be set, e.g. `engine.flux.max_streams`. */
  key: string;
  /**
   * Other dotted keys that meet the requirement as well as `key`: it is met when `key` or any
   * of these is set (Flux TTS needs `api.features.speakV2` or `api.features.speakV2Streaming`).
   */
  oneOf?: string[];
  /**
   * Required only when this dotted key is set to a truthy value (`fluxTts.enabled`). Absent:
   * required always.
   */
  when?: string;
  /** A value that does not count as set (the chart's placeholder, e.g. `0`). */
  placeholder?: string | number | boolean;
  note: string;
  /** What to set, for the check's fix. */
  fix: string;
}

/** @public */
export interface ExclusiveValues {
  since: string;
  /** Dotted keys of which at most one may be truthy (`fluxTts.enabled`, `aura2.enabled`). */
  keys: string[];
  note: string;
}

/** @public */
export interface DatabaseChange {
  since: string;
  engine: 'postgresql';
  note: string;
}

/** @public */
export interface ChartImage {
  /** The chart component, e.g. `engine`, `api`, `licenseProxy`, `billing`. */
  component: string;
  /** `quay.io/deepgram/self-hosted-engine` */
  repository: string;
  /** The first chart version that runs it (billing: 0.27.1). */
  since?: string;
  /** Runs only when this dotted values key is truthy (`licenseProxy.enabled`). */
  when?: string;
}

/** @public */
export interface ImageDigest {
  /** The chart version. */
  version: string;
  repository: string;
  /** `sha256:<64 hex>` */
  digest: string;
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
