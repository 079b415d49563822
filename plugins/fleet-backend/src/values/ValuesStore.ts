import type { DeploymentValuesObservation } from '@fleetdeck/plugin-fleet-common';

/**
 * A deployment's values document as stored, with who recorded it.
 *
 * @internal
 */
export interface StoredValues extends DeploymentValuesObservation {
  /** The user who uploaded it, or who registered the deployment. */
  recordedBy: string;
}

/**
 * Each deployment's current Helm values document (`fleet_deployment_values`).
 *
 * @internal
 */
export interface ValuesStore {
  get(entityRef: string): Promise<StoredValues | undefined>;

  /**
   * Stores the deployment's values document, replacing the one on record — except that a
   * document from onboarding never replaces an upload recorded after it (a registration
   * retried after the SE uploaded the real values). Decided in one transaction; returns what
   * is on record afterwards and whether it is the document given.
   */
  record(
    entityRef: string,
    values: StoredValues,
  ): Promise<{ stored: boolean; values: StoredValues }>;
}
