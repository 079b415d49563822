import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { create as createTar, Header, type HeaderData } from 'tar';

export const sha256 = (data: Buffer) =>
  createHash('sha256').update(data).digest('hex');

/** One billing record as the billing container writes it: `{"d":…,"s":…}`. */
export function journalLine(): string {
  return `${JSON.stringify({
    d: randomBytes(96).toString('base64'),
    s: randomBytes(48).toString('base64'),
  })}\n`;
}

/**
 * A journal: its initialisation line and then `records` billing records, unique bytes each
 * time (so tests do not collide on content addresses).
 */
export function journal(records = 3): Buffer {
  const init = `${JSON.stringify({
    d: `init ${randomBytes(8).toString('hex')}`,
    s: randomBytes(48).toString('base64'),
  })}\n`;
  return Buffer.from(
    init + Array.from({ length: records }, journalLine).join(''),
  );
}

/** A journal holding only its initialisation line: billing has not started. */
export function initOnlyJournal(): Buffer {
  return journal(0);
}

export type TarEntrySpec = {
  path: string;
  content?: Buffer;
  type?: HeaderData['type'];
  linkpath?: string;
  mtime?: Date;
};

/**
 * A tar archive built entry by entry from headers, so tests can write what `tar` itself
 * would refuse to pack: absolute paths, `..`, links and devices.
 */
export function tarOf(entries: TarEntrySpec[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? 'File';
    const content =
      type === 'File' ? entry.content ?? Buffer.alloc(0) : undefined;
    const header = new Header({
      path: entry.path,
      type,
      mode: type === 'Directory' ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      size: content?.length ?? 0,
      mtime: entry.mtime ?? new Date('2026-11-20T02:00:00Z'),
      linkpath: entry.linkpath,
      devmaj: 0,
      devmin: 0,
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block);
    if (content && content.length > 0) {
      blocks.push(content);
      const padding = (512 - (content.length % 512)) % 512;
      blocks.push(Buffer.alloc(padding));
    }
  }
  // End of archive: two zero blocks.
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export const gzip = (data: Buffer) => gzipSync(data);

/**
 * What the generated backup CronJob writes: `tar czf journal-<date>.tar.gz -C <volume> .`
 * over a real folder with the given files, so entries carry `./` and directories as GNU tar
 * would write them.
 */
export async function volumeBackup(
  files: Record<string, Buffer>,
  mtime?: Date,
): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-volume-'));
  try {
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(dir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
      if (mtime) {
        fs.utimesSync(target, mtime, mtime);
      }
    }
    const chunks: Buffer[] = [];
    const stream = createTar({ gzip: true, cwd: dir, portable: true }, ['.']);
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
