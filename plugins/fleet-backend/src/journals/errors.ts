import { CustomErrorBase } from '@backstage/errors';

/**
 * The upload, or what it inflates to, is larger than the configured limit. The backend's
 * error handler answers 413 from `statusCode`; the name follows Backstage's error naming.
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413 as const;
}

/** Formats a byte count the way the limits are usually written, e.g. `2 GiB`, `512 KiB`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${text} ${units[unit]}`;
}
