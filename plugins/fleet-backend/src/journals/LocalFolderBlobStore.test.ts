import { DAY_MS } from '@fleetdeck/plugin-fleet-common';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { LocalFolderBlobStore } from './LocalFolderBlobStore';

const sha256 = (data: string) =>
  createHash('sha256').update(data).digest('hex');

describe('LocalFolderBlobStore', () => {
  const dir = createMockDirectory();
  let store: LocalFolderBlobStore;

  beforeEach(() => {
    dir.clear();
    store = new LocalFolderBlobStore(dir.resolve('blobs'));
  });

  it('stores content under its SHA-256, streamed in chunks', async () => {
    const blob = await store.put(
      Readable.from([Buffer.from('{"d":1}\n'), Buffer.from('{"d":2}\n')]),
    );
    const hash = sha256('{"d":1}\n{"d":2}\n');
    expect(blob).toEqual({
      sha256: hash,
      bytes: 16,
      key: `sha256/${hash.slice(0, 2)}/${hash}`,
      created: true,
    });
    expect(fs.readFileSync(dir.resolve(`blobs/${blob.key}`), 'utf8')).toBe(
      '{"d":1}\n{"d":2}\n',
    );
    expect(await store.has(hash)).toBe(true);
    expect(await text((await store.get(hash))!)).toBe('{"d":1}\n{"d":2}\n');
    expect(fs.readdirSync(dir.resolve('blobs/tmp'))).toEqual([]);
  });

  it('keeps one blob for the same bytes, also when puts race', async () => {
    const puts = await Promise.all(
      Array.from({ length: 5 }, () =>
        store.put(Readable.from([Buffer.from('same')])),
      ),
    );
    expect(new Set(puts.map(p => p.key)).size).toBe(1);
    const again = await store.put(Readable.from([Buffer.from('same')]));
    expect(again).toEqual({ ...puts[0], created: false });
    const folder = path.dirname(dir.resolve(`blobs/${again.key}`));
    expect(fs.readdirSync(folder)).toEqual([again.sha256]);
    expect(fs.readdirSync(dir.resolve('blobs/tmp'))).toEqual([]);
  });

  it('leaves nothing behind when the stream fails', async () => {
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('connection reset');
    }
    await expect(store.put(Readable.from(failing()))).rejects.toThrow(
      'connection reset',
    );
    expect(fs.readdirSync(dir.resolve('blobs/tmp'))).toEqual([]);
    expect(fs.existsSync(dir.resolve('blobs/sha256'))).toBe(false);
    expect(await store.has(sha256('partial'))).toBe(false);
  });

  it('answers undefined for unknown or malformed addresses', async () => {
    expect(await store.get(sha256('nothing'))).toBeUndefined();
    expect(await store.get('../../etc/passwd')).toBeUndefined();
    expect(await store.has('../../etc/passwd')).toBe(false);
  });

  describe('sweep', () => {
    const longAgo = new Date(Date.now() - 2 * DAY_MS);
    const dayAgo = () => new Date(Date.now() - DAY_MS);
    const age = (file: string) => fs.utimesSync(file, longAgo, longAgo);

    it("removes a killed backend's temporary files and unreferenced blobs older than the cutoff, keeping the rest", async () => {
      const referenced = await store.put(Readable.from([Buffer.from('kept')]));
      const orphan = await store.put(Readable.from([Buffer.from('orphan')]));
      const young = await store.put(Readable.from([Buffer.from('young')]));
      fs.writeFileSync(dir.resolve('blobs/tmp/killed-put'), 'partial');
      fs.writeFileSync(dir.resolve('blobs/tmp/in-progress'), 'partial');
      for (const file of [
        `blobs/${referenced.key}`,
        `blobs/${orphan.key}`,
        'blobs/tmp/killed-put',
      ]) {
        age(dir.resolve(file));
      }
      const asked: string[] = [];
      const result = await store.sweep({
        olderThan: dayAgo(),
        temporaryOlderThan: dayAgo(),
        isReferenced: async sha256s => {
          asked.push(...sha256s);
          return new Set(sha256s.filter(s => s === referenced.sha256));
        },
      });
      expect(result).toEqual({
        temporaryFilesRemoved: 1,
        orphanBlobsRemoved: 1,
        blobsKept: 2,
      });
      expect(asked.sort()).toEqual([referenced.sha256, orphan.sha256].sort());
      expect(await store.has(referenced.sha256)).toBe(true);
      expect(await store.has(orphan.sha256)).toBe(false);
      expect(await store.has(young.sha256)).toBe(true);
      expect(fs.readdirSync(dir.resolve('blobs/tmp'))).toEqual(['in-progress']);
    });

    it('never sweeps an old blob that a put has just stored again', async () => {
      const blob = await store.put(Readable.from([Buffer.from('again')]));
      age(dir.resolve(`blobs/${blob.key}`));
      await store.put(Readable.from([Buffer.from('again')]));
      const result = await store.sweep({
        olderThan: dayAgo(),
        temporaryOlderThan: dayAgo(),
        isReferenced: async () => new Set(),
      });
      expect(result.orphanBlobsRemoved).toBe(0);
      expect(await store.has(blob.sha256)).toBe(true);
    });
  });

  it('deletes a blob by its address only', async () => {
    const blob = await store.put(Readable.from([Buffer.from('gone')]));
    await store.delete('../../etc/passwd');
    await store.delete(blob.sha256);
    expect(await store.has(blob.sha256)).toBe(false);
    await store.delete(blob.sha256);
  });

  it('keeps a blob from delete once a put of the same bytes stored it again, so a racing receipt never loses its journal', async () => {
    const first = await store.put(Readable.from([Buffer.from('raced')]));
    expect(first.created).toBe(true);
    // Another upload of the same bytes, about to record its receipt.
    const second = await store.put(Readable.from([Buffer.from('raced')]));
    expect(second.created).toBe(false);
    // The first ingest was refused and takes back what it created.
    await store.delete(first.sha256);
    expect(await text((await store.get(first.sha256))!)).toBe('raced');
    expect(fs.readdirSync(dir.resolve('blobs/tmp'))).toEqual([]);
  });

  it('leaves a blob it did not create lately to the sweep', async () => {
    const blob = await store.put(Readable.from([Buffer.from('restarted')]));
    const afterRestart = new LocalFolderBlobStore(dir.resolve('blobs'));
    await afterRestart.delete(blob.sha256);
    expect(await afterRestart.has(blob.sha256)).toBe(true);
  });
});
