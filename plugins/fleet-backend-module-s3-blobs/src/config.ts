import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { Config } from '@backstage/config';
import { normalizePrefix } from './keys';

/** Where the module reads its settings. */
export const S3_CONFIG_KEY = 'fleet.journals.blobStore.s3';

/**
 * The settings of an {@link S3BlobStore}, as read from `fleet.journals.blobStore.s3`.
 *
 * @public
 */
export interface S3BlobStoreConfig {
  bucket: string;
  /** Empty, or a folder ending with `/`. */
  prefix: string;
  /** What the S3 client is made with: region, endpoint, path style and, if set, keys. */
  client: S3ClientConfig;
}

/**
 * Reads `fleet.journals.blobStore.s3`. Without credentials the AWS SDK's default chain is
 * used (IRSA, EKS Pod Identity, environment, instance profile), so no key needs to be in
 * the config on AWS.
 *
 * @public
 */
export function readS3BlobStoreConfig(config: Config): S3BlobStoreConfig {
  const s3 = config.getOptionalConfig(S3_CONFIG_KEY);
  const bucket = s3?.getOptionalString('bucket');
  if (!s3 || !bucket) {
    throw new Error(
      `${S3_CONFIG_KEY}.bucket is required: @fleetdeck/plugin-fleet-backend-module-s3-blobs keeps journals in that bucket. Set it, or remove the module to keep journals in a local folder (fleet.journals.blobStore.path).`,
    );
  }
  const endpoint = s3.getOptionalString('endpoint');
  // S3-compatible stores (MinIO and most others) accept any region, and the SDK refuses to
  // sign without one.
  const region =
    s3.getOptionalString('region') ?? (endpoint ? 'us-east-1' : undefined);
  const keys = s3.getOptionalConfig('credentials');
  return {
    bucket,
    prefix: normalizePrefix(s3.getOptionalString('prefix')),
    client: {
      ...(region && { region }),
      ...(endpoint && { endpoint }),
      forcePathStyle: s3.getOptionalBoolean('forcePathStyle') ?? false,
      ...(keys && {
        credentials: {
          accessKeyId: keys.getString('accessKeyId'),
          secretAccessKey: keys.getString('secretAccessKey'),
          sessionToken: keys.getOptionalString('sessionToken'),
        },
      }),
    },
  };
}
