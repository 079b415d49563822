import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DeploymentObservations } from '@fleetdeck/plugin-fleet-common';

/**
 * Observations that a writer replaces: each key present in the patch replaces the stored one
 * (`undefined` removes it); keys absent from the patch are kept.
 *
 * @public
 */
export type DeploymentObservationsPatch = {
  [K in keyof DeploymentObservations]?: DeploymentObservations[K] | undefined;
};

/**
 * Writes deployments' observations into the fleet database, the way the journal intake and
 * the status reports do.
 *
 * @public
 */
export interface FleetObservationWriter {
  /**
   * Merges a patch into a deployment's observations, atomically with respect to every other
   * writer (on several backend instances too), and returns the result. A deployment not seen
   * before is first seen now.
   *
   * The patch may be a function of the stored observations, called while no other writer
   * can change them: a writer that must not overwrite newer data decides there, and returns
   * `undefined` to leave everything as it is.
   */
  setObservations(
    entityRef: string,
    patch:
      | DeploymentObservationsPatch
      | ((
          current: DeploymentObservations,
        ) => DeploymentObservationsPatch | undefined),
  ): Promise<DeploymentObservations>;
}

/**
 * Writes observations once at start-up, before the fleet's first status refresh: data from
 * another system, or the observations of a demo portal's example fleet. Every seeder must
 * keep this contract:
 *
 * - `seed` is called once per start of each backend instance, after the fleet database is
 *   migrated and before the first refresh, so the first statuses include what it wrote.
 *   Seeders run one after another, in the order they were added.
 * - It must be idempotent: instances that share a database each seed at their start, and a
 *   restart seeds again. Writing the same patches again must leave the same observations, and
 *   a seeder must not overwrite observations that really arrived since (decide in the function
 *   form of {@link FleetObservationWriter.setObservations}).
 * - Each `setObservations` call commits on its own: a seed cut short (a crash, an error)
 *   keeps the deployments written so far, and the next start writes them all again.
 * - A seed that throws is logged; the plugin still starts and refreshes the statuses.
 *
 * @public
 */
export interface FleetObservationSeeder {
  seed(observations: FleetObservationWriter): Promise<void>;
}

/**
 * Lets a backend module write observations at start-up.
 *
 * @public
 */
export interface FleetObservationsExtensionPoint {
  /** Adds a seeder; several modules may add one each. */
  addSeeder(seeder: FleetObservationSeeder): void;
}

/**
 * The extension point through which a module for the `fleet` plugin writes deployments'
 * observations at start-up.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'fleet',
 *   moduleId: 'legacy-observations',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { observations: fleetObservationsExtensionPoint },
 *       async init({ observations }) {
 *         observations.addSeeder({
 *           async seed(writer) {
 *             for (const { entityRef, gpu } of await readLegacySnapshots()) {
 *               // Only when the fleet has nothing newer.
 *               await writer.setObservations(entityRef, current =>
 *                 current.gpu && current.gpu.observedAt >= gpu.observedAt
 *                   ? undefined
 *                   : { gpu },
 *               );
 *             }
 *           },
 *         });
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const fleetObservationsExtensionPoint =
  createExtensionPoint<FleetObservationsExtensionPoint>({
    id: 'fleet.observations',
  });
