import { S3ServiceException } from '@aws-sdk/client-s3';

/**
 * Whether S3 answered that the object is not there: `NoSuchKey` for GetObject, a bare 404
 * (`NotFound`) for HeadObject, whose answer has no body to name the error. A missing bucket
 * is a misconfiguration, not a missing blob, and stays an error where S3 says so.
 */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    error.name !== 'NoSuchBucket' &&
    (error.name === 'NoSuchKey' ||
      error.name === 'NotFound' ||
      error.$metadata?.httpStatusCode === 404)
  );
}
