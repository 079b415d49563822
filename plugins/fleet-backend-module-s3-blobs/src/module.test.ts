import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module exists to plug into this plugin; only the real plugin shows it does (a dev
// dependency, used by tests alone).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import fleetPlugin from '@fleetdeck/plugin-fleet-backend';
import fleetModuleS3Blobs from './index';
import {
  BUCKET,
  startS3Server,
  TEST_CREDENTIALS,
} from './__testUtils__/s3Server';
import { DEPLOYMENT } from './__testUtils__/deployment';

jest.setTimeout(60_000);

const sha256 = (data: Buffer) =>
  createHash('sha256').update(data).digest('hex');

const JOURNALS = '/api/fleet/deployments/default/acme-prod/journals';

/** A billing journal: its initialisation line, then records, unique bytes each time. */
function journal(records: number): Buffer {
  const line = (d: string) =>
    `${JSON.stringify({ d, s: randomBytes(48).toString('base64') })}\n`;
  return Buffer.from(
    line(`init ${randomBytes(8).toString('hex')}`) +
      Array.from({ length: records }, () =>
        line(randomBytes(96).toString('base64')),
      ).join(''),
  );
}

/** The fleet backend with this module, its journals in the given S3 settings. */
function startFleet(s3: object) {
  const hour = { hours: 1 };
  return startTestBackend({
    features: [
      fleetPlugin,
      fleetModuleS3Blobs,
      catalogServiceMock.factory({ entities: [DEPLOYMENT] }),
      mockServices.scheduler.factory(),
      mockServices.rootConfig.factory({
        data: {
          fleet: {
            status: {
              schedule: { frequency: hour, timeout: hour, initialDelay: hour },
            },
            journals: { blobStore: { s3 } },
          },
        },
      }),
    ],
  });
}

describe('fleetModuleS3Blobs', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;

  beforeAll(async () => {
    s3 = await startS3Server();
  });

  afterAll(async () => {
    await s3.stop();
  });

  it('keeps the journals of the fleet backend in the bucket', async () => {
    const { server } = await startFleet({
      bucket: BUCKET,
      prefix: 'fleet/journals',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    const auth = mockCredentials.user.header();
    const content = journal(20);
    const hash = sha256(content);

    const uploaded = await request(server)
      .post(JOURNALS)
      .query({ fileName: 'journal-20261120-020000' })
      .set('Authorization', auth)
      .set('Content-Type', 'application/octet-stream')
      .send(content);
    expect(uploaded.status).toBe(201);
    const [receipt] = uploaded.body.receipts;
    expect(receipt).toMatchObject({ sha256: hash, bytes: content.length });

    // The blob is in the bucket under its address, and nothing else is.
    expect(await s3.keys('fleet/')).toEqual([
      `fleet/journals/sha256/${hash.slice(0, 2)}/${hash}`,
    ]);

    const downloaded = await request(server)
      .get(`${JOURNALS}/${receipt.id}/content`)
      .set('Authorization', auth)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(downloaded.status).toBe(200);
    expect(downloaded.body).toEqual(content);
  });

  it('leaves nothing in the bucket for a journal refused halfway', async () => {
    const { server } = await startFleet({
      bucket: BUCKET,
      prefix: 'refused',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    // Over 8 MiB of valid lines first, so the store has started its multipart upload
    // when the bad line arrives.
    const content = Buffer.concat([journal(48_000), Buffer.from('not json\n')]);
    expect(content.length).toBeGreaterThan(9 * 1024 * 1024);
    const refused = await request(server)
      .post(JOURNALS)
      .set('Authorization', mockCredentials.user.header())
      .set('Content-Type', 'application/octet-stream')
      .send(content);
    expect(refused.status).toBe(400);
    expect(await s3.keys('refused/')).toEqual([]);
  });

  it('refuses to start without a bucket, saying which key to set', async () => {
    await expect(
      startFleet({ endpoint: s3.endpoint, forcePathStyle: true }),
    ).rejects.toThrow(/fleet\.journals\.blobStore\.s3\.bucket is required/);
  });
});
