import type { LoggerService } from '@backstage/backend-plugin-api';
import { DAY_MS, HOUR_MS } from '@fleetdeck/plugin-fleet-common';
import type {
  FleetBlobStore,
  FleetBlobSweepResult,
} from '@fleetdeck/plugin-fleet-node';
import type { JournalStore } from './JournalStore';

/**
 * How old a blob without a receipt must be before the sweep takes it: far longer than any
 * upload takes between its blob and its row, so that nothing in flight is ever swept.
 */
export const BLOB_SWEEP_GRACE_MS = DAY_MS;

/**
 * How old a temporary file must be: longer than any put can take (an HTTP upload is cut at
 * Node's 300 s request timeout, an inbox run at its 30-minute task timeout).
 */
export const TEMPORARY_FILE_GRACE_MS = HOUR_MS;

/**
 * One run of the blob sweep: reclaims the store's temporary files and the blobs no receipt
 * refers to, older than the grace period, and logs what it found. A store without `sweep`
 * (it keeps its own leftovers) is left alone.
 */
export async function sweepBlobs(options: {
  blobs: FleetBlobStore;
  receipts: JournalStore;
  logger: LoggerService;
  now?: Date;
}): Promise<FleetBlobSweepResult | undefined> {
  const { blobs, receipts, logger } = options;
  if (!blobs.sweep) {
    return undefined;
  }
  const now = options.now ?? new Date();
  const result = await blobs.sweep({
    olderThan: new Date(now.getTime() - BLOB_SWEEP_GRACE_MS),
    temporaryOlderThan: new Date(now.getTime() - TEMPORARY_FILE_GRACE_MS),
    isReferenced: sha256s => receipts.referencedBlobs(sha256s),
  });
  const message = `Journal blob sweep: ${result.temporaryFilesRemoved} unfinished upload(s) and ${result.orphanBlobsRemoved} blob(s) without a receipt removed, ${result.blobsKept} kept`;
  if (result.temporaryFilesRemoved + result.orphanBlobsRemoved > 0) {
    logger.warn(message);
  } else {
    logger.info(message);
  }
  return result;
}
