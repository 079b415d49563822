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
    expect(again).toEqual(puts[0]);
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
});
