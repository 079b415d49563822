/**
 * The chart's images as its values name them (`<component>.image.path`), on quay.io by
 * default; an air-gapped customer mirrors them under the same paths in a private registry.
 */
export const CHART_IMAGE_PATHS = {
  api: 'deepgram/self-hosted-api',
  engine: 'deepgram/self-hosted-engine',
  licenseProxy: 'deepgram/self-hosted-license-proxy',
  billing: 'deepgram/self-hosted-billing',
} as const;

/** The init container that renders configuration when Billing is on (`global.initContainer.image`). */
export const INIT_CONTAINER_REPOSITORY = 'ubuntu';

/** A small image with sh, tar and gzip, used by the backup jobs to archive journals. */
export const ARCHIVE_IMAGE = 'busybox:1.36';

/** The AWS CLI, used by the S3 backup jobs of connected customers to upload the archives. */
export const AWS_CLI_IMAGE = 'amazon/aws-cli:2.17.0';

/** `registry/path`, or the path on quay.io without a private registry. */
export function imageIn(
  registryHost: string | undefined,
  path: string,
): string {
  return `${registryHost ?? 'quay.io'}/${path}`;
}

/**
 * The official PostgreSQL image of a major version, for `pg_dump` and `pg_restore` (with sh,
 * coreutils' `sha256sum` and `stat`); an air-gapped customer mirrors it as `postgres:<major>`.
 */
export const postgresImagePath = (major: number) => `postgres:${major}`;
