import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { FleetBlob, FleetBlobStore } from '@fleetdeck/plugin-fleet-node';
import { readS3BlobStoreConfig } from './config';
import { copyObject } from './copyObject';
import { HashingStream } from './HashingStream';
import { blobKey, normalizePrefix, temporaryKey } from './keys';
import { isNotFound } from './s3Errors';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Multipart upload parts: at most `PART_SIZE × PARTS_IN_FLIGHT` bytes of an upload are in
 * memory at once, whatever its size. 8 MiB parts reach S3's 10 000-part limit at 80 GiB,
 * far above the fleet backend's largest accepted journal.
 */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/**
 * How an {@link S3BlobStore} is made.
 *
 * @public
 */
export interface S3BlobStoreOptions {
  client: S3Client;
  bucket: string;
  /** A folder in the bucket; `journals` and `journals/` are the same. Default: the root. */
  prefix?: string;
  /** Told about temporary objects that could not be removed. */
  logger?: LoggerService;
}

/**
 * A {@link @fleetdeck/plugin-fleet-node#FleetBlobStore} in an S3 bucket or an S3-compatible
 * store.
 *
 * ```
 * <prefix>sha256/ab/abcdef…   one object per blob, named by its SHA-256
 * <prefix>tmp/<uuid>          uploads in progress
 * ```
 *
 * `put` streams the content to `tmp/<uuid>` (a multipart upload, a few parts in memory)
 * while hashing it; S3 acknowledges the upload only once it is durable. It then copies the
 * object to its address unless a blob is already there (same address, same bytes: two racing
 * puts write identical objects to one key) and removes the temporary object. When the stream
 * or the upload fails, lib-storage aborts the multipart upload and the temporary object is
 * removed, so nothing appears under an address. Nothing is ever deleted from `sha256/`.
 *
 * @public
 */
export class S3BlobStore implements FleetBlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly logger?: LoggerService;

  /**
   * A store as `fleet.journals.blobStore.s3` describes it; throws when `bucket` is missing.
   */
  static fromConfig(
    config: Config,
    options: { logger?: LoggerService } = {},
  ): S3BlobStore {
    const settings = readS3BlobStoreConfig(config);
    options.logger?.info(
      `Fleet journals are kept in S3 bucket ${settings.bucket}${
        settings.prefix ? ` under ${settings.prefix}` : ''
      }${
        settings.client.endpoint ? ` at ${settings.client.endpoint}` : ''
      }, with ${
        settings.client.credentials
          ? 'the configured access key'
          : "the AWS SDK's default credentials"
      }`,
    );
    return new S3BlobStore({
      client: new S3Client(settings.client),
      bucket: settings.bucket,
      prefix: settings.prefix,
      logger: options.logger,
    });
  }

  constructor(options: S3BlobStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = normalizePrefix(options.prefix);
    this.logger = options.logger;
  }

  async put(content: Readable): Promise<FleetBlob> {
    const temporary = temporaryKey(this.prefix);
    let written: { sha256: string; bytes: number };
    try {
      written = await this.upload(content, temporary);
    } catch (error) {
      // Whatever failed, the sender must not be left waiting on a stream nobody reads.
      content.destroy();
      await this.removeTemporary(temporary);
      throw error;
    }
    try {
      const key = blobKey(this.prefix, written.sha256);
      if (!(await this.exists(key))) {
        await copyObject({
          client: this.client,
          bucket: this.bucket,
          from: temporary,
          to: key,
          bytes: written.bytes,
        });
      }
      return { ...written, key };
    } finally {
      await this.removeTemporary(temporary);
    }
  }

  async get(sha256: string): Promise<Readable | undefined> {
    if (!SHA256.test(sha256)) {
      return undefined;
    }
    const key = blobKey(this.prefix, sha256);
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      if (!(Body instanceof Readable)) {
        throw new Error(`S3 answered without a readable body for ${key}`);
      }
      return Body;
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return SHA256.test(sha256) && this.exists(blobKey(this.prefix, sha256));
  }

  /**
   * Streams `content` to `key` while hashing it. Resolves once S3 has the whole object;
   * rejects with whichever failed first: the stream's own error or the upload's.
   */
  private async upload(
    content: Readable,
    key: string,
  ): Promise<{ sha256: string; bytes: number }> {
    const hashing = new HashingStream();
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: hashing,
        ContentType: 'application/octet-stream',
      },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
    });
    // The first failure is the one to report: the content's own error (a cut upload, a
    // refused journal), or the upload's when S3 failed first. What follows from it (the
    // stream closed under the upload, the upload aborted) is a consequence.
    let cause: { error: unknown } | undefined;
    content.once('error', error => {
      cause ??= { error };
    });
    const [fed, uploaded] = await Promise.allSettled([
      pipeline(content, hashing),
      upload.done().catch(error => {
        cause ??= { error };
        // An upload that stopped reading must stop the stream feeding it, or it would wait.
        hashing.destroy(error);
        throw error;
      }),
    ]);
    if (cause) {
      throw cause.error;
    }
    if (fed.status === 'rejected') {
      throw fed.reason;
    }
    if (uploaded.status === 'rejected') {
      throw uploaded.reason;
    }
    return hashing.digest();
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) {
        return false;
      }
      throw error;
    }
  }

  /**
   * Removes an upload's temporary object, if there is one. A failure here loses nothing (the
   * blob, if any, is already under its address), so it is logged rather than thrown; a
   * lifecycle rule on `tmp/` expires what is left.
   */
  private async removeTemporary(key: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.bucket, Key: key }),
      );
    } catch (error) {
      this.logger?.warn(
        `Could not remove the temporary journal upload ${key} from S3 bucket ${this.bucket}: ${error}`,
      );
    }
  }
}
