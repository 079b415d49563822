import { InputError } from '@backstage/errors';
import { Parser, type ReadEntry } from 'tar';

/** Entry types an archive of journals may hold; anything else (links, devices…) is refused. */
const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const DIRECTORY_TYPES = new Set(['Directory']);

/** The file name a billing replica gives its journal (`/journal/journal`). */
export const JOURNAL_FILE_NAME = 'journal';

/** What an archive entry is, by its header alone. */
export type EntryKind =
  | { kind: 'directory' }
  | { kind: 'journal'; path: string; pod?: string }
  | { kind: 'refused'; path: string; reason: string };

/**
 * Classifies an archive entry by its header. The backup CronJob runs
 * `tar czf journal-<date>.tar.gz -C <volume> .`, so paths start with `./`:
 *
 * - `./journal`: the journal of a per-pod volume (which replica: the upload says, or the
 *   deployment has only one);
 * - `./journal-<pod>/journal`: a shared volume, where each replica writes under
 *   `journal-<pod name>/`; `./<pod>/journal` is accepted too.
 *
 * Only regular files and directories are accepted; absolute paths and `..` are refused, so an
 * archive cannot refer to anything outside itself.
 */
export function classifyEntry(type: string, rawPath: string): EntryKind {
  const path = rawPath.replace(/\/+$/, '');
  if (/^([a-zA-Z]:)?[\\/]/.test(rawPath)) {
    return {
      kind: 'refused',
      path: rawPath,
      reason: 'has an absolute path; archive entries must be relative',
    };
  }
  const segments = path.split('/').filter(s => s !== '' && s !== '.');
  if (segments.includes('..')) {
    return {
      kind: 'refused',
      path: rawPath,
      reason:
        'has `..` in its path; archive entries must stay inside the archive',
    };
  }
  if (DIRECTORY_TYPES.has(type)) {
    return { kind: 'directory' };
  }
  if (!FILE_TYPES.has(type)) {
    const what: Record<string, string> = {
      Link: 'a hard link',
      SymbolicLink: 'a symbolic link',
      CharacterDevice: 'a character device',
      BlockDevice: 'a block device',
      FIFO: 'a FIFO',
    };
    return {
      kind: 'refused',
      path: rawPath,
      reason: `is ${
        what[type] ?? `of type ${type}`
      }; a journal archive may only hold regular files and directories`,
    };
  }
  const name = segments.join('/');
  if (segments.length === 1 && segments[0] === JOURNAL_FILE_NAME) {
    return { kind: 'journal', path: name };
  }
  if (segments.length === 2 && segments[1] === JOURNAL_FILE_NAME) {
    const folder = segments[0];
    const pod = folder.startsWith('journal-')
      ? folder.slice('journal-'.length)
      : folder;
    return { kind: 'journal', path: name, pod };
  }
  return {
    kind: 'refused',
    path: rawPath,
    reason:
      'is not a billing journal; a journal archive holds `journal` (one replica) or `journal-<pod>/journal` (a shared volume)',
  };
}

/**
 * The capture time that a backup's name carries: `journal-YYYYMMDD-HHMMSS.tar.gz`, as the
 * generated CronJob names its archives (`date +%Y%m%d-%H%M%S`, UTC), anywhere in the name.
 */
export function captureTimeFromName(
  fileName: string | undefined,
): Date | undefined {
  const match = fileName?.match(
    /journal-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?!\d)/,
  );
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Reject impossible dates (20261399-…) rather than let them roll over.
  return date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
    ? date
    : undefined;
}

/**
 * Reads a tar stream entry by entry. `onEntry` is called for each entry in order and must
 * consume it (read it or `resume()` it); entries that tar itself ignores (unknown types) are
 * passed too, already drained. When the archive is damaged, or `source` fails, `onAbort` is
 * called once, so that the consumer of the current entry can stop, and the error is thrown.
 *
 * An archive must end with tar's end-of-archive blocks: without them it was cut short.
 */
export async function parseTar(options: {
  source: AsyncIterable<Buffer>;
  name: string;
  onEntry: (entry: ReadEntry) => void;
  onAbort: (error: Error) => void;
  /** Stops reading, e.g. when storing an entry failed. */
  signal?: AbortSignal;
}): Promise<void> {
  const { source, name, onEntry, onAbort, signal } = options;
  const parser = new Parser({ strict: true, brotli: false, zstd: false });
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let sawEof = false;

  const fail = (error: Error) => {
    if (!failure) {
      failure = error;
      onAbort(error);
      wake?.();
    }
  };

  signal?.addEventListener('abort', () => fail(signal.reason as Error), {
    once: true,
  });
  parser.on('entry', (entry: ReadEntry) => {
    if (failure) {
      entry.resume();
    } else {
      onEntry(entry);
    }
  });
  parser.on('ignoredEntry', (entry: ReadEntry) => {
    if (!failure && !entry.meta) {
      onEntry(entry);
    }
  });
  parser.on('eof', () => {
    sawEof = true;
  });
  parser.on('error', (error: Error & { tarCode?: string }) => {
    const reason = error.message.replace(/^TAR_[A-Z_]+: /, '');
    fail(
      new InputError(
        /truncated/i.test(reason)
          ? `${name} is truncated: ${reason}. The copy is incomplete; copy the archive again`
          : `${name} is not a valid tar archive (${reason})`,
      ),
    );
  });
  const until = (event: 'drain' | 'end') =>
    new Promise<void>(resolve => {
      wake = resolve;
      parser.once(event, () => resolve());
    });

  try {
    for await (const chunk of source) {
      if (failure) {
        break;
      }
      if (!parser.write(chunk) && !failure) {
        await until('drain');
      }
    }
  } catch (error) {
    fail(error as Error);
  }
  if (!failure) {
    // Entries still being consumed come first; 'end' follows the last of them.
    const finished = until('end');
    parser.end();
    await finished;
  }
  if (failure) {
    throw failure;
  }
  if (!sawEof) {
    throw new InputError(
      `${name} is truncated: the tar archive ends without its end-of-archive marker. The copy is incomplete; copy the archive again`,
    );
  }
}
