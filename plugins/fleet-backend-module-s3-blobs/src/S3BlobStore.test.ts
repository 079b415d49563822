import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { S3BlobStore } from './S3BlobStore';
import {
  BUCKET,
  startS3Server,
  TEST_CREDENTIALS,
} from './__testUtils__/s3Server';

jest.setTimeout(60_000);

const sha256 = (data: Buffer) =>
  createHash('sha256').update(data).digest('hex');

/** `data` in chunks of `size` bytes, as an upload arrives. */
function chunked(data: Buffer, size = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) {
    chunks.push(data.subarray(at, at + size));
  }
  return Readable.from(chunks);
}

/** A stream that sends `before` and then fails, as a cut connection does. */
function failingAfter(before: Buffer, error: Error): Readable {
  async function* generate() {
    yield* chunked(before);
    throw error;
  }
  return Readable.from(generate());
}

describe('S3BlobStore', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let test = 0;
  let prefix: string;
  let store: S3BlobStore;
  let commands: string[];

  beforeAll(async () => {
    s3 = await startS3Server();
  });

  afterAll(async () => {
    await s3.stop();
  });

  beforeEach(() => {
    // Each test in its own folder of the bucket, so listings show only its own objects.
    test += 1;
    prefix = `test-${test}/`;
    const client = s3.client();
    commands = client.commands;
    store = new S3BlobStore({ client: client.s3, bucket: BUCKET, prefix });
  });

  const count = (command: string) =>
    commands.filter(name => name === command).length;

  it('stores streamed content under its SHA-256 and reads it back', async () => {
    const content = Buffer.from('{"d":1}\n{"d":2}\n');
    const blob = await store.put(
      Readable.from([content.subarray(0, 8), content.subarray(8)]),
    );
    const hash = sha256(content);
    expect(blob).toEqual({
      sha256: hash,
      bytes: 16,
      key: `${prefix}sha256/${hash.slice(0, 2)}/${hash}`,
    });
    expect(await s3.keys(prefix)).toEqual([blob.key]);
    expect(await store.has(hash)).toBe(true);
    expect(await buffer((await store.get(hash))!)).toEqual(content);
  });

  it('stores an empty blob', async () => {
    const blob = await store.put(Readable.from([]));
    expect(blob.sha256).toBe(sha256(Buffer.alloc(0)));
    expect(blob.bytes).toBe(0);
    expect(await s3.keys(prefix)).toEqual([blob.key]);
    expect(await buffer((await store.get(blob.sha256))!)).toEqual(
      Buffer.alloc(0),
    );
  });

  it('uploads a large blob in parts, never whole', async () => {
    const content = randomBytes(12 * 1024 * 1024);
    const blob = await store.put(chunked(content));
    expect(blob.sha256).toBe(sha256(content));
    expect(blob.bytes).toBe(content.length);
    expect(count('CreateMultipartUploadCommand')).toBe(1);
    expect(count('UploadPartCommand')).toBe(2);
    expect(count('CompleteMultipartUploadCommand')).toBe(1);
    expect(count('PutObjectCommand')).toBe(0);
    expect(await s3.keys(prefix)).toEqual([blob.key]);
    // Compared by hash: a byte-wise diff of 12 MB is slow to compute.
    const readBack = await buffer((await store.get(blob.sha256))!);
    expect(sha256(readBack)).toBe(sha256(content));
  });

  it('keeps one object for the same bytes stored twice', async () => {
    const content = Buffer.from('same bytes');
    const first = await store.put(Readable.from([content]));
    const again = await store.put(Readable.from([content]));
    expect(again).toEqual(first);
    // The second put finds the blob and does not copy it again.
    expect(count('CopyObjectCommand')).toBe(1);
    expect(await s3.keys(prefix)).toEqual([first.key]);
  });

  it('keeps one object when puts of the same bytes race', async () => {
    const content = randomBytes(256 * 1024);
    const puts = await Promise.all(
      Array.from({ length: 5 }, () => store.put(chunked(content))),
    );
    expect(new Set(puts.map(put => put.key)).size).toBe(1);
    expect(puts[0].sha256).toBe(sha256(content));
    expect(await s3.keys(prefix)).toEqual([puts[0].key]);
    expect(await buffer((await store.get(puts[0].sha256))!)).toEqual(content);
  });

  it('rejects with the stream error and leaves nothing when a small upload is cut', async () => {
    const cut = new Error('connection reset');
    await expect(
      store.put(failingAfter(Buffer.from('partial'), cut)),
    ).rejects.toBe(cut);
    expect(await s3.keys(prefix)).toEqual([]);
    expect(await store.has(sha256(Buffer.from('partial')))).toBe(false);
  });

  it('rejects with the stream error and aborts the multipart upload when a large upload is cut', async () => {
    const cut = new Error('connection reset');
    const partial = randomBytes(9 * 1024 * 1024);
    await expect(store.put(failingAfter(partial, cut))).rejects.toBe(cut);
    // A part had been uploaded; the multipart upload is abandoned, not completed. (s3rver
    // does not implement AbortMultipartUpload; the store still rejects with the cut.)
    expect(count('UploadPartCommand')).toBeGreaterThanOrEqual(1);
    expect(count('AbortMultipartUploadCommand')).toBe(1);
    expect(count('CompleteMultipartUploadCommand')).toBe(0);
    expect(count('CopyObjectCommand')).toBe(0);
    expect(await s3.keys(prefix)).toEqual([]);
  });

  it('destroys the stream it was given when the store itself fails', async () => {
    const client = s3.client();
    const broken = new S3BlobStore({
      client: client.s3,
      bucket: 'no-such-bucket',
    });
    // An endless stream: put must not wait for it to end.
    const endless = new Readable({
      read() {
        this.push(randomBytes(64 * 1024));
      },
    });
    await expect(broken.put(endless)).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    expect(endless.destroyed).toBe(true);
  });

  it('answers undefined for unknown or malformed addresses', async () => {
    expect(await store.get(sha256(Buffer.from('nothing')))).toBeUndefined();
    expect(await store.has(sha256(Buffer.from('nothing')))).toBe(false);
    const sent = commands.length;
    expect(await store.get('../../etc/passwd')).toBeUndefined();
    expect(await store.has('../../etc/passwd')).toBe(false);
    // A malformed address is never sent to S3.
    expect(commands.length).toBe(sent);
  });

  it('reports a missing bucket rather than a missing blob', async () => {
    const broken = new S3BlobStore({
      client: s3.client().s3,
      bucket: 'no-such-bucket',
    });
    await expect(
      broken.get(sha256(Buffer.from('nothing'))),
    ).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('is made from config, and logs where journals go but never a key', async () => {
    const logger = mockServices.logger.mock();
    const configured = S3BlobStore.fromConfig(
      new ConfigReader({
        fleet: {
          journals: {
            blobStore: {
              s3: {
                bucket: BUCKET,
                prefix: prefix,
                endpoint: s3.endpoint,
                forcePathStyle: true,
                credentials: TEST_CREDENTIALS,
              },
            },
          },
        },
      }),
      { logger },
    );
    expect(logger.info).toHaveBeenCalledWith(
      `Fleet journals are kept in S3 bucket ${BUCKET} under ${prefix} at ${s3.endpoint}, with the configured access key`,
    );
    const logged = JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
    ]);
    expect(logged).not.toContain(TEST_CREDENTIALS.secretAccessKey);

    const blob = await configured.put(Readable.from([Buffer.from('config')]));
    expect(await s3.keys(prefix)).toEqual([blob.key]);
  });
});
