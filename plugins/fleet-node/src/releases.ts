import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  ReleaseIndex,
  ReleasePolicy,
} from '@fleetdeck/plugin-fleet-common';

/**
 * What a release source returns: the releases of each chart, newest first, and the upgrade
 * rules that a Helm index does not carry.
 *
 * @public
 */
export interface FleetReleases {
  index: ReleaseIndex;
  policy?: ReleasePolicy;
  /**
   * The chart's CHANGELOG (Markdown, `## [<version>]` per release), from which upgrade plans
   * and update bundles take the release notes between two versions; without it they carry
   * none.
   */
  changelog?: string;
}

/**
 * Where the fleet backend reads chart releases from.
 *
 * The default source reads a Helm repository `index.yaml` and a policy file from the URLs or
 * paths in `fleet.releases`. `read` is called on every status refresh; it should throw an
 * `Error` whose message names what is wrong (the backend logs it and keeps serving the last
 * releases it read successfully).
 *
 * @public
 */
export interface FleetReleaseSource {
  read(): Promise<FleetReleases>;
}

/**
 * Lets a backend module replace the fleet backend's release source.
 *
 * @public
 */
export interface FleetReleaseSourceExtensionPoint {
  /**
   * Replaces the default release source. Only one source may be set.
   */
  setReleaseSource(source: FleetReleaseSource): void;
}

/**
 * The extension point through which a module for the `fleet` plugin provides releases, for
 * example from an OCI registry or an internal release service.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'fleet',
 *   moduleId: 'oci-releases',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { releases: fleetReleaseSourceExtensionPoint },
 *       async init({ releases }) {
 *         releases.setReleaseSource(new OciReleaseSource());
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const fleetReleaseSourceExtensionPoint =
  createExtensionPoint<FleetReleaseSourceExtensionPoint>({
    id: 'fleet.releaseSource',
  });
