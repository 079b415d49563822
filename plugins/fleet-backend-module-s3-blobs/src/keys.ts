import { randomUUID } from 'node:crypto';

/**
 * A configured prefix as a folder: no leading `/` (S3 keys have none), one trailing `/`, so
 * `journals` and `journals/` both mean the folder `journals/`. Empty stays empty.
 */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed ? `${trimmed}/` : '';
}

/** Where a blob lives: spread over 256 folders, as the local folder store does. */
export function blobKey(prefix: string, sha256: string): string {
  return `${prefix}sha256/${sha256.slice(0, 2)}/${sha256}`;
}

/** A fresh key for an upload whose hash is not known yet. */
export function temporaryKey(prefix: string): string {
  return `${prefix}tmp/${randomUUID()}`;
}

/** `CopySource` wants `<bucket>/<key>` URL-encoded, but with its `/` kept. */
export function copySource(bucket: string, key: string): string {
  return [bucket, ...key.split('/')].map(encodeURIComponent).join('/');
}
