import type {
  JournalReceipt,
  JournalReceiptObservation,
  JournalReceiptPage,
} from '@fleetdeck/plugin-fleet-common';

/**
 * Receipts per page when a query names no `limit`.
 *
 * @internal
 */
export const DEFAULT_RECEIPT_PAGE_SIZE = 50;

/**
 * The most receipts a page holds, whatever the query's `limit`.
 *
 * @internal
 */
export const MAX_RECEIPT_PAGE_SIZE = 500;

/**
 * A receipt to record: everything but its id and the time it is received.
 *
 * @internal
 */
export type NewJournalReceipt = Omit<JournalReceipt, 'id' | 'receivedAt'>;

/**
 * A recorded receipt, and whether the same bytes had been received before.
 *
 * @internal
 */
export type RecordedJournalReceipt = JournalReceipt & { duplicate: boolean };

/**
 * Which of a deployment's receipts to list: one replica's or all, a page at a time.
 *
 * @internal
 */
export interface JournalReceiptQuery {
  replica?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Journal receipts in the fleet database. The blob store holds the journals; these rows say
 * which deployment and replica each one came from, and when.
 *
 * @internal
 */
export interface JournalStore {
  /**
   * Records the receipts of one upload, all or none, at `receivedAt`. A receipt whose bytes
   * were received before for the same deployment and replica is not recorded again: the
   * stored one is returned with `duplicate: true`, also when two uploads race.
   */
  insertReceipts(
    receipts: NewJournalReceipt[],
    receivedAt: Date,
  ): Promise<RecordedJournalReceipt[]>;

  /** A deployment's receipts, newest first, paged by keyset. */
  listReceipts(
    entityRef: string,
    query: JournalReceiptQuery,
  ): Promise<JournalReceiptPage>;

  getReceipt(
    entityRef: string,
    id: string,
  ): Promise<JournalReceipt | undefined>;

  /** The latest receipt of each replica that has one. */
  latestReceipts(entityRef: string): Promise<JournalReceiptObservation[]>;

  /** Which of these blob addresses any receipt refers to, for any deployment. */
  referencedBlobs(sha256s: string[]): Promise<Set<string>>;
}
