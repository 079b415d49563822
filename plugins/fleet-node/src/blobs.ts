import type { Readable } from 'node:stream';
import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A blob as stored: its content address and size.
 *
 * @public
 */
export interface FleetBlob {
  /** Lowercase hex SHA-256 of the bytes: the blob's address. */
  sha256: string;
  /** Its size in bytes. */
  bytes: number;
  /** Where the store keeps it (a relative path, an object key…), for logs and operators. */
  key: string;
  /**
   * Whether this `put` stored the bytes (`false`: they were there already). Only a blob that
   * its own `put` created is ever rolled back; a store that cannot tell leaves it out.
   */
  created?: boolean;
}

/**
 * What {@link FleetBlobStore.sweep} found and reclaimed.
 *
 * @public
 */
export interface FleetBlobSweepResult {
  /** Temporary files of puts that never finished (a killed backend), removed. */
  temporaryFilesRemoved: number;
  /** Blobs that no receipt refers to (an upload whose row was never written), removed. */
  orphanBlobsRemoved: number;
  /** Blobs kept because a receipt refers to them, or they are younger than the cutoff. */
  blobsKept: number;
}

/**
 * Where the fleet backend keeps the billing journals it receives. Blobs are content-addressed
 * by SHA-256, and a journal that has a receipt is never deleted: journals are retained until
 * they have been delivered to billing.
 *
 * The default store is a local folder (`fleet.journals.blobStore.path`). A module can
 * provide another one, for example an S3-compatible bucket, through
 * {@link fleetBlobStoreExtensionPoint}. Every implementation must keep this contract:
 *
 * - `put` consumes the whole stream, hashes exactly the bytes it reads and resolves only once
 *   the blob is durable under its address (locally: written to a temporary file, fsynced,
 *   renamed, and the folder fsynced; on S3: uploaded under a temporary key, then copied to
 *   `…/<sha256>`). The backend writes the database row that refers to a blob only after `put`
 *   resolved, so a crash in between leaves at most an unreferenced blob, never a row without
 *   its blob.
 * - `put` is idempotent: putting bytes that are already stored resolves with the same
 *   address, also when two puts of the same bytes race.
 * - When the stream errors (the upload is cut, the journal is refused), `put` rejects with
 *   that error and leaves nothing visible under any address.
 * - Blobs are immutable. The backend removes one only when no receipt refers to it: the
 *   blob of an upload that was refused or whose row could not be written (`delete`, right
 *   after its `put` created it), and, in the scheduled sweep, blobs and temporary files left
 *   by a crash (`sweep`). A store without these methods keeps such leftovers.
 *
 * @public
 */
export interface FleetBlobStore {
  put(content: Readable): Promise<FleetBlob>;
  /** The bytes of a blob, or `undefined` when no blob has that address. */
  get(sha256: string): Promise<Readable | undefined>;
  has(sha256: string): Promise<boolean>;
  /**
   * Removes a blob that a `put` of this backend has just created (`created: true`) and that
   * no receipt refers to. Removing a blob that is not there is not an error.
   */
  delete?(sha256: string): Promise<void>;
  /**
   * Reclaims leftovers: temporary files of unfinished puts older than `temporaryOlderThan`,
   * and blobs older than `olderThan` for which `isReferenced` answers `false`. A put of bytes already stored must make the blob
   * count as new again (locally: its time is touched), so that a blob about to be referenced
   * is never swept.
   */
  sweep?(options: {
    olderThan: Date;
    temporaryOlderThan: Date;
    isReferenced: (sha256s: string[]) => Promise<Set<string>>;
  }): Promise<FleetBlobSweepResult>;
}

/**
 * Lets a backend module replace the store in which the fleet backend keeps journals.
 *
 * @public
 */
export interface FleetBlobStoreExtensionPoint {
  /** Replaces the default local-folder store. Only one store may be set. */
  setBlobStore(store: FleetBlobStore): void;
}

/**
 * The extension point through which a module for the `fleet` plugin provides the journal
 * blob store, for example an S3-compatible bucket.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'fleet',
 *   moduleId: 's3-journals',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { blobs: fleetBlobStoreExtensionPoint, config: coreServices.rootConfig },
 *       async init({ blobs, config }) {
 *         blobs.setBlobStore(S3BlobStore.fromConfig(config));
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const fleetBlobStoreExtensionPoint =
  createExtensionPoint<FleetBlobStoreExtensionPoint>({
    id: 'fleet.blobStore',
  });
