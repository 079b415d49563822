import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  DeploymentStatus,
  JournalReceipt,
  JournalReceiptPage,
  JournalUploadResponse,
} from '@fleetdeck/plugin-fleet-common';
import type { Knex } from 'knex';
import { JOURNAL_INBOX_TASK_ID } from '../service/tasks/journalInboxTask';
import {
  gzip,
  initOnlyJournal,
  journal,
  journalLine,
  sha256,
  tarOf,
  volumeBackup,
} from './__testUtils__/fixtures';
import { startFleetBackend } from '../__testUtils__/startFleetBackend';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const LIMITS = {
  maxUploadBytes: 256 * 1024,
  maxInflatedBytes: 1024 * 1024,
  maxInflationRatio: 200,
  maxLineBytes: 4096,
};

/** Example deployments (examples/fleet/deployments.yaml) by billing set-up. */
const ONE_REPLICA = 'northwind-health-dr'; // journal, 1 replica (EBS)
const TWO_REPLICAS = 'northwind-health-prod'; // journal, 2 replicas (EFS)
const THREE_REPLICAS = 'harbor-trust-bank-prod'; // journal, 3 replicas (EBS)
const NO_JOURNAL = 'lumen-captions-live'; // billing by license server

const journalsUrl = (name: string) =>
  `/api/fleet/deployments/default/${name}/journals`;

async function startFleet(
  knex: Knex,
  options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
) {
  const hour = { hours: 1 };
  const { server, dir, scheduler, auth } = await startFleetBackend({
    knex,
    permission: options.permission,
    config: {
      status: {
        schedule: { frequency: hour, timeout: hour, initialDelay: hour },
      },
      journals: LIMITS,
    },
  });
  const upload = (
    name: string,
    body: Buffer,
    query: Record<string, string> = {},
  ) =>
    request(server)
      .post(journalsUrl(name))
      .query(query)
      .set('Authorization', auth)
      .set('Content-Type', 'application/octet-stream')
      .send(body);
  const get = (url: string) =>
    request(server).get(url).set('Authorization', auth);
  return { server, dir, upload, get, scheduler };
}

/** Every file under a folder, relative, sorted. */
function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) {
    return [];
  }
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter(file => fs.statSync(path.join(root, file)).isFile())
    .map(file => file.split(path.sep).join('/'))
    .sort();
}

describe('journal intake', () => {
  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let fleet: Awaited<ReturnType<typeof startFleet>>;

    const receiptRows = async (name: string) =>
      knex('fleet_journal_receipts').where(
        'entity_ref',
        `customerdeployment:default/${name}`,
      );

    /** Runs a refused upload and checks that no receipt was recorded. */
    const refused = async (
      name: string,
      body: Buffer,
      query: Record<string, string> = {},
    ) => {
      const before = (await receiptRows(name)).length;
      const response = await fleet.upload(name, body, query);
      expect((await receiptRows(name)).length).toBe(before);
      return {
        status: response.status,
        message: response.body.error?.message as string,
      };
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      fleet = await startFleet(knex);
    });

    describe('raw journals', () => {
      it('receives the journal of a single-replica deployment and flips its status', async () => {
        const before = (
          await fleet.get(`/api/fleet/deployments/default/${ONE_REPLICA}`)
        ).body as DeploymentStatus;
        expect(before.journal.replicas[0].lastReceivedAt).toBeUndefined();

        const content = journal(5);
        const response = await fleet.upload(ONE_REPLICA, content, {
          fileName: 'journal-20261120-020000',
        });
        expect(response.status).toBe(201);
        const { receipts } = response.body as JournalUploadResponse;
        expect(receipts).toEqual([
          {
            id: expect.any(String),
            entityRef: `customerdeployment:default/${ONE_REPLICA}`,
            replica: 'deepgram-billing-0',
            sha256: sha256(content),
            bytes: content.length,
            lines: 6,
            capturedAt: '2026-11-20T02:00:00.000Z',
            receivedAt: expect.any(String),
            warnings: [],
            source: 'upload',
            fileName: 'journal-20261120-020000',
            duplicate: false,
          },
        ]);

        // Blob first, then the row: the blob is there, byte for byte.
        const blob = path.join(
          fleet.dir.resolve('blobs'),
          'sha256',
          receipts[0].sha256.slice(0, 2),
          receipts[0].sha256,
        );
        expect(fs.readFileSync(blob)).toEqual(content);
        expect(filesUnder(fleet.dir.resolve('blobs/tmp'))).toEqual([]);

        const after = (
          await fleet.get(`/api/fleet/deployments/default/${ONE_REPLICA}`)
        ).body as DeploymentStatus;
        expect(after.journal.status).toBe('fresh');
        expect(after.journal.replicas[0]).toMatchObject({
          name: 'deepgram-billing-0',
          status: 'fresh',
          lastReceivedAt: receipts[0].receivedAt,
          capturedAt: '2026-11-20T02:00:00.000Z',
        });
      });

      it('answers 200 and the same receipt for the same bytes', async () => {
        const content = journal();
        const first = await fleet.upload(ONE_REPLICA, content);
        const second = await fleet.upload(ONE_REPLICA, content, {
          fileName: 'again.journal',
        });
        expect(first.status).toBe(201);
        expect(second.status).toBe(200);
        expect(second.body.receipts).toEqual([
          { ...first.body.receipts[0], duplicate: true },
        ]);
        const rows = (await receiptRows(ONE_REPLICA)).filter(
          row => row.sha256 === sha256(content),
        );
        expect(rows).toHaveLength(1);
      });

      it('makes one receipt of two identical uploads that race', async () => {
        const content = journal(50);
        const responses = await Promise.all([
          fleet.upload(THREE_REPLICAS, content, {
            replica: 'deepgram-billing-2',
          }),
          fleet.upload(THREE_REPLICAS, content, {
            replica: 'deepgram-billing-2',
          }),
        ]);
        expect(responses.map(r => r.status).sort()).toEqual([200, 201]);
        expect(new Set(responses.map(r => r.body.receipts[0].id)).size).toBe(1);
        expect(responses.map(r => r.body.receipts[0].duplicate).sort()).toEqual(
          [false, true],
        );
        const rows = (await receiptRows(THREE_REPLICAS)).filter(
          row => row.sha256 === sha256(content),
        );
        expect(rows).toHaveLength(1);
      });

      it('takes the replica from ?replica when the deployment has several', async () => {
        const content = journal();
        const response = await fleet.upload(TWO_REPLICAS, content, {
          replica: 'deepgram-billing-1',
        });
        expect(response.status).toBe(201);
        expect(response.body.receipts[0].replica).toBe('deepgram-billing-1');
      });

      it('accepts a journal holding only its initialisation line, with a warning', async () => {
        const response = await fleet.upload(ONE_REPLICA, initOnlyJournal());
        expect(response.status).toBe(201);
        expect(response.body.receipts[0]).toMatchObject({
          lines: 1,
          warnings: ['billing-inactive'],
        });
      });

      it('accepts a gzipped journal and stores it inflated', async () => {
        const content = journal();
        const response = await fleet.upload(ONE_REPLICA, gzip(content));
        expect(response.status).toBe(201);
        expect(response.body.receipts[0]).toMatchObject({
          sha256: sha256(content),
          bytes: content.length,
        });
      });

      it('skips blank lines and accepts a last line without a newline', async () => {
        const content = Buffer.from(
          `${journalLine()}\n  \r\n${journalLine().trimEnd()}`,
        );
        const response = await fleet.upload(ONE_REPLICA, content);
        expect(response.status).toBe(201);
        expect(response.body.receipts[0].lines).toBe(2);
      });
    });

    describe('backup archives', () => {
      it('reads a per-pod volume backup (./journal) for the replica named', async () => {
        const content = journal();
        const archive = await volumeBackup({ journal: content });
        const response = await fleet.upload(TWO_REPLICAS, archive, {
          replica: 'deepgram-billing-0',
          fileName: 'journal-20261121-020304.tar.gz',
        });
        expect(response.status).toBe(201);
        expect(response.body.receipts).toEqual([
          expect.objectContaining({
            replica: 'deepgram-billing-0',
            sha256: sha256(content),
            bytes: content.length,
            lines: 4,
            capturedAt: '2026-11-21T02:03:04.000Z',
            fileName: 'journal-20261121-020304.tar.gz:journal',
            duplicate: false,
          }),
        ]);
      });

      it('reads a per-pod volume backup of a single-replica deployment without ?replica', async () => {
        const archive = await volumeBackup({
          journal: journal(),
          'lost+found/.keep': Buffer.alloc(0),
        });
        // lost+found holds a file here: refused, as it is not a journal.
        const refusal = await refused(ONE_REPLICA, archive);
        expect(refusal.status).toBe(400);
        expect(refusal.message).toMatch(
          /lost\+found\/\.keep is not a billing journal/,
        );

        const clean = await volumeBackup({ journal: journal() });
        const response = await fleet.upload(ONE_REPLICA, clean);
        expect(response.status).toBe(201);
        expect(response.body.receipts[0].replica).toBe('deepgram-billing-0');
      });

      it('reads a shared volume backup (journal-<pod>/journal), one receipt per replica', async () => {
        const mtime = new Date('2026-11-19T23:59:58Z');
        const journals = {
          'journal-deepgram-billing-0/journal': journal(2),
          'journal-deepgram-billing-1/journal': initOnlyJournal(),
        };
        const archive = await volumeBackup(journals, mtime);
        const response = await fleet.upload(TWO_REPLICAS, archive, {
          fileName: 'backup.tgz',
        });
        expect(response.status).toBe(201);
        expect(response.body.receipts).toEqual([
          expect.objectContaining({
            replica: 'deepgram-billing-0',
            sha256: sha256(journals['journal-deepgram-billing-0/journal']),
            lines: 3,
            warnings: [],
            capturedAt: mtime.toISOString(),
            fileName: 'backup.tgz:journal-deepgram-billing-0/journal',
          }),
          expect.objectContaining({
            replica: 'deepgram-billing-1',
            lines: 1,
            warnings: ['billing-inactive'],
          }),
        ]);

        const status = (
          await fleet.get(`/api/fleet/deployments/default/${TWO_REPLICAS}`)
        ).body as DeploymentStatus;
        expect(status.journal.replicas.map(r => r.lastReceivedAt)).toEqual([
          response.body.receipts[0].receivedAt,
          response.body.receipts[1].receivedAt,
        ]);

        // The same archive again: nothing new.
        const again = await fleet.upload(TWO_REPLICAS, archive);
        expect(again.status).toBe(200);
        expect(
          again.body.receipts.map((r: { duplicate: boolean }) => r.duplicate),
        ).toEqual([true, true]);
      });

      it('accepts <pod>/journal and an uncompressed tar', async () => {
        const archive = tarOf([
          { path: 'deepgram-billing-2/', type: 'Directory' },
          { path: 'deepgram-billing-2/journal', content: journal() },
        ]);
        const response = await fleet.upload(THREE_REPLICAS, archive);
        expect(response.status).toBe(201);
        expect(response.body.receipts[0]).toMatchObject({
          replica: 'deepgram-billing-2',
          capturedAt: '2026-11-20T02:00:00.000Z',
        });
      });
    });

    describe('refuses bad input with a message that says what to fix, and stores nothing', () => {
      it('an empty journal', async () => {
        expect(await refused(ONE_REPLICA, Buffer.alloc(0))).toEqual({
          status: 400,
          message: expect.stringMatching(
            /^The journal is empty: the billing container may not be running/,
          ),
        });
        const archive = await volumeBackup({
          'journal-deepgram-billing-0/journal': journal(),
          'journal-deepgram-billing-1/journal': Buffer.alloc(0),
        });
        expect(await refused(TWO_REPLICAS, archive)).toEqual({
          status: 400,
          message: expect.stringMatching(
            /journal-deepgram-billing-1\/journal: the journal is empty: the billing container may not be running/,
          ),
        });
      });

      it('a line that is not JSON, by its number', async () => {
        const content = Buffer.from(
          `${journalLine()}${journalLine()}{"d":"x","s":\n${journalLine()}`,
        );
        expect(await refused(ONE_REPLICA, content)).toEqual({
          status: 400,
          message: expect.stringMatching(/^Line 3 is not JSON \(/),
        });
        expect(
          await refused(ONE_REPLICA, Buffer.from(`${journalLine()}[1,2]\n`)),
        ).toEqual({
          status: 400,
          message: expect.stringMatching(/^Line 2 is JSON but not an object/),
        });
        expect(
          await refused(ONE_REPLICA, Buffer.from(`${journalLine()}{"d":"cut`), {
            fileName: 'billing-journal.backup',
          }),
        ).toEqual({
          status: 400,
          message: expect.stringMatching(
            /^billing-journal.backup: line 2, the last one, is not JSON and does not end with a newline .*copy it again/,
          ),
        });
        const archive = await volumeBackup({
          journal: Buffer.from(`${journalLine()}not json\n`),
        });
        expect(await refused(ONE_REPLICA, archive)).toEqual({
          status: 400,
          message: expect.stringMatching(/journal: line 2 is not JSON/),
        });
      });

      it('a line longer than the limit', async () => {
        const long = Buffer.from(
          `${JSON.stringify({ d: 'x'.repeat(LIMITS.maxLineBytes), s: '' })}\n`,
        );
        expect(await refused(ONE_REPLICA, long)).toEqual({
          status: 400,
          message: expect.stringMatching(
            /^Line 1 is longer than 4 KiB \(fleet.journals.maxLineBytes\)/,
          ),
        });
      });

      it('truncated gzip and truncated tar', async () => {
        const archive = await volumeBackup({ journal: journal(200) });
        const cut = archive.subarray(0, Math.floor(archive.length / 2));
        expect(
          await refused(ONE_REPLICA, cut, {
            fileName: 'journal-20261120-020000.tar.gz',
          }),
        ).toEqual({
          status: 400,
          message:
            'journal-20261120-020000.tar.gz is truncated: its gzip data ends unexpectedly. The copy is incomplete; copy the archive again',
        });

        const tar = tarOf([{ path: 'journal', content: journal(200) }]);
        const cutInEntry = tar.subarray(0, 512 + 4000);
        expect(await refused(ONE_REPLICA, cutInEntry)).toEqual({
          status: 400,
          message: expect.stringMatching(
            /^The upload is truncated: Truncated input .*copy the archive again/,
          ),
        });
        expect(await refused(ONE_REPLICA, gzip(cutInEntry))).toEqual({
          status: 400,
          message: expect.stringMatching(/^The upload is truncated/),
        });
        // Complete entries, but no end-of-archive blocks.
        const withoutEnd = tar.subarray(0, tar.length - 1024);
        expect(await refused(ONE_REPLICA, gzip(withoutEnd))).toEqual({
          status: 400,
          message: expect.stringMatching(
            /ends without its end-of-archive marker/,
          ),
        });
      });

      it('entries with absolute paths, .., links or devices', async () => {
        const cases: Array<[Parameters<typeof tarOf>[0][number], RegExp]> = [
          [
            { path: '/journal/journal', content: journal() },
            /\/journal\/journal has an absolute path/,
          ],
          [
            {
              path: 'journal-deepgram-billing-0/../../journal',
              content: journal(),
            },
            /has `\.\.` in its path/,
          ],
          [
            { path: 'journal', type: 'SymbolicLink', linkpath: '/etc/passwd' },
            /journal is a symbolic link/,
          ],
          [
            { path: 'journal', type: 'Link', linkpath: 'other' },
            /journal is a hard link/,
          ],
          [
            { path: 'journal', type: 'CharacterDevice' },
            /journal is a character device/,
          ],
          [
            { path: 'journal', type: 'BlockDevice' },
            /journal is a block device/,
          ],
          [{ path: 'journal', type: 'FIFO' }, /journal is a FIFO/],
        ];
        for (const [entry, message] of cases) {
          const archive = gzip(tarOf([entry]));
          const refusal = await refused(ONE_REPLICA, archive);
          expect(refusal.status).toBe(400);
          expect(refusal.message).toMatch(message);
          expect(refusal.message).toMatch(/nothing was stored/);
        }
      });

      it('entries that match no billing replica, by name', async () => {
        const archive = await volumeBackup({
          'journal-deepgram-billing-0/journal': journal(),
          'journal-deepgram-billing-7/journal': journal(),
        });
        expect(await refused(TWO_REPLICAS, archive)).toEqual({
          status: 400,
          message: `The upload was refused and nothing was stored: journal-deepgram-billing-7/journal is the journal of deepgram-billing-7, which is not a billing replica of customerdeployment:default/${TWO_REPLICAS} (its replicas: deepgram-billing-0, deepgram-billing-1)`,
        });
        // A bare `journal` for a deployment with several replicas, without ?replica.
        const bare = await volumeBackup({ journal: journal() });
        const refusal = await refused(TWO_REPLICAS, bare);
        expect(refusal.status).toBe(400);
        expect(refusal.message).toMatch(
          /journal does not say which billing replica it belongs to.*\?replica=deepgram-billing-N/,
        );
        // ?replica that is not a replica.
        expect(
          await refused(TWO_REPLICAS, journal(), {
            replica: 'deepgram-billing-5',
          }),
        ).toEqual({
          status: 400,
          message: `deepgram-billing-5 is not a billing replica of customerdeployment:default/${TWO_REPLICAS}; its replicas are deepgram-billing-0, deepgram-billing-1`,
        });
        // A raw journal for a deployment with several replicas, without ?replica.
        const raw = await refused(TWO_REPLICAS, journal());
        expect(raw.status).toBe(400);
        expect(raw.message).toMatch(
          /has 2 billing replicas \(deepgram-billing-0, deepgram-billing-1\); say which one/,
        );
        // Two journals for the same replica.
        const twice = gzip(
          tarOf([
            { path: 'journal', content: journal() },
            { path: 'journal-deepgram-billing-0/journal', content: journal() },
          ]),
        );
        expect((await refused(ONE_REPLICA, twice)).message).toMatch(
          /journal-deepgram-billing-0\/journal is a second journal for deepgram-billing-0, after journal/,
        );
      });

      it('an archive holding no journal, or other files', async () => {
        const none = gzip(tarOf([{ path: './', type: 'Directory' }]));
        expect((await refused(ONE_REPLICA, none)).message).toMatch(
          /^The upload holds no billing journal/,
        );
        const models = gzip(
          tarOf([
            { path: 'journal', content: journal() },
            { path: 'models/en.dg', content: Buffer.from('weights') },
          ]),
        );
        expect((await refused(ONE_REPLICA, models)).message).toMatch(
          /models\/en\.dg is not a billing journal/,
        );
      });

      it('all entries or none: one bad entry keeps the good ones out', async () => {
        const good = journal();
        const archive = await volumeBackup({
          'journal-deepgram-billing-0/journal': good,
          'journal-deepgram-billing-1/journal': Buffer.from('{"d":\n'),
        });
        const refusal = await refused(TWO_REPLICAS, archive);
        expect(refusal.status).toBe(400);
        const rows = (await receiptRows(TWO_REPLICAS)).filter(
          row => row.sha256 === sha256(good),
        );
        expect(rows).toEqual([]);
      });

      it('archives that inflate past the limit (413)', async () => {
        // Compresses to a few kB, inflates past 1 MiB.
        const bomb = gzip(
          tarOf([
            {
              path: 'journal',
              content: Buffer.from(
                `${`{"d":"${'a'.repeat(2000)}","s":"b"}\n`.repeat(1000)}`,
              ),
            },
          ]),
        );
        expect(bomb.length).toBeLessThan(LIMITS.maxUploadBytes);
        expect(await refused(ONE_REPLICA, bomb)).toEqual({
          status: 413,
          message: expect.stringMatching(
            /^The upload inflates to more than 1 MiB \(fleet.journals.maxInflatedBytes\)/,
          ),
        });
      });

      it('uploads over the limit (413), declared or streamed', async () => {
        const big = Buffer.alloc(LIMITS.maxUploadBytes + 1, 0x20);
        expect(await refused(ONE_REPLICA, big)).toEqual({
          status: 413,
          message: expect.stringMatching(
            /^The upload is larger than 256 KiB \(fleet.journals.maxUploadBytes\)/,
          ),
        });

        // Chunked, without a Content-Length: refused once the limit is passed.
        const { port } = fleet.server.address() as AddressInfo;
        const line = Buffer.from(journalLine());
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent > LIMITS.maxUploadBytes * 2) {
              controller.close();
              return;
            }
            sent += line.length * 100;
            controller.enqueue(Buffer.concat(Array(100).fill(line)));
          },
        });
        const before = (await receiptRows(ONE_REPLICA)).length;
        const response = await fetch(
          `http://127.0.0.1:${port}${journalsUrl(ONE_REPLICA)}`,
          {
            method: 'POST',
            headers: {
              Authorization: mockCredentials.user.header(),
              'Content-Type': 'application/octet-stream',
            },
            body,
            duplex: 'half',
          } as RequestInit,
        );
        expect(response.status).toBe(413);
        expect((await response.json()).error.message).toMatch(
          /is larger than 256 KiB/,
        );
        expect((await receiptRows(ONE_REPLICA)).length).toBe(before);
      });

      it('a deployment that does not exist (404) or does not bill by journal (400)', async () => {
        const missing = await fleet.upload('no-such-deployment', journal());
        expect(missing.status).toBe(404);
        expect(missing.body.error.message).toBe(
          'No deployment customerdeployment:default/no-such-deployment',
        );
        const other = await refused(NO_JOURNAL, journal());
        expect(other).toEqual({
          status: 400,
          message: `customerdeployment:default/${NO_JOURNAL} does not bill by journal (billing.mode: license-server), so it has no billing journals to receive`,
        });
        expect(
          (await fleet.get(`${journalsUrl('no-such-deployment')}`)).status,
        ).toBe(404);
      });

      it('uploads sent as application/json are streamed like any other', async () => {
        const content = journal();
        const response = await request(fleet.server)
          .post(journalsUrl(ONE_REPLICA))
          .set('Authorization', mockCredentials.user.header())
          .set('Content-Type', 'application/json')
          .send(content.toString('utf8'));
        expect(response.status).toBe(201);
        expect(response.body.receipts[0].sha256).toBe(sha256(content));
      });
    });

    describe('history and download', () => {
      it('lists receipts newest first, paged, per replica', async () => {
        const name = THREE_REPLICAS;
        for (const replica of ['deepgram-billing-0', 'deepgram-billing-1']) {
          const response = await fleet.upload(name, journal(), { replica });
          expect(response.status).toBe(201);
        }
        const all = (await fleet.get(`${journalsUrl(name)}?limit=500`))
          .body as JournalReceiptPage;
        expect(all.totalCount).toBe(all.items.length);
        const received = all.items.map(r => r.receivedAt);
        expect([...received].sort().reverse()).toEqual(received);

        const seen: JournalReceipt[] = [];
        let cursor: string | undefined;
        do {
          const page = (
            await fleet.get(
              `${journalsUrl(name)}?limit=1${
                cursor ? `&cursor=${cursor}` : ''
              }`,
            )
          ).body as JournalReceiptPage;
          expect(page.totalCount).toBe(all.totalCount);
          seen.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen.map(r => r.id)).toEqual(all.items.map(r => r.id));

        const one = (
          await fleet.get(`${journalsUrl(name)}?replica=deepgram-billing-1`)
        ).body as JournalReceiptPage;
        expect(one.items.length).toBeGreaterThan(0);
        expect(one.items.every(r => r.replica === 'deepgram-billing-1')).toBe(
          true,
        );

        const bad = await fleet.get(`${journalsUrl(name)}?cursor=nope`);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/Invalid cursor/);
        const badLimit = await fleet.get(`${journalsUrl(name)}?limit=0`);
        expect(badLimit.status).toBe(400);
      });

      it('downloads a journal byte for byte', async () => {
        const content = journal(20);
        const { body } = await fleet.upload(ONE_REPLICA, content);
        const receipt = (body as JournalUploadResponse).receipts[0];
        const response = await fleet
          .get(`${journalsUrl(ONE_REPLICA)}/${receipt.id}/content`)
          .buffer(true)
          .parse((res, callback) => {
            const chunks: Buffer[] = [];
            res.on('data', chunk => chunks.push(chunk));
            res.on('end', () => callback(null, Buffer.concat(chunks)));
          });
        expect(response.status).toBe(200);
        expect(response.body).toEqual(content);
        expect(response.headers['content-type']).toBe(
          'application/octet-stream',
        );
        expect(response.headers['content-disposition']).toMatch(
          new RegExp(
            `attachment; filename="${ONE_REPLICA}-deepgram-billing-0-\\d{8}\\.journal"`,
          ),
        );
        expect(response.headers['repr-digest']).toBe(
          `sha-256=:${Buffer.from(receipt.sha256, 'hex').toString('base64')}:`,
        );

        const unknown = await fleet.get(
          `${journalsUrl(ONE_REPLICA)}/no-such-receipt/content`,
        );
        expect(unknown.status).toBe(404);
        // A receipt is only found under its own deployment.
        const elsewhere = await fleet.get(
          `${journalsUrl(TWO_REPLICAS)}/${receipt.id}/content`,
        );
        expect(elsewhere.status).toBe(404);
      });
    });

    describe('inbox', () => {
      it('ingests each file once and moves it to processed/ or rejected/', async () => {
        const inbox = fleet.dir.resolve('inbox');
        const perPod = journal();
        const shared = {
          'journal-deepgram-billing-0/journal': journal(),
          'journal-deepgram-billing-1/journal': journal(),
        };
        const raw = journal();
        const write = (file: string, content: Buffer) => {
          fs.mkdirSync(path.dirname(path.join(inbox, file)), {
            recursive: true,
          });
          fs.writeFileSync(path.join(inbox, file), content);
        };
        write(
          `${THREE_REPLICAS}/deepgram-billing-1/journal-20261120-020000.tar.gz`,
          await volumeBackup({ journal: perPod }),
        );
        write(
          `default.${TWO_REPLICAS}/journal-20261120-020000.tar.gz`,
          await volumeBackup(shared),
        );
        write(`${ONE_REPLICA}/deepgram-billing-0/journal`, raw);
        write(`${ONE_REPLICA}/broken.tar.gz`, gzip(tarOf([])).subarray(0, 10));
        write(`no-such-deployment/journal`, journal());
        write(`stray-file`, journal());
        write(`${ONE_REPLICA}/.journal.partial`, journal());

        await fleet.scheduler.trigger(JOURNAL_INBOX_TASK_ID);

        expect(filesUnder(inbox)).toEqual(
          [
            `${ONE_REPLICA}/.journal.partial`,
            `processed/${ONE_REPLICA}/deepgram-billing-0/journal`,
            `processed/${THREE_REPLICAS}/deepgram-billing-1/journal-20261120-020000.tar.gz`,
            `processed/default.${TWO_REPLICAS}/journal-20261120-020000.tar.gz`,
            `rejected/${ONE_REPLICA}/broken.tar.gz`,
            `rejected/${ONE_REPLICA}/broken.tar.gz.error.txt`,
            'rejected/no-such-deployment/journal',
            'rejected/no-such-deployment/journal.error.txt',
            'rejected/stray-file',
            'rejected/stray-file.error.txt',
          ].sort(),
        );
        expect(
          fs.readFileSync(
            path.join(inbox, `rejected/${ONE_REPLICA}/broken.tar.gz.error.txt`),
            'utf8',
          ),
        ).toMatch(/broken\.tar\.gz is truncated/);
        expect(
          fs.readFileSync(
            path.join(inbox, 'rejected/no-such-deployment/journal.error.txt'),
            'utf8',
          ),
        ).toMatch(
          /No deployment customerdeployment:default\/no-such-deployment/,
        );

        const bySha = async (content: Buffer) =>
          knex('fleet_journal_receipts')
            .where('sha256', sha256(content))
            .first();
        expect(await bySha(perPod)).toMatchObject({
          replica: 'deepgram-billing-1',
          source: 'inbox',
          file_name: 'journal-20261120-020000.tar.gz:journal',
        });
        expect(
          await bySha(shared['journal-deepgram-billing-1/journal']),
        ).toMatchObject({
          entity_ref: `customerdeployment:default/${TWO_REPLICAS}`,
          replica: 'deepgram-billing-1',
        });
        expect(await bySha(raw)).toMatchObject({
          entity_ref: `customerdeployment:default/${ONE_REPLICA}`,
          source: 'inbox',
        });

        // Dropped again under the same name: one receipt, and nothing is overwritten.
        write(`${ONE_REPLICA}/deepgram-billing-0/journal`, raw);
        await fleet.scheduler.trigger(JOURNAL_INBOX_TASK_ID);
        expect(
          filesUnder(path.join(inbox, `processed/${ONE_REPLICA}`)),
        ).toEqual([
          'deepgram-billing-0/journal',
          'deepgram-billing-0/journal.1',
        ]);
        expect(
          await knex('fleet_journal_receipts').where('sha256', sha256(raw)),
        ).toHaveLength(1);
      });
    });
  });

  describe('permissions', () => {
    it('are registered with the permission framework', async () => {
      const knex = await databases.init('SQLITE_3');
      const { server } = await startFleet(knex);
      const response = await request(server)
        .get('/api/fleet/.well-known/backstage/permissions/metadata')
        .set('Authorization', mockCredentials.service.header());
      expect(response.status).toBe(200);
      expect(
        response.body.permissions.map((p: { name: string }) => p.name).sort(),
      ).toEqual([
        'fleet.artifact.read',
        'fleet.deployment.read',
        'fleet.journal.create',
        'fleet.journal.read',
        'fleet.registration.create',
        'fleet.registration.read',
        'fleet.report.create',
        'fleet.task.trigger',
      ]);
      // The resource type's rules, which a conditional policy may use.
      expect(
        response.body.rules
          .map((r: { name: string; resourceType: string }) =>
            [r.resourceType, r.name].join(' '),
          )
          .sort(),
      ).toEqual([
        'fleet-deployment HAS_CUSTOMER',
        'fleet-deployment HAS_PROFILE',
        'fleet-deployment IS_DEPLOYMENT_OWNER',
      ]);
    });

    it('deny uploads, history and downloads without them (403)', async () => {
      const knex = await databases.init('SQLITE_3');
      const fleet = await startFleet(knex, {
        permission: AuthorizeResult.DENY,
      });
      const upload = await fleet.upload(ONE_REPLICA, journal());
      expect(upload.status).toBe(403);
      expect(upload.body.error.message).toBe(
        'You may not upload billing journals (permission fleet.journal.create)',
      );
      const history = await fleet.get(journalsUrl(ONE_REPLICA));
      expect(history.status).toBe(403);
      expect(history.body.error.message).toBe(
        'You may not read billing journals (permission fleet.journal.read)',
      );
      const content = await fleet.get(`${journalsUrl(ONE_REPLICA)}/x/content`);
      expect(content.status).toBe(403);
      expect(await knex('fleet_journal_receipts')).toEqual([]);
    });
  });
});
