import { InputError } from '@backstage/errors';
import type express from 'express';
import { formatBytes, PayloadTooLargeError } from './errors';
import { requirePrintable } from './requirePrintable';

/** What a journal upload says about itself in its query. */
export interface UploadParameters {
  replica?: string;
  fileName?: string;
}

function singleQueryValue(
  query: express.Request['query'],
  key: string,
): string | undefined {
  const value = query[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(`Invalid ${key}; give it once, as a plain value`);
  }
  return value;
}

/**
 * The upload's `replica` and `fileName`, checked (each once, printable, a file name of 255
 * characters at most), and a refusal of a multipart form, whose parts would be taken for a
 * journal. The upload route is not validated against the spec (see the router), so it checks
 * its own parameters.
 */
export function readUploadParameters(req: express.Request): UploadParameters {
  const replica = singleQueryValue(req.query, 'replica');
  const fileName = singleQueryValue(req.query, 'fileName');
  if (fileName !== undefined && fileName.length > 255) {
    throw new InputError(
      'Invalid fileName; it may be 255 characters long at most',
    );
  }
  requirePrintable('fileName', fileName);
  requirePrintable('replica', replica);
  if (req.is('multipart/form-data')) {
    throw new InputError(
      "The upload is a multipart form; send the file's bytes as the request body (Content-Type: application/octet-stream, e.g. curl --data-binary @journal), not a multipart form",
    );
  }
  return { replica, fileName };
}

/**
 * The upload's body as it arrives, never buffered. A body that says it is larger than
 * `maxUploadBytes` is refused before a byte is read; one that does not say is held to the
 * limit by the ingest as it streams.
 */
export function readUploadContent(
  req: express.Request,
  options: { maxUploadBytes: number; fileName?: string },
): AsyncIterable<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxUploadBytes) {
    throw new PayloadTooLargeError(
      `${options.fileName ?? 'The upload'} is larger than ${formatBytes(
        options.maxUploadBytes,
      )} (fleet.journals.maxUploadBytes); send each replica's journal on its own, or ask an administrator to raise the limit`,
    );
  }
  // Not destroyed when reading stops early: a refused upload is still answered.
  return req.iterator({ destroyOnReturn: false });
}
