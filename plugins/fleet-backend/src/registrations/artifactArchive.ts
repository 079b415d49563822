import { gzipSync } from 'node:zlib';
import {
  isValidEntityName,
  REGISTRATION_ARTIFACT_NAMES,
} from '@fleetdeck/plugin-fleet-common';

const BLOCK = 512;

/** The folder used when a name stored by an older version breaks the catalog's rules. */
const FALLBACK_FOLDER = 'onboarding';

/** Writes `value` as a NUL-terminated octal number filling `length` bytes at `offset`. */
function writeOctal(
  header: Buffer,
  offset: number,
  length: number,
  value: number,
) {
  header.write(
    value.toString(8).padStart(length - 1, '0'),
    offset,
    length - 1,
    'ascii',
  );
}

/** One ustar header block for a regular file or a directory. */
function entryHeader(options: {
  path: string;
  size: number;
  mode: number;
  type: '0' | '5';
  mtime: number;
}): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(options.path, 0, 100, 'ascii');
  writeOctal(block, 100, 8, options.mode);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, options.size);
  writeOctal(block, 136, 12, options.mtime);
  block.fill(' ', 148, 156);
  block.write(options.type, 156, 1, 'ascii');
  block.write('ustar\u000000', 257, 8, 'ascii');
  let checksum = 0;
  for (const byte of block) {
    checksum += byte;
  }
  block.write(
    `${checksum.toString(8).padStart(6, '0')}\u0000 `,
    148,
    8,
    'ascii',
  );
  return block;
}

/** A path inside an archive: plain ASCII segments, none empty, `.` or `..`. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;

/** ustar keeps a name in 100 bytes. */
const MAX_ENTRY_PATH = 100;

/** Whether `path` may be an entry of a generated archive, below its folder. */
export function isSafeArchivePath(path: string): boolean {
  return path.split('/').every(segment => SAFE_SEGMENT.test(segment));
}

/**
 * Files generated for a deployment as one `.tar.gz` holding `<folder>/<path>`, built in memory:
 * nothing reaches the file system. The folder is the deployment's name when it passes the
 * catalog's rules (else `fallbackFolder`); each path must pass {@link isSafeArchivePath}, so
 * none can be absolute or climb out with `..`. Scripts (`.sh`, or `mode` given) are
 * executable.
 */
export function createFileArchive(options: {
  deploymentName: string;
  fallbackFolder: string;
  files: Array<{ path: string; content: string; mode?: number }>;
  now?: Date;
}): Buffer {
  const folder = isValidEntityName(options.deploymentName)
    ? options.deploymentName
    : options.fallbackFolder;
  const mtime = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const blocks: Buffer[] = [
    entryHeader({ path: `${folder}/`, size: 0, mode: 0o755, type: '5', mtime }),
  ];
  const folders = new Set<string>();
  for (const file of options.files) {
    const path = `${folder}/${file.path}`;
    if (!isSafeArchivePath(file.path) || path.length > MAX_ENTRY_PATH) {
      throw new Error(
        `Refusing to archive a file named ${JSON.stringify(
          file.path.slice(0, 120),
        )}`,
      );
    }
    // Each sub-folder once, before its first file, as tar expects.
    const parts = file.path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const sub = `${folder}/${parts.slice(0, i).join('/')}/`;
      if (!folders.has(sub)) {
        folders.add(sub);
        blocks.push(
          entryHeader({ path: sub, size: 0, mode: 0o755, type: '5', mtime }),
        );
      }
    }
    const content = Buffer.from(file.content, 'utf8');
    blocks.push(
      entryHeader({
        path,
        size: content.length,
        mode: file.mode ?? (file.path.endsWith('.sh') ? 0o755 : 0o644),
        type: '0',
        mtime,
      }),
      content,
      Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK),
    );
  }
  // Two zero blocks end a tar archive.
  blocks.push(Buffer.alloc(2 * BLOCK));
  return gzipSync(Buffer.concat(blocks));
}

/**
 * The onboarding files of a deployment as one `.tar.gz` holding `<deployment>/<file>`
 * ({@link createFileArchive}); the files are the closed set of
 * {@link REGISTRATION_ARTIFACT_NAMES}, so every entry name is fixed, short and plain ASCII.
 */
export function createArtifactArchive(
  deploymentName: string,
  artifacts: Array<{ name: string; content: string }>,
  now: Date = new Date(),
): Buffer {
  for (const artifact of artifacts) {
    if (
      !(REGISTRATION_ARTIFACT_NAMES as readonly string[]).includes(
        artifact.name,
      )
    ) {
      // Stored files were checked against the same set; anything else is not served.
      throw new Error(
        `Refusing to archive an unknown file ${JSON.stringify(artifact.name)}`,
      );
    }
  }
  return createFileArchive({
    deploymentName,
    fallbackFolder: FALLBACK_FOLDER,
    files: artifacts.map(a => ({ path: a.name, content: a.content })),
    now,
  });
}
