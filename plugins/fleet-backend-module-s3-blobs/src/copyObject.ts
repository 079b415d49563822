import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  type CompletedPart,
  type S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { copySource } from './keys';

/** The largest object one CopyObject may copy (S3's limit). */
const MAX_COPY_OBJECT_BYTES = 5 * 1024 * 1024 * 1024;

/** Part size of a copy in parts: 80 GiB fit in S3's 10 000 parts. */
const COPY_PART_BYTES = 512 * 1024 * 1024;

/** How an object of `bytes` bytes is copied from `from` to `to` in one bucket. */
export interface CopyRequest {
  client: S3Client;
  bucket: string;
  from: string;
  to: string;
  bytes: number;
  /** Above this size the copy goes in parts; S3's 5 GiB unless a test says less. */
  maxSingleCopyBytes?: number;
  partBytes?: number;
}

/**
 * Copies an object inside S3, without the bytes passing through the backend: one CopyObject
 * up to 5 GiB, else a multipart upload of UploadPartCopy ranges (CopyObject refuses larger
 * objects). A failed copy in parts is aborted, so that no part is left behind.
 */
export async function copyObject(request: CopyRequest): Promise<void> {
  const {
    client,
    bucket,
    from,
    to,
    bytes,
    maxSingleCopyBytes = MAX_COPY_OBJECT_BYTES,
    partBytes = COPY_PART_BYTES,
  } = request;
  const source = copySource(bucket, from);
  if (bytes <= maxSingleCopyBytes) {
    await client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: source }),
    );
    return;
  }
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({
      Bucket: bucket,
      Key: to,
      ContentType: 'application/octet-stream',
    }),
  );
  try {
    const parts: CompletedPart[] = [];
    for (let start = 0; start < bytes; start += partBytes) {
      const PartNumber = parts.length + 1;
      const end = Math.min(start + partBytes, bytes) - 1;
      const { CopyPartResult } = await client.send(
        new UploadPartCopyCommand({
          Bucket: bucket,
          Key: to,
          UploadId,
          PartNumber,
          CopySource: source,
          CopySourceRange: `bytes=${start}-${end}`,
        }),
      );
      parts.push({ PartNumber, ETag: CopyPartResult?.ETag });
    }
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: to,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (error) {
    // The copy's own failure is what the caller must see; an abort that fails too leaves
    // parts that the bucket's lifecycle rule for incomplete uploads removes.
    await client
      .send(
        new AbortMultipartUploadCommand({ Bucket: bucket, Key: to, UploadId }),
      )
      .catch(() => undefined);
    throw error;
  }
}
