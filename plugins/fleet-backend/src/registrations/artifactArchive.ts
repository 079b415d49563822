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

/**
 * The generated files of a deployment as one `.tar.gz` holding `<deployment>/<file>`, built in
 * memory: no name given by a user ever reaches the file system. The folder is the deployment's
 * name when it passes the catalog's rules (else `onboarding`), the files are the closed set of
 * {@link REGISTRATION_ARTIFACT_NAMES}; so every entry name is fixed, short and plain ASCII, and
 * none can be absolute or hold `..`.
 */
export function createArtifactArchive(
  deploymentName: string,
  artifacts: Array<{ name: string; content: string }>,
  now: Date = new Date(),
): Buffer {
  const folder = isValidEntityName(deploymentName)
    ? deploymentName
    : FALLBACK_FOLDER;
  const mtime = Math.floor(now.getTime() / 1000);
  const blocks: Buffer[] = [
    entryHeader({ path: `${folder}/`, size: 0, mode: 0o755, type: '5', mtime }),
  ];
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
    const content = Buffer.from(artifact.content, 'utf8');
    blocks.push(
      entryHeader({
        path: `${folder}/${artifact.name}`,
        size: content.length,
        mode: artifact.name.endsWith('.sh') ? 0o755 : 0o644,
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
