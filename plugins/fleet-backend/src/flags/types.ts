/**
 * The kinds of flag the scheduled checks raise about a deployment.
 *
 * - `journal-overdue`: a billing replica's journal is past its due date.
 * - `journal-never-received`: a billing replica has never returned a journal and its first
 *   deadline has passed.
 * - `license-expiring`: the license ends within the notice window (`fleet.notices.licenseNoticeDays`).
 * - `license-expired`: the license's last valid day has passed.
 *
 * @internal
 */
export const FLEET_FLAG_KINDS = [
  'journal-overdue',
  'journal-never-received',
  'license-expiring',
  'license-expired',
] as const;

/** @internal */
export type FleetFlagKind = (typeof FLEET_FLAG_KINDS)[number];

/**
 * What a flag is about, beyond its kind. Stored as JSON.
 *
 * @internal
 */
export interface FleetFlagDetail {
  /** Journal flags: the billing replicas that are late, `deepgram-billing-N`. */
  replicas?: string[];
  /** License flags: the license's last valid day, `YYYY-MM-DD`. */
  expiresAt?: string;
  /**
   * `license-expiring`: the notice threshold (days left) of the last notice, so that each
   * threshold is notified once, across restarts.
   */
  noticeDays?: number;
}

/**
 * One episode of a problem with a deployment: raised when the deployment enters the state,
 * cleared when it leaves it. Flags are never deleted.
 *
 * @internal
 */
export interface FleetFlag {
  id: number;
  entityRef: string;
  kind: FleetFlagKind;
  detail: FleetFlagDetail;
  /** When the flag was raised (ISO 8601). */
  raisedAt: string;
  /** When the owner was last notified (ISO 8601); absent until a notification went out. */
  lastNotifiedAt?: string;
  /** Notifications sent for this flag. */
  notifyCount: number;
  /** When the deployment left the state (ISO 8601); absent while the flag is open. */
  clearedAt?: string;
}
