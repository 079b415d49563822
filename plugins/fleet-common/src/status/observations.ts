import type {
  GpuNodeObservation,
  GpuPodObservation,
  PendingGpuPodObservation,
} from '../gpu/types';
import type { GpuModelSignal } from './types';

/**
 * The latest journal a billing replica returned.
 *
 * @public
 */
export interface JournalReceiptObservation {
  /** `deepgram-billing-N` */
  replica: string;
  /** When it reached the vendor (ISO 8601). */
  receivedAt: string;
  /** When it was taken from the volume (ISO 8601), if the archive says. */
  capturedAt?: string;
}

/**
 * A summary of the GPUs a deployment's cluster offers and uses, from a live cluster snapshot
 * or an air-gapped status report.
 *
 * @public
 */
export interface GpuCapacityObservation {
  observedAt: string;
  source: 'cluster' | 'report';
  /** The GPU resource the figures count (`spec.gpu.resourceName` when observed). */
  resourceName?: string;
  /** Allocatable GPUs of the deployment's resource on nodes that can take engine pods. */
  allocatable: number;
  /** GPUs of that resource requested by running and pending pods. */
  requested: number;
  /** Pods pending because no node has the GPUs they ask for. */
  pendingGpuPods: number;
  models: GpuModelSignal[];
  /** The lowest CUDA driver version on those nodes, e.g. `550.54.15`. */
  driverVersion?: string;
  /** Set when the latest attempt to observe failed; the figures are then from `observedAt`. */
  error?: string;
  /** When the latest attempt to observe failed (ISO 8601); set with `error`. */
  failedAt?: string;
  /** The GPU nodes behind the figures, when the source listed them. */
  nodes?: GpuNodeObservation[];
  /** The pods waiting for GPUs, when the source listed them. */
  pendingPods?: PendingGpuPodObservation[];
  /**
   * Whose pods count in each node's `requested`: the release namespace's only, or every
   * namespace's (a connected cluster whose pods the Kubernetes plugin's proxy lists, or a
   * report whose collector could list them).
   */
  podScope?: 'namespace' | 'cluster';
  /** The deployment's GPU pods and where they run, when the source listed them. */
  deploymentPods?: GpuPodObservation[];
  /**
   * Dynamic Resource Allocation: `read` when the cluster's `ResourceSlice`s and
   * `ResourceClaim`s were read (an empty list included), `absent` when the cluster serves no
   * `resource.k8s.io` API, `unreadable` when it does but reading failed (`draError` says why).
   */
  dra?: 'read' | 'absent' | 'unreadable';
  draError?: string;
}

/**
 * What Fleetdeck has observed about a deployment, as opposed to what its entity declares.
 *
 * @public
 */
export interface DeploymentObservations {
  /** When the fleet first saw the deployment: the start of its first journal period (ISO 8601). */
  firstSeenAt?: string;
  /** The latest receipt of each replica that has returned one. */
  journals?: JournalReceiptObservation[];
  gpu?: GpuCapacityObservation;
  /**
   * The latest failed attempt to read the deployment's cluster, while no attempt has ever
   * succeeded (afterwards a failure marks `gpu` itself, keeping its figures).
   */
  gpuFailure?: { error: string; failedAt: string };
  /** Versions a status report or cluster snapshot saw; they win over the entity's. */
  reported?: {
    chartVersion?: string;
    kubernetesVersion?: string;
    observedAt: string;
  };
  /** The Helm values keys the deployment sets, dotted (`engine.modelManager.models.links`). */
  valuesKeys?: string[];
  /**
   * The deployment's current Helm values document: generated at onboarding, or uploaded by an
   * SE. Refs and names only — a document with a secret value is refused before it is stored.
   */
  values?: DeploymentValuesObservation;
  /** The offline update bundles handed out for the deployment, newest first. */
  bundles?: BundleObservation[];
  /** The latest backup of each stateful component the deployment declares. */
  backups?: BackupObservation[];
}

/**
 * A deployment's Helm values document, as the portal keeps it.
 *
 * @public
 */
export interface DeploymentValuesObservation {
  /** The YAML document. */
  document: string;
  source: 'onboarding' | 'upload';
  recordedAt: string;
  /** sha256 of `document`, hex. */
  sha256: string;
  /**
   * The document as plain data (what its YAML parses to), kept beside it when it is recorded,
   * so that statuses do not parse YAML on every refresh. Absent: the checks parse `document`.
   */
  parsed?: Record<string, unknown>;
}

/**
 * An offline update bundle the portal handed out, and what the customer's check of it said.
 *
 * @public
 */
export interface BundleObservation {
  /** The bundle's id: the hex sha256 of its `MANIFEST.json`. */
  id: string;
  /** The chart version it upgrades from, and the one it carries. */
  from: string;
  target: string;
  deliveredAt: string;
  /** The user entity ref of who handed it out. */
  deliveredBy: string;
  /** When `verify-bundle.sh` last reported on it, and what it found. */
  verifiedAt?: string;
  verification?: 'verified' | 'failed';
  /** Files whose checksum did not match, or that were missing, when `failed`. */
  failedFiles?: string[];
}

/**
 * The latest backup of one stateful component, from the manifest its backup job wrote.
 *
 * @public
 */
export interface BackupObservation {
  /** The component the backup is of: a `spec.databases[].name`. */
  component: string;
  database: string;
  takenAt: string;
  bytes: number;
  sha256: string;
  retentionDays: number;
  /** When the manifest reached the portal. */
  receivedAt: string;
}
