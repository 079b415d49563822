import {
  JournalReceipt,
  JournalReceiptPage,
} from '@fleetdeck/plugin-fleet-common';
import { isoDaysAgo } from './statuses';

export const SHA_0 =
  '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
export const SHA_1 =
  '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752';

/** A receipt of acme-prod's `deepgram-billing-0`, uploaded 3 days ago, with overrides. */
export function receipt(
  overrides: Partial<JournalReceipt> = {},
): JournalReceipt {
  return {
    id: 'r-0',
    entityRef: 'customerdeployment:default/acme-prod',
    replica: 'deepgram-billing-0',
    sha256: SHA_0,
    bytes: 12_595,
    lines: 1_204,
    capturedAt: isoDaysAgo(3),
    receivedAt: isoDaysAgo(3),
    warnings: [],
    source: 'upload',
    fileName: 'journal-deepgram-billing-0',
    ...overrides,
  };
}

/** A one-page answer of `GET …/journals`. */
export function receiptPage(
  items: JournalReceipt[],
  overrides: Partial<JournalReceiptPage> = {},
): JournalReceiptPage {
  return { items, totalCount: items.length, ...overrides };
}
