import { Transform, type TransformCallback } from 'node:stream';
import { InputError } from '@backstage/errors';
import { formatBytes } from './errors';

/** The warning of a journal that holds only its initialisation line. */
export const BILLING_INACTIVE_WARNING = 'billing-inactive';

/** What a validated journal holds. */
export interface JournalSummary {
  bytes: number;
  /** JSON lines (blank lines are not counted). */
  lines: number;
  warnings: string[];
}

/** Only JSON's whitespace: space, tab, CR, LF. */
const BLANK = /^[ \t\r\n]*$/;

/** V8 quotes a short snippet of the line in its messages; keep control characters out. */
function printable(text: string): string {
  return [...text]
    .map(c =>
      c < ' ' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c,
    )
    .join('');
}

/**
 * Why a first line that is not JSON is not a journal at all, when that can be told: a UTF-8
 * byte-order mark (a journal is delivered byte for byte, so it cannot be dropped here), or the
 * boundary of a multipart form. `line` is decoded as latin1.
 */
function notAJournalHint(line: string): string | undefined {
  if (line.startsWith('\u00ef\u00bb\u00bf')) {
    return 'the journal starts with a UTF-8 byte-order mark (EF BB BF), which billing never writes: the file was re-saved by an editor; send the journal exactly as billing wrote it';
  }
  if (/^--[\x21-\x7e]{1,70}\r?$/.test(line)) {
    return "this is a multipart form, not a journal; send the file's bytes as the request body (Content-Type: application/octet-stream, e.g. curl --data-binary @journal), not a multipart form";
  }
  return undefined;
}

/**
 * Passes a billing journal through unchanged while checking it: JSON lines, each one a JSON
 * object (`{"d":…,"s":…}`) of at most `maxLineBytes`. It counts bytes and lines and holds
 * at most one line in memory, whatever the size of the journal.
 *
 * It fails (destroys itself with an `InputError` that names the line) on the first line that
 * is not a JSON object, on a line that is too long, and at the end on a journal without any
 * line: an empty journal means the billing container has not started. A journal with only
 * one line (its initialisation line) passes with the warning `billing-inactive`. Blank lines
 * are skipped: they do not change what billing reads, and the journal must be delivered as
 * it was written.
 *
 * `name` prefixes messages with what is being read, e.g. the archive entry.
 */
export class JournalLineValidator extends Transform {
  readonly #maxLineBytes: number;
  readonly #name: string | undefined;
  /**
   * The start of a line not ended yet, decoded as latin1: one character per byte, so
   * lengths are byte counts and `Buffer.from(text, 'latin1')` gives the bytes back.
   */
  #carry = '';
  #bytes = 0;
  /** Physical lines seen so far, for messages. */
  #lineNumber = 0;
  #jsonLines = 0;

  constructor(options: { maxLineBytes: number; name?: string }) {
    super({ highWaterMark: 1024 * 1024 });
    this.#maxLineBytes = options.maxLineBytes;
    this.#name = options.name;
  }

  /** The result; complete once the stream has finished. */
  get summary(): JournalSummary {
    return {
      bytes: this.#bytes,
      lines: this.#jsonLines,
      warnings: this.#jsonLines === 1 ? [BILLING_INACTIVE_WARNING] : [],
    };
  }

  _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    try {
      this.#bytes += chunk.length;
      this.#scan(chunk);
      callback(null, chunk);
    } catch (error) {
      callback(error as Error);
    }
  }

  _flush(callback: TransformCallback): void {
    try {
      if (this.#carry.length > 0) {
        this.#lineNumber += 1;
        this.#checkLine(this.#carry, true);
        this.#carry = '';
      }
      if (this.#jsonLines === 0) {
        throw new InputError(
          this.#message(
            this.#bytes === 0
              ? 'the journal is empty: the billing container may not be running, or this is not its journal (/journal/journal)'
              : 'the journal holds no JSON line, only blank lines: the billing container may not be running',
          ),
        );
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  /**
   * Checks every line the chunk ends. Why latin1: decoding a chunk once and slicing lines
   * out of it costs far less than decoding each line as UTF-8, and `JSON.parse` accepts
   * exactly the same lines either way (bytes of 0x80 and above are only allowed inside
   * strings, as any character, whatever they decode to). UTF-8 is used to word an error.
   */
  #scan(chunk: Buffer) {
    const text = this.#carry + chunk.toString('latin1');
    let start = 0;
    for (
      let end = text.indexOf('\n');
      end !== -1;
      end = text.indexOf('\n', start)
    ) {
      this.#lineNumber += 1;
      if (end - start > this.#maxLineBytes) {
        throw this.#tooLong(this.#lineNumber);
      }
      this.#checkLine(text.slice(start, end), false);
      start = end + 1;
    }
    if (text.length - start > this.#maxLineBytes) {
      throw this.#tooLong(this.#lineNumber + 1);
    }
    this.#carry = text.slice(start);
  }

  #tooLong(lineNumber: number): InputError {
    return new InputError(
      this.#message(
        `line ${lineNumber} is longer than ${formatBytes(
          this.#maxLineBytes,
        )} (fleet.journals.maxLineBytes): a billing journal line is one small JSON object, so this is probably not a journal`,
      ),
    );
  }

  #checkLine(line: string, last: boolean) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      if (BLANK.test(line)) {
        return;
      }
      throw this.#notJson(line, error as Error, last);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(
        this.#message(
          `line ${
            this.#lineNumber
          } is JSON but not an object; a billing journal holds one JSON object per line ({"d":…,"s":…})`,
        ),
      );
    }
    this.#jsonLines += 1;
  }

  #notJson(line: string, latin1Error: Error, last: boolean): InputError {
    const hint = this.#lineNumber === 1 ? notAJournalHint(line) : undefined;
    if (hint) {
      return new InputError(this.#message(hint));
    }
    // Word the error from the line as it really reads, in UTF-8.
    let reason = latin1Error.message;
    try {
      JSON.parse(Buffer.from(line, 'latin1').toString('utf8'));
    } catch (error) {
      reason = (error as Error).message;
    }
    reason = printable(reason);
    return new InputError(
      this.#message(
        last
          ? `line ${
              this.#lineNumber
            }, the last one, is not JSON and does not end with a newline (${reason}): the journal was probably copied while billing was writing it; copy it again`
          : `line ${
              this.#lineNumber
            } is not JSON (${reason}); a billing journal holds one JSON object per line`,
      ),
    );
  }

  #message(text: string): string {
    return this.#name
      ? `${this.#name}: ${text}`
      : `${text[0].toUpperCase()}${text.slice(1)}`;
  }
}
