import type { DeploymentProfile } from '../kinds';
import type { ChartRelease } from '../releases';
import type {
  DeploymentHealth,
  DeploymentStatus,
  GpuStatus,
  JournalStatus,
  LicenseStatus,
  UpgradeStatus,
} from '../status';

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
  }>;
  /** Set when the latest read of the index failed and the last good one is served. */
  error?: string;
  /** When the index served was read (ISO 8601). */
  readAt?: string;
}
