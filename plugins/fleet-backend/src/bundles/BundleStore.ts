import type {
  BundleObservation,
  PlanFile,
} from '@fleetdeck/plugin-fleet-common';

/**
 * A bundle handed out, as stored: its record, the manifest exactly as hashed into its id, and
 * the kit's files (`MANIFEST.json`, `SHA256SUMS`, the scripts), served again on download.
 *
 * @internal
 */
export interface StoredBundle {
  bundle: BundleObservation;
  /** The `MANIFEST.json` text whose sha256 is `bundle.id`. */
  manifest: string;
  files: PlanFile[];
}

/**
 * A result of `verify-bundle.sh`, to record on the bundle it names.
 *
 * @internal
 */
export interface BundleVerificationRecord {
  verifiedAt: string;
  verification: 'verified' | 'failed';
  failedFiles: string[];
}

/**
 * The offline update bundles handed out (`fleet_update_bundles`).
 *
 * @internal
 */
export interface BundleStore {
  /**
   * Records a bundle handed out. The same manifest (same id) twice for a deployment is one
   * bundle: the first record is kept and returned.
   */
  record(entityRef: string, bundle: StoredBundle): Promise<BundleObservation>;

  /** The deployment's bundles, newest first, at most `limit`. */
  list(entityRef: string, limit: number): Promise<BundleObservation[]>;

  get(entityRef: string, id: string): Promise<StoredBundle | undefined>;

  /**
   * Records a verification result on the deployment's bundle `id`, unless the bundle already
   * has a result checked later (an old result file dropped again never hides a newer one).
   * Returns the bundle afterwards, or `undefined` when the deployment has no such bundle.
   */
  recordVerification(
    entityRef: string,
    id: string,
    result: BundleVerificationRecord,
  ): Promise<BundleObservation | undefined>;
}
