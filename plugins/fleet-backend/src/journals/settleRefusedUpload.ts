import { finished } from 'node:stream/promises';
import type express from 'express';

/**
 * A refused upload whose body is at most this large is read to its end before the answer,
 * so the connection stays usable; a larger one is answered at once and the connection closed.
 */
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * After a refused upload: let the client finish sending a small body so that it reads the
 * answer; close the connection after the answer when the rest is large or unknown.
 */
export async function settleRefusedUpload(
  req: express.Request,
  res: express.Response,
): Promise<void> {
  if (req.complete) {
    return;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES) {
    req.resume();
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      finished(req).then(
        () => true,
        // The client went away; the error being answered is the one that matters.
        () => false,
      ),
      new Promise<false>(resolve => {
        timer = setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (drained) {
      return;
    }
  }
  res.setHeader('Connection', 'close');
}
