import type {
  CheckOutcome,
  DeploymentHealth,
  GpuStatus,
  JournalStatus,
  LicenseStatus,
  UpgradeStatus,
} from './vocabulary';
import type { DeploymentProfile } from '../kinds';
import type { UPGRADE_CHECK_TITLES } from './upgrade/evaluateUpgrade';
import type {
  GpuNodeObservation,
  PendingGpuPodObservation,
} from '../gpu/types';
import type { GpuFit } from '../gpu/fit/types';
import type { GpuSizingTier } from '../releases/types';

/** @public */
export interface LicenseSignal {
  status: LicenseStatus;
  /** The last valid day, `YYYY-MM-DD`. */
  expiresAt?: string;
  /** Whole days from today (UTC) to the last valid day; negative once expired. */
  daysLeft?: number;
}

/** @public */
export interface JournalReplicaSignal {
  /** The billing pod, `deepgram-billing-N`. */
  name: string;
  status: JournalStatus;
  /** When the latest journal of this replica reached the vendor (ISO 8601). */
  lastReceivedAt?: string;
  /** When that journal was taken from the volume (ISO 8601), if known. */
  capturedAt?: string;
  /** When the next journal of this replica is due (ISO 8601). */
  dueAt?: string;
  /**
   * How bad the status is, when the status alone does not say (set for `never-received`: a
   * warning until the first deadline, critical after it or once a sibling replica's journals
   * arrived without this one). Read it with {@link journalHealth}.
   */
  health?: DeploymentHealth;
  /** Why the replica is in its status, in words, when there is more to say than the word. */
  reason?: string;
}

/** @public */
export interface JournalSignal {
  status: JournalStatus;
  /** The oldest of the replicas' latest receipts: what the deployment's freshness hangs on. */
  lastReceivedAt?: string;
  /** The earliest due date over the replicas (ISO 8601). */
  dueAt?: string;
  /** The worst replica's health, when its status alone does not say; see {@link journalHealth}. */
  health?: DeploymentHealth;
  replicas: JournalReplicaSignal[];
}

/** @public */
export interface GpuModelSignal {
  /** GPU product as labelled by GPU feature discovery, e.g. `NVIDIA-A100-SXM4-80GB`. */
  product: string;
  resourceName: string;
  allocatable: number;
  requested: number;
}

/** @public */
export interface GpuSignal {
  status: GpuStatus;
  /** Allocatable GPUs of the deployment's resource on nodes that can take engine pods. */
  allocatable?: number;
  /** GPUs requested by running and pending pods. */
  requested?: number;
  /** GPUs the deployment needs: engine replicas × GPUs per engine pod. */
  required?: number;
  models: GpuModelSignal[];
  /** Why the status is what it is, in words (always set when `unknown`). */
  reason?: string;
  /** When the data behind it was observed (ISO 8601). */
  observedAt?: string;
  /** Where the data came from: a live cluster snapshot or a status report. */
  source?: 'cluster' | 'report';
  /** The GPU resource the figures count. */
  resourceName?: string;
  /** The lowest CUDA driver version on the GPU nodes. */
  driverVersion?: string;
  /** Why the latest attempt to observe failed; the figures are from `observedAt`. */
  error?: string;
  /** When that attempt failed (ISO 8601). */
  failedAt?: string;
  /** The GPU nodes, when the source listed them. */
  nodes?: GpuNodeObservation[];
  /** Pods waiting for GPUs, when the source listed them. */
  pendingPods?: PendingGpuPodObservation[];
  /** Where the pods it needs fit, node by node, and how many more engine pods would. */
  fit?: GpuFit;
  /** The expected load against the release policy's sizing table, when both are known. */
  sizing?: GpuSizingSignal;
}

/**
 * What the sizing table says the expected load needs, and whether the deployment declares it.
 *
 * @public
 */
export interface GpuSizingSignal {
  expectedStreams: number;
  /** The chart version whose sizing applied, and the table entry's `since`. */
  version: string;
  since: string;
  tier: GpuSizingTier;
  /** `matches` when the declared engine replicas, GPUs and memory cover the tier. */
  verdict: 'matches' | 'undersized';
  /** In words: what the load needs, what is declared, and how many sized pods the cluster holds. */
  message: string;
  /** Engine pods of the tier's size the cluster could hold in all (running ones included). */
  clusterHolds?: number;
}

/**
 * The id of an upgrade check — `target`, `kubernetes`, `license`, `journal`, `gpu`,
 * `features`, `values`, `required-values`, `path`, `bundle`, `backup` — one for each check in
 * `status/upgrade/`.
 *
 * @public
 */
export type UpgradeCheckId = keyof typeof UPGRADE_CHECK_TITLES;

/**
 * One upgrade preflight, in the spirit of troubleshoot.sh: an outcome, a message an SE can act
 * on, and what to do about it.
 *
 * @public
 */
export interface UpgradeCheck {
  id: UpgradeCheckId;
  title: string;
  outcome: CheckOutcome;
  message: string;
  fix?: string;
}

/** @public */
export interface UpgradeSignal {
  status: UpgradeStatus;
  /** The installed chart version. */
  current: string;
  /** The version the checks were evaluated for. */
  target?: string;
  /** The newest release of the chart. */
  latest?: string;
  /** Releases newer than the installed one. */
  versionsBehind?: number;
  /** Days between the installed release and the newest one. */
  daysBehind?: number;
  checks: UpgradeCheck[];
}

/**
 * Everything Fleetdeck knows about one deployment's state, computed by `evaluateDeployment`
 * the same way for the page, the API, the tasks and the tests.
 *
 * @public
 */
export interface DeploymentStatus {
  /** `customerdeployment:<namespace>/<name>` */
  entityRef: string;
  title: string;
  /** The customer's entity ref. */
  customer: string;
  profile: DeploymentProfile;
  /** The owner's entity ref. */
  owner: string;
  chartVersion: string;
  health: DeploymentHealth;
  license: LicenseSignal;
  journal: JournalSignal;
  gpu: GpuSignal;
  upgrade: UpgradeSignal;
  /** When this status was computed (ISO 8601). */
  evaluatedAt: string;
}
