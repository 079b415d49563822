import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through unchanged while hashing and counting exactly those bytes. */
export class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: TransformCallback,
  ) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  /** The SHA-256 (lowercase hex) and size of everything that passed; once, after the end. */
  digest(): { sha256: string; bytes: number } {
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}
