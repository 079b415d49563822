import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type {
  FleetBlob,
  FleetBlobStore,
  FleetBlobSweepResult,
} from '@fleetdeck/plugin-fleet-node';

const SHA256 = /^[0-9a-f]{64}$/;

/** Blobs created lately whose version `delete` knows; far more than ingests in flight. */
const CREATED_VERSIONS_KEPT = 4096;

/** Blobs looked up in the database at once by the sweep. */
const SWEEP_BATCH = 500;

/** Written but not yet flushed bytes after which a flush starts in the background. */
const FLUSH_EVERY_BYTES = 32 * 1024 * 1024;

/** Writes all of a buffer: a write may take fewer bytes than it was given. */
async function writeAll(handle: fs.promises.FileHandle, chunk: Uint8Array) {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset);
    offset += bytesWritten;
  }
}

/**
 * Streams `content` into an open file while hashing it, and makes it durable. One write is in
 * flight while the next chunk is hashed, and every 32 MiB the data written so far is flushed
 * in the background, so the closing fsync has little left to wait for.
 */
async function writeDurably(
  handle: fs.promises.FileHandle,
  content: AsyncIterable<Uint8Array>,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let writing: Promise<void> = Promise.resolve();
  let flushing: Promise<void> = Promise.resolve();
  let unflushed = 0;
  try {
    for await (const chunk of content) {
      hash.update(chunk);
      bytes += chunk.length;
      await writing;
      writing = writeAll(handle, chunk);
      // Failures surface at the next await; until then they must not count as unhandled.
      writing.catch(() => undefined);
      unflushed += chunk.length;
      if (unflushed >= FLUSH_EVERY_BYTES) {
        unflushed = 0;
        await flushing;
        flushing = writing.then(() => handle.datasync());
        flushing.catch(() => undefined);
      }
    }
    await writing;
    await flushing;
    await handle.sync();
  } finally {
    // Settle what is in flight before the file is closed, whatever happened.
    await Promise.allSettled([writing, flushing]);
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The default {@link FleetBlobStore}: a local folder (`fleet.journals.blobStore.path`).
 *
 * ```
 * <root>/sha256/ab/abcdef…   one file per blob, named by its SHA-256, read-only
 * <root>/tmp/                 uploads in progress
 * ```
 *
 * `put` streams into `tmp/<uuid>` while hashing, fsyncs it, renames it to its address and
 * fsyncs the folder, so that a blob is either complete under its address or absent, even
 * after a power cut. A blob that is already there is kept and the new copy dropped. On
 * failure the temporary file is removed. From `sha256/`, only blobs that no receipt refers to
 * are ever removed: by `delete` right after a failed ingest, and by `sweep`.
 */
export class LocalFolderBlobStore implements FleetBlobStore {
  /**
   * The time of the blobs this store created lately: `delete` removes a blob only while it is
   * the one created (untouched since); an older one is left to `sweep`.
   */
  private readonly createdVersions = new Map<string, number>();

  private rememberCreated(sha256: string, mtimeMs: number) {
    this.createdVersions.delete(sha256);
    this.createdVersions.set(sha256, mtimeMs);
    if (this.createdVersions.size > CREATED_VERSIONS_KEPT) {
      const [oldest] = this.createdVersions.keys();
      this.createdVersions.delete(oldest);
    }
  }

  constructor(private readonly root: string) {}

  /** Where a blob lives, relative to the root. */
  static keyOf(sha256: string): string {
    return path.posix.join('sha256', sha256.slice(0, 2), sha256);
  }

  async put(content: Readable): Promise<FleetBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    try {
      const handle = await fs.promises.open(tmp, 'wx', 0o444);
      let written: { sha256: string; bytes: number };
      try {
        written = await writeDurably(handle, content);
      } finally {
        await handle.close();
      }
      const { sha256, bytes } = written;
      const key = LocalFolderBlobStore.keyOf(sha256);
      const target = path.join(this.root, key);
      const targetDir = path.dirname(target);
      await this.mkdirDurably(targetDir);
      // Same address, same bytes: a blob already there (an earlier or a racing put) stays,
      // made new again so that the sweep leaves it to the receipt about to refer to it.
      const created = !(await this.touch(target));
      if (created) {
        await fs.promises.rename(tmp, target);
        await fsyncDirectory(targetDir);
        this.rememberCreated(sha256, (await fs.promises.stat(target)).mtimeMs);
      } else {
        await fs.promises.rm(tmp, { force: true });
      }
      return { sha256, bytes, key, created };
    } catch (error) {
      // Whatever failed, the sender must not be left waiting on a stream nobody reads.
      content.destroy();
      await fs.promises.rm(tmp, { force: true });
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    if (!SHA256.test(sha256)) {
      return;
    }
    const version = this.createdVersions.get(sha256);
    this.createdVersions.delete(sha256);
    await this.removeUnlessTouched(
      path.join(this.root, LocalFolderBlobStore.keyOf(sha256)),
      mtimeMs => mtimeMs === version,
    );
  }

  /**
   * Makes an existing blob new again, so that neither `delete` nor `sweep` takes it from the
   * receipt about to refer to it; false when there is none (any more) at that address.
   */
  private async touch(file: string): Promise<boolean> {
    const now = new Date();
    try {
      await fs.promises.utimes(file, now, now);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return false;
      }
      throw error;
    }
  }

  /**
   * Removes a blob unless a put of the same bytes touched it meanwhile. The blob is first
   * moved aside (atomically, so a racing put either touched it before, or finds the address
   * free and stores its own copy), then its time is looked at: a touched blob is put back.
   */
  private async removeUnlessTouched(
    file: string,
    isStale: (mtimeMs: number) => boolean,
  ): Promise<boolean> {
    const tmpDir = path.join(this.root, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const aside = path.join(tmpDir, `${randomUUID()}.removed`);
    try {
      await fs.promises.rename(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return false;
      }
      throw error;
    }
    const { mtimeMs } = await fs.promises.stat(aside);
    if (!isStale(mtimeMs)) {
      try {
        await fs.promises.link(aside, file);
      } catch (error) {
        // A racing put stored the same bytes again: its copy stays.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw error;
        }
      }
      await fs.promises.rm(aside, { force: true });
      return false;
    }
    await fs.promises.rm(aside, { force: true });
    return true;
  }

  /**
   * Removes `tmp/` files older than `temporaryOlderThan` (puts of a backend that was killed), and blobs
   * older than it that no receipt refers to (an upload whose row was never written).
   */
  async sweep(options: {
    olderThan: Date;
    temporaryOlderThan: Date;
    isReferenced: (sha256s: string[]) => Promise<Set<string>>;
  }): Promise<FleetBlobSweepResult> {
    const cutoff = options.olderThan.getTime();
    const result: FleetBlobSweepResult = {
      temporaryFilesRemoved: 0,
      orphanBlobsRemoved: 0,
      blobsKept: 0,
    };
    const tmpDir = path.join(this.root, 'tmp');
    for (const name of await this.listFolder(tmpDir)) {
      if (
        await this.isOlder(
          path.join(tmpDir, name),
          options.temporaryOlderThan.getTime(),
        )
      ) {
        await fs.promises.rm(path.join(tmpDir, name), { force: true });
        result.temporaryFilesRemoved += 1;
      }
    }
    const candidates: string[] = [];
    const sha256Dir = path.join(this.root, 'sha256');
    for (const prefix of await this.listFolder(sha256Dir)) {
      for (const name of await this.listFolder(path.join(sha256Dir, prefix))) {
        if (!SHA256.test(name)) {
          continue;
        }
        if (
          await this.isOlder(
            path.join(this.root, LocalFolderBlobStore.keyOf(name)),
            cutoff,
          )
        ) {
          candidates.push(name);
        } else {
          result.blobsKept += 1;
        }
      }
    }
    for (let at = 0; at < candidates.length; at += SWEEP_BATCH) {
      const batch = candidates.slice(at, at + SWEEP_BATCH);
      const referenced = await options.isReferenced(batch);
      for (const sha256 of batch) {
        const file = path.join(this.root, LocalFolderBlobStore.keyOf(sha256));
        // Checked again: a put of the same bytes since the listing makes it new.
        if (
          !referenced.has(sha256) &&
          (await this.removeUnlessTouched(file, mtimeMs => mtimeMs < cutoff))
        ) {
          result.orphanBlobsRemoved += 1;
        } else {
          result.blobsKept += 1;
        }
      }
    }
    return result;
  }

  private async listFolder(dir: string): Promise<string[]> {
    try {
      return await fs.promises.readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
  }

  /** Whether a file was last modified before `cutoff`; a file gone meanwhile is not. */
  private async isOlder(file: string, cutoff: number): Promise<boolean> {
    try {
      return (await fs.promises.stat(file)).mtimeMs < cutoff;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return false;
      }
      throw error;
    }
  }

  async get(sha256: string): Promise<Readable | undefined> {
    if (!SHA256.test(sha256)) {
      return undefined;
    }
    const file = path.join(this.root, LocalFolderBlobStore.keyOf(sha256));
    try {
      const handle = await fs.promises.open(file, 'r');
      return handle.createReadStream({ highWaterMark: 1024 * 1024 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (
      SHA256.test(sha256) &&
      this.exists(path.join(this.root, LocalFolderBlobStore.keyOf(sha256)))
    );
  }

  private async exists(file: string): Promise<boolean> {
    try {
      await fs.promises.access(file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return false;
      }
      throw error;
    }
  }

  /** Creates a folder and fsyncs the parents of what it created, so the entries survive. */
  private async mkdirDurably(dir: string): Promise<void> {
    const created = await fs.promises.mkdir(dir, { recursive: true });
    if (!created) {
      return;
    }
    for (let at = dir; ; at = path.dirname(at)) {
      await fsyncDirectory(path.dirname(at));
      if (at === created || path.dirname(at) === at) {
        break;
      }
    }
  }
}
