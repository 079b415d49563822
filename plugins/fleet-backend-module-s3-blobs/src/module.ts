import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { fleetBlobStoreExtensionPoint } from '@fleetdeck/plugin-fleet-node';
import { S3BlobStore } from './S3BlobStore';

/**
 * Keeps the fleet backend's billing journals in an S3 bucket or an S3-compatible store
 * (`fleet.journals.blobStore.s3`) instead of a local folder.
 *
 * @public
 */
export const fleetModuleS3Blobs = createBackendModule({
  pluginId: 'fleet',
  moduleId: 's3-blobs',
  register(reg) {
    reg.registerInit({
      deps: {
        blobs: fleetBlobStoreExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ blobs, config, logger }) {
        blobs.setBlobStore(S3BlobStore.fromConfig(config, { logger }));
      },
    });
  },
});
