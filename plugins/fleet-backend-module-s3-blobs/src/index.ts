/**
 * Keeps Fleetdeck's billing journals in an S3-compatible bucket, content-addressed by SHA-256.
 *
 * @packageDocumentation
 */

export { fleetModuleS3Blobs as default } from './module';
export { S3BlobStore, type S3BlobStoreOptions } from './S3BlobStore';
export { readS3BlobStoreConfig, type S3BlobStoreConfig } from './config';
