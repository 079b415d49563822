import { InputError } from '@backstage/errors';
import { describeSecretLike } from '@fleetdeck/plugin-fleet-common';
import type { Request } from 'express';

/**
 * Refuses a journal's file name (`?fileName=`, or an inbox file's) that looks like a key or
 * token: it would be kept in the receipt history, shown to every reader and written to the
 * logs. The message never repeats it.
 */
export function refuseSecretFileName(fileName: unknown): void {
  for (const name of [fileName].flat()) {
    const kind =
      typeof name === 'string' ? describeSecretLike(name) : undefined;
    if (kind) {
      throw new InputError(
        `fileName looks like ${kind} (not shown); a file name is kept and shown with the receipt, so send the journal under its own name, such as journal-20261120-020000.tar.gz`,
      );
    }
  }
}

/**
 * `refuseSecretFileName` for an upload's `?fileName=`. On refusal the query is dropped from
 * the request's URLs as well: the framework's error body quotes `req.url`, and its request
 * log and the audit event `req.originalUrl`.
 */
export function refuseSecretFileNameQuery(req: Request): void {
  try {
    refuseSecretFileName(req.query.fileName);
  } catch (error) {
    const withoutQuery = (url: string) => url.replace(/\?.*$/s, '');
    req.url = withoutQuery(req.url);
    req.originalUrl = withoutQuery(req.originalUrl);
    throw error;
  }
}
