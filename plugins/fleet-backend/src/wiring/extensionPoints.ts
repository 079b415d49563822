import type { BackendPluginRegistrationPoints } from '@backstage/backend-plugin-api';
import {
  fleetBlobStoreExtensionPoint,
  fleetObservationsExtensionPoint,
  fleetReleaseSourceExtensionPoint,
  type FleetBlobStore,
  type FleetObservationSeeder,
  type FleetReleaseSource,
} from '@fleetdeck/plugin-fleet-node';

/** What modules handed the plugin through its extension points, read once it initialises. */
export interface FleetExtensions {
  releaseSource(): FleetReleaseSource | undefined;
  blobStore(): FleetBlobStore | undefined;
  seeders(): FleetObservationSeeder[];
}

/** Registers the extension points of `@fleetdeck/plugin-fleet-node`. */
export function registerFleetExtensionPoints(
  env: BackendPluginRegistrationPoints,
): FleetExtensions {
  let releaseSource: FleetReleaseSource | undefined;
  env.registerExtensionPoint(fleetReleaseSourceExtensionPoint, {
    setReleaseSource(source) {
      if (releaseSource) {
        throw new Error(
          'A fleet release source is already set; only one module may provide releases',
        );
      }
      releaseSource = source;
    },
  });

  let blobStore: FleetBlobStore | undefined;
  env.registerExtensionPoint(fleetBlobStoreExtensionPoint, {
    setBlobStore(store) {
      if (blobStore) {
        throw new Error(
          'A fleet blob store is already set; only one module may provide it',
        );
      }
      blobStore = store;
    },
  });

  const seeders: FleetObservationSeeder[] = [];
  env.registerExtensionPoint(fleetObservationsExtensionPoint, {
    addSeeder(seeder) {
      seeders.push(seeder);
    },
  });

  return {
    releaseSource: () => releaseSource,
    blobStore: () => blobStore,
    seeders: () => [...seeders],
  };
}
