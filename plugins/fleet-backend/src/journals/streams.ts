import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '@backstage/errors';

/** The formats an upload is recognised by, from its first bytes (never from its name). */
export type ContentFormat = 'gzip' | 'tar' | 'journal';

/** Bytes needed to tell the formats apart: the tar magic sits at offset 257. */
export const SNIFF_BYTES = 262;

export function sniffFormat(head: Buffer): ContentFormat {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    return 'gzip';
  }
  // POSIX `ustar\0` and GNU `ustar  ` both start with "ustar".
  if (
    head.length >= SNIFF_BYTES &&
    head.toString('latin1', 257, 262) === 'ustar'
  ) {
    return 'tar';
  }
  return 'journal';
}

/**
 * Passes `source` through, failing with `tooLarge()` as soon as more than `max` bytes have
 * passed, so an oversized upload or archive is refused without reading the rest of it.
 */
export async function* limitBytes(
  source: AsyncIterable<Buffer>,
  max: number,
  tooLarge: () => Error,
): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > max) {
      throw tooLarge();
    }
    yield chunk;
  }
}

/**
 * Reads the first `bytes` bytes of `source` (fewer when it is shorter) and returns them with
 * the whole stream, those bytes included, to read on.
 */
export async function peek(
  source: AsyncIterable<Buffer>,
  bytes: number,
): Promise<{ head: Buffer; content: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* content(): AsyncGenerator<Buffer> {
    if (head.length > 0) {
      yield head;
    }
    if (done) {
      return;
    }
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          return;
        }
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { head, content: content() };
}

function isZlibError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/**
 * Inflates gzip data (one or more members, as `gzip` and `tar czf` write). Corrupt or
 * truncated data fails with an `InputError` that says so; errors of `source` pass unchanged.
 */
export async function* gunzip(
  source: AsyncIterable<Buffer>,
  name: string,
): AsyncGenerator<Buffer> {
  const inflater = createGunzip({ chunkSize: 256 * 1024 });
  const input = Readable.from(source, { objectMode: false });
  input.on('error', error => inflater.destroy(error));
  input.pipe(inflater);
  try {
    for await (const chunk of inflater) {
      yield chunk as Buffer;
    }
  } catch (error) {
    if (isZlibError(error)) {
      throw new InputError(
        error.code === 'Z_BUF_ERROR'
          ? `${name} is truncated: its gzip data ends unexpectedly. The copy is incomplete; copy the archive again`
          : `${name} is not valid gzip (${error.message}): the archive is damaged; copy it again`,
      );
    }
    throw error;
  } finally {
    input.destroy();
    inflater.destroy();
  }
}

/**
 * Inflates gzip data (see {@link gunzip}) within two limits, both checked as it streams: at
 * most `maxBytes` in all, and at most `maxRatio` times the compressed bytes read so far once
 * past `minRatioBytes`. So an archive bomb is refused after a few MiB, never written out.
 */
export async function* inflateWithinLimits(
  source: AsyncIterable<Buffer>,
  options: {
    name: string;
    maxBytes: number;
    maxRatio: number;
    minRatioBytes: number;
    tooLarge: () => Error;
    tooDense: (inflated: number) => Error;
  },
): AsyncGenerator<Buffer> {
  let compressed = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      compressed += chunk.length;
      yield chunk;
    }
  }
  let inflated = 0;
  for await (const chunk of gunzip(counted(), options.name)) {
    inflated += chunk.length;
    if (inflated > options.maxBytes) {
      throw options.tooLarge();
    }
    if (
      inflated > options.minRatioBytes &&
      inflated > options.maxRatio * compressed
    ) {
      throw options.tooDense(inflated);
    }
    yield chunk;
  }
}
