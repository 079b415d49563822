export interface Config {
  fleet?: {
    journals?: {
      blobStore?: {
        /**
         * Where `@fleetdeck/plugin-fleet-backend-module-s3-blobs` keeps billing journals: an
         * S3 bucket or an S3-compatible store (MinIO, Ceph, …). Blobs go to
         * `<prefix>sha256/<ab>/<sha256>`, uploads in progress to `<prefix>tmp/<uuid>`.
         * Required when the module is installed.
         */
        s3?: {
          /** The bucket; it must exist. */
          bucket: string;
          /**
           * A folder inside the bucket, such as `fleet/journals`; a `/` is added at its end
           * when missing. Default: the bucket's root.
           */
          prefix?: string;
          /**
           * The bucket's region. Default: the AWS SDK's (`AWS_REGION`, the profile), or
           * `us-east-1` when `endpoint` is set.
           */
          region?: string;
          /** The URL of an S3-compatible store, e.g. `https://minio.internal:9000`. */
          endpoint?: string;
          /**
           * Addresses the bucket as `<endpoint>/<bucket>` rather than
           * `<bucket>.<endpoint>`; most S3-compatible stores want it. Default false.
           */
          forcePathStyle?: boolean;
          /**
           * Static keys. Default: the AWS SDK's default credential chain (IRSA or EKS Pod
           * Identity, environment variables, the instance profile, …).
           */
          credentials?: {
            /** @visibility secret */
            accessKeyId: string;
            /** @visibility secret */
            secretAccessKey: string;
            /** @visibility secret */
            sessionToken?: string;
          };
        };
      };
    };
  };
}
