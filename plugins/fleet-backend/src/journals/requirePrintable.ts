import { InputError } from '@backstage/errors';

/**
 * Refuses a request parameter that holds anything but printable characters (CR/LF, other
 * control characters, DEL, invisible formatting): it would reach logs, headers and the receipt
 * history as it is.
 */
export function requirePrintable(key: string, value: string | undefined) {
  // Unicode's "other" characters (control, format such as a right-to-left override,
  // unassigned, private use, lone surrogates) and the line and paragraph separators.
  if (value !== undefined && /[\p{C}\p{Zl}\p{Zp}]/u.test(value)) {
    throw new InputError(
      `Invalid ${key}; it may hold printable characters only (no line breaks, tabs, control or formatting characters)`,
    );
  }
}
