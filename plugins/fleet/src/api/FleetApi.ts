import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  ArtifactListResponse,
  BackupListResponse,
  BundleHandoutResponse,
  BundleListResponse,
  BundleObservation,
  DeploymentListResponse,
  DeploymentQuery,
  DeploymentStatus,
  DeploymentValuesResponse,
  JournalReceiptPage,
  JournalUploadResponse,
  ReleasesResponse,
  UpgradePlanFilesResponse,
  UpgradePlanResponse,
} from '@fleetdeck/plugin-fleet-common';

/**
 * Options of {@link FleetApi.getDeployment}.
 *
 * @public
 */
export interface GetDeploymentOptions {
  /**
   * The chart version to evaluate the upgrade checks for; the backend's default target (normally
   * the newest release) when absent.
   */
  target?: string;
}

/**
 * Options of {@link FleetApi.listJournals}.
 *
 * @public
 */
export interface ListJournalsOptions {
  /** Page size (the backend's default when absent). */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/**
 * Options of {@link FleetApi.uploadJournal}.
 *
 * @public
 */
export interface UploadJournalOptions {
  /**
   * The billing pod the journal comes from, `deepgram-billing-N`. Leave it out to let the backend
   * read it from the file (an archive of the backup CronJob keeps each replica's journal in its
   * own folder).
   */
  replica?: string;
  /** Called as the file's bytes go out: `loaded` of `total` bytes sent. */
  onProgress?: (loaded: number, total: number) => void;
  /** Aborts the upload; the promise then rejects with an `AbortError`. */
  signal?: AbortSignal;
}

/**
 * Options of the upgrade plan's methods ({@link FleetApi.getUpgradePlan} and the others).
 *
 * @public
 */
export interface UpgradePlanOptions {
  /** The chart version to plan the upgrade to; the backend's default (the latest) when absent. */
  target?: string;
}

/**
 * Options of {@link FleetApi.handOutBundle}.
 *
 * @public
 */
export interface HandOutBundleOptions {
  /** The chart version the bundle carries; the backend's default (the latest) when absent. */
  target?: string;
}

/**
 * The answer to {@link FleetApi.uploadBundleVerification}: the bundle with the result recorded.
 *
 * @public
 */
export interface BundleVerificationUploadResponse {
  bundle: BundleObservation;
}

/**
 * A downloaded journal: its bytes and the file name the backend suggests, if any.
 *
 * @public
 */
export interface JournalDownload {
  content: Blob;
  /** From the response's `Content-Disposition`, when it names a file. */
  fileName?: string;
}

/**
 * The fleet backend's HTTP API (`/api/fleet`), as the frontend uses it.
 *
 * @public
 */
export interface FleetApi {
  /**
   * One page of the deployments that match `query`, with the total and a summary of every
   * signal over the whole filtered set (not only this page).
   */
  listDeployments(query?: DeploymentQuery): Promise<DeploymentListResponse>;

  /**
   * The status of one CustomerDeployment. `ref` is its entity ref (a string such as
   * `customerdeployment:default/acme-prod`, or a compound ref); only the namespace and name are
   * sent. Rejects with a `ResponseError` whose `statusCode` is 404 when the backend has not
   * evaluated the deployment.
   */
  getDeployment(
    ref: string | CompoundEntityRef,
    options?: GetDeploymentOptions,
  ): Promise<DeploymentStatus>;

  /** The chart releases the backend knows of, newest first. */
  getReleases(): Promise<ReleasesResponse>;

  /**
   * One page of the journal receipts of a deployment, newest first. Rejects with a
   * `ResponseError` (403 without `fleet.journal.read`, 404 for a deployment the backend does not
   * know).
   */
  listJournals(
    ref: string | CompoundEntityRef,
    options?: ListJournalsOptions,
  ): Promise<JournalReceiptPage>;

  /** The bytes of one received journal (needs `fleet.journal.read`). */
  downloadJournal(
    ref: string | CompoundEntityRef,
    id: string,
  ): Promise<JournalDownload>;

  /**
   * Sends one file, a raw journal or a `.tar.gz` of the backup CronJob, as the request body, and
   * reports the upload's progress. Resolves with one receipt per replica journal in the file
   * (`duplicate` when the same bytes arrived before); rejects with a `ResponseError` whose
   * `cause` carries the backend's message (400 not a journal, 403 without
   * `fleet.journal.create`, 404 unknown deployment, 413 too large).
   */
  uploadJournal(
    ref: string | CompoundEntityRef,
    file: File,
    options?: UploadJournalOptions,
  ): Promise<JournalUploadResponse>;

  /**
   * The files generated when the deployment was onboarded through the portal. Rejects with a
   * `ResponseError` whose `statusCode` is 404 when it was not.
   */
  listArtifacts(ref: string | CompoundEntityRef): Promise<ArtifactListResponse>;

  /** One generated file (`values.yaml`, `RUNBOOK.md`, …). */
  downloadArtifact(
    ref: string | CompoundEntityRef,
    name: string,
  ): Promise<JournalDownload>;

  /** Every generated file as one `.tar.gz` holding `<deployment>/<file>`. */
  downloadArtifactArchive(
    ref: string | CompoundEntityRef,
  ): Promise<JournalDownload>;

  /**
   * The upgrade plan from the installed release to the target: each step with its values
   * changes, GPU changes, checks, commands and rollback, and the versions skipped. Rejects with a
   * `ResponseError` (403 without `fleet.deployment.read`, 404 for an unknown deployment).
   */
  getUpgradePlan(
    ref: string | CompoundEntityRef,
    options?: UpgradePlanOptions,
  ): Promise<UpgradePlanResponse>;

  /**
   * The plan with the files it renders to (`UPGRADE.md`, the migrated values per step, the
   * collector); needs `fleet.artifact.read`.
   */
  getUpgradePlanFiles(
    ref: string | CompoundEntityRef,
    options?: UpgradePlanOptions,
  ): Promise<UpgradePlanFilesResponse>;

  /** The plan's files as one `.tar.gz`; needs `fleet.artifact.read`. */
  downloadUpgradePlanArchive(
    ref: string | CompoundEntityRef,
    options?: UpgradePlanOptions,
  ): Promise<JournalDownload>;

  /** The Helm values document on record for the deployment, and where it came from. */
  getValues(ref: string | CompoundEntityRef): Promise<DeploymentValuesResponse>;

  /**
   * Replaces the values on record with `document` (YAML text, at most 256 KiB); needs
   * `fleet.report.create`. Rejects with a 400 `ResponseError` whose `cause` carries the backend's
   * message when the document is not YAML or holds a secret value.
   */
  uploadValues(
    ref: string | CompoundEntityRef,
    document: string,
  ): Promise<DeploymentValuesResponse>;

  /** The offline update bundles handed out for the deployment, newest first. */
  listBundles(ref: string | CompoundEntityRef): Promise<BundleListResponse>;

  /**
   * Hands out an offline update bundle for an air-gapped deployment: records it and answers its
   * manifest and kit files. Rejects with a 400 `ResponseError` for other profiles.
   */
  handOutBundle(
    ref: string | CompoundEntityRef,
    options?: HandOutBundleOptions,
  ): Promise<BundleHandoutResponse>;

  /** The kit of a bundle handed out (`MANIFEST.json`, `SHA256SUMS`, scripts) as a `.tar.gz`. */
  downloadBundleKit(
    ref: string | CompoundEntityRef,
    id: string,
  ): Promise<JournalDownload>;

  /**
   * Sends the `bundle-verification.json` the customer's `verify-bundle.sh` wrote, as it is (its
   * text); needs `fleet.report.create`. Rejects with a 400 `ResponseError` carrying the backend's
   * message when the file is not a verification of a bundle handed out for this deployment.
   */
  uploadBundleVerification(
    ref: string | CompoundEntityRef,
    verification: string,
  ): Promise<BundleVerificationUploadResponse>;

  /** The latest backup of each stateful component of the deployment. */
  listBackups(ref: string | CompoundEntityRef): Promise<BackupListResponse>;
}

/**
 * The {@link FleetApi}. Apps can replace the implementation (for example with a caching one) by
 * registering their own factory for this ref.
 *
 * @public
 */
export const fleetApiRef = createApiRef<FleetApi>({
  id: 'plugin.fleet.api',
});
