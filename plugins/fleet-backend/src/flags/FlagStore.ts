import type { FleetFlag, FleetFlagDetail } from './types';

/**
 * A flag to raise.
 *
 * @internal
 */
export type NewFleetFlag = Pick<FleetFlag, 'entityRef' | 'kind' | 'detail'>;

/**
 * The flags raised about deployments. Flags are raised, notified and cleared, never deleted:
 * the store is the history of every episode.
 *
 * @internal
 */
export interface FlagStore {
  /** Every open flag, oldest first. */
  listOpen(): Promise<FleetFlag[]>;

  /** The flags of one deployment, open and cleared, newest first. */
  listFlags(entityRef: string): Promise<FleetFlag[]>;

  /**
   * Applies the changes of one check in one transaction: clears flags, replaces the detail of
   * others and raises new ones, not notified yet. Returns the raised flags. Raising a flag of
   * a kind that is open for the deployment fails (after the clearings, so a flag can be
   * replaced in one call).
   */
  apply(
    changes: {
      clear?: number[];
      details?: Array<{ id: number; detail: FleetFlagDetail }>;
      raise?: NewFleetFlag[];
    },
    at: Date,
  ): Promise<FleetFlag[]>;

  /**
   * Records notifications sent at `at`, each for an open flag, with the detail it was sent
   * for when that changes (a license notice threshold), in one transaction.
   */
  markNotified(
    notified: Array<{ id: number; detail?: FleetFlagDetail }>,
    at: Date,
  ): Promise<void>;
}
