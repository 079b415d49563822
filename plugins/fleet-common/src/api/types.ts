import type { DeploymentProfile } from '../kinds';
import type { ChartRelease, ReleasePolicy } from '../releases';
import type {
  DeploymentHealth,
  DeploymentStatus,
  GpuStatus,
  JournalStatus,
  LicenseStatus,
  UpgradeStatus,
} from '../status';
import type {
  BackupObservation,
  BundleObservation,
  DeploymentValuesObservation,
} from '../status/observations';
import type { UpdateBundleManifest } from '../bundles';
import type { PlanFile, UpgradePlan } from '../upgrades';

/**
 * Filters of `GET /api/fleet/deployments`; each status filter is a list (any of).
 *
 * @public
 */
export interface DeploymentQuery {
  license?: LicenseStatus[];
  journal?: JournalStatus[];
  gpu?: GpuStatus[];
  upgrade?: UpgradeStatus[];
  health?: DeploymentHealth[];
  profile?: DeploymentProfile[];
  /** Customer entity refs. */
  customer?: string[];
  /** Owner entity refs. */
  owner?: string[];
  /** Free text over name, title, customer and owner. */
  q?: string;
  orderBy?: DeploymentOrderField;
  order?: 'asc' | 'desc';
  /** Page size, at most 500 (default 50). */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/** @public */
export const DEPLOYMENT_ORDER_FIELDS = [
  'name',
  'license.expiresAt',
  'journal.lastReceivedAt',
  'upgrade.daysBehind',
  'health',
] as const;

/** @public */
export type DeploymentOrderField = (typeof DEPLOYMENT_ORDER_FIELDS)[number];

/**
 * How many deployments of the filtered set are in each status of each signal.
 *
 * @public
 */
export interface DeploymentSummary {
  total: number;
  health: Record<DeploymentHealth, number>;
  license: Record<LicenseStatus, number>;
  journal: Record<JournalStatus, number>;
  gpu: Record<GpuStatus, number>;
  upgrade: Record<UpgradeStatus, number>;
}

/** @public */
export interface DeploymentListResponse {
  items: DeploymentStatus[];
  totalCount: number;
  nextCursor?: string;
  summary: DeploymentSummary;
}

/** @public */
export interface ReleasesResponse {
  charts: Array<{
    name: string;
    /** Newest first. */
    releases: ChartRelease[];
    /**
     * The chart's release policy, when one was read for it: its upgrade rules and the sizing
     * table the onboarding form proposes engines from.
     */
    policy?: ReleasePolicy;
  }>;
  /** Set when the latest read of the index failed and the last good one is served. */
  error?: string;
  /** When the index served was read (ISO 8601). */
  readAt?: string;
}

/**
 * One replica journal that reached the vendor. Journals are content-addressed: the same bytes
 * uploaded twice are one receipt.
 *
 * @public
 */
export interface JournalReceipt {
  id: string;
  /** The deployment's entity ref. */
  entityRef: string;
  /** The billing pod whose journal this is, `deepgram-billing-N`. */
  replica: string;
  sha256: string;
  bytes: number;
  /** JSON lines in the journal. */
  lines: number;
  /** When the journal was taken from the volume (archive name or entry time), if known. */
  capturedAt?: string;
  receivedAt: string;
  /** E.g. `billing-inactive`: the journal holds only its initialisation line. */
  warnings: string[];
  /** How it arrived. */
  source: 'upload' | 'inbox';
  /** The uploaded or dropped file's name (for an archive, `<archive>:<entry>`). */
  fileName?: string;
}

/**
 * The answer to a journal upload: one receipt per replica journal in the file.
 *
 * @public
 */
export interface JournalUploadResponse {
  receipts: Array<JournalReceipt & { duplicate: boolean }>;
}

/** @public */
export interface JournalReceiptPage {
  items: JournalReceipt[];
  totalCount: number;
  nextCursor?: string;
}

/**
 * `GET /deployments/{namespace}/{name}/upgrade-plan?target=`: the plan, without its files.
 *
 * @public
 */
export interface UpgradePlanResponse {
  plan: UpgradePlan;
}

/**
 * `GET /deployments/{namespace}/{name}/upgrade-plan/files?target=`: the plan and the files it
 * renders to (`UPGRADE.md`, `values/<version>.yaml` per step, `collect-status.sh`).
 *
 * @public
 */
export interface UpgradePlanFilesResponse {
  plan: UpgradePlan;
  files: PlanFile[];
}

/**
 * `GET` and `PUT /deployments/{namespace}/{name}/values`: the values document on record.
 *
 * @public
 */
export interface DeploymentValuesResponse {
  values?: DeploymentValuesObservation;
}

/**
 * `GET /deployments/{namespace}/{name}/bundles`: the update bundles handed out, newest first.
 *
 * @public
 */
export interface BundleListResponse {
  items: BundleObservation[];
}

/**
 * `POST /deployments/{namespace}/{name}/bundles`: a bundle handed out — its record, manifest
 * and the kit's files (`MANIFEST.json`, `SHA256SUMS`, `RELEASE-NOTES.md`, `verify-bundle.sh`,
 * `assemble-bundle.sh`).
 *
 * @public
 */
export interface BundleHandoutResponse {
  bundle: BundleObservation;
  manifest: UpdateBundleManifest;
  files: PlanFile[];
}

/**
 * `GET /deployments/{namespace}/{name}/backups`: the latest backup of each component.
 *
 * @public
 */
export interface BackupListResponse {
  items: BackupObservation[];
}
