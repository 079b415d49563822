import { DAY_MS, HOUR_MS } from '@fleetdeck/plugin-fleet-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { startFleetBackend } from '../__testUtils__/startFleetBackend';
import { BLOB_SWEEP_TASK_ID } from '../service/tasks/blobSweepTask';
import { gzip, journal, sha256, tarOf } from './__testUtils__/fixtures';
import { LocalFolderBlobStore } from './LocalFolderBlobStore';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const ONE_REPLICA = 'northwind-health-dr';
const TWO_REPLICAS = 'northwind-health-prod';
const journalsUrl = (name: string) =>
  `/api/fleet/deployments/default/${name}/journals`;

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

const twoDaysAgo = () => new Date(Date.now() - 2 * DAY_MS);
const twoHoursAgo = () => new Date(Date.now() - 2 * HOUR_MS);

describe.each(databases.eachSupportedId())('leftovers on %s', databaseId => {
  let knex: Knex;
  let fleet: Awaited<ReturnType<typeof startFleetBackend>>;
  const upload = (name: string, body: Buffer, query = {}) =>
    request(fleet.server)
      .post(journalsUrl(name))
      .query(query)
      .set('Authorization', fleet.auth)
      .set('Content-Type', 'application/octet-stream')
      .send(body);

  beforeEach(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    fleet = await startFleetBackend({ knex });
  });

  it("fleet-blob-sweep reclaims a killed backend's temporary files after an hour and blobs without a receipt after a day", async () => {
    const kept = journal(2);
    expect((await upload(ONE_REPLICA, kept)).status).toBe(201);
    const blobs = fleet.dir.resolve('blobs');
    const keptBlob = path.join(blobs, LocalFolderBlobStore.keyOf(sha256(kept)));
    const orphan = Buffer.from('{"d":"never recorded"}\n');
    const orphanBlob = path.join(
      blobs,
      LocalFolderBlobStore.keyOf(sha256(orphan)),
    );
    fs.mkdirSync(path.dirname(orphanBlob), { recursive: true });
    fs.writeFileSync(orphanBlob, orphan);
    // An orphan of two hours ago may still be about to get its row: kept for a day.
    const recent = Buffer.from('{"d":"recent"}\n');
    const recentBlob = path.join(
      blobs,
      LocalFolderBlobStore.keyOf(sha256(recent)),
    );
    fs.mkdirSync(path.dirname(recentBlob), { recursive: true });
    fs.writeFileSync(recentBlob, recent);
    const killed = path.join(blobs, 'tmp', 'a-killed-upload');
    const killedToday = path.join(blobs, 'tmp', 'killed-two-hours-ago');
    const inFlight = path.join(blobs, 'tmp', 'an-upload-in-flight');
    for (const file of [killed, killedToday, inFlight]) {
      fs.writeFileSync(file, 'partial');
    }
    for (const file of [keptBlob, orphanBlob, killed]) {
      fs.utimesSync(file, twoDaysAgo(), twoDaysAgo());
    }
    for (const file of [recentBlob, killedToday]) {
      fs.utimesSync(file, twoHoursAgo(), twoHoursAgo());
    }

    await fleet.scheduler.trigger(BLOB_SWEEP_TASK_ID);

    expect(filesUnder(blobs)).toEqual(
      [
        LocalFolderBlobStore.keyOf(sha256(kept)),
        LocalFolderBlobStore.keyOf(sha256(recent)),
        'tmp/an-upload-in-flight',
      ].sort(),
    );
    const content = await request(fleet.server)
      .get(`${journalsUrl(ONE_REPLICA)}`)
      .set('Authorization', fleet.auth);
    expect(content.body.items).toHaveLength(1);
  });

  it('a refused archive leaves no blob of its valid entries', async () => {
    const archive = gzip(
      tarOf([
        { path: 'journal-deepgram-billing-0/journal', content: journal() },
        {
          path: 'journal-deepgram-billing-1/journal',
          content: Buffer.from('{"d":\n'),
        },
      ]),
    );
    const response = await upload(TWO_REPLICAS, archive);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('nothing was stored');
    expect(filesUnder(fleet.dir.resolve('blobs'))).toEqual([]);
  });

  it('refuses an archive bomb by its inflation ratio after a few MiB, leaving nothing on disk (413)', async () => {
    // 64 MiB of zeros: about 64 kB gzipped, a ratio of about 1000.
    const bomb = gzip(
      tarOf([{ path: 'journal', content: Buffer.alloc(64 * 1024 ** 2) }]),
    );
    expect(bomb.length).toBeLessThan(200 * 1024);
    const response = await upload(ONE_REPLICA, bomb);
    expect(response.status).toBe(413);
    expect(response.body.error.message).toMatch(
      /^The upload inflates to more than 200 times its compressed size \(fleet.journals.maxInflationRatio\), refused after \d+(\.\d)? MiB/,
    );
    const refusedAfter = Number(
      /refused after ([\d.]+) MiB/.exec(response.body.error.message)![1],
    );
    expect(refusedAfter).toBeLessThan(50);
    expect(filesUnder(fleet.dir.resolve('blobs'))).toEqual([]);
  });

  it('refuses a tar of many entries before reading them all (413)', async () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      path: `journal-deepgram-billing-${i}/`,
      type: 'Directory' as const,
    }));
    const response = await upload(ONE_REPLICA, gzip(tarOf(entries)));
    expect(response.status).toBe(413);
    expect(response.body.error.message).toBe(
      'The upload holds more than 1024 entries; an archive of billing journals holds one journal per replica, so check what was archived',
    );
    expect(filesUnder(fleet.dir.resolve('blobs'))).toEqual([]);
  });

  it('answers a database outage with 503, never naming the database', async () => {
    await knex.destroy();
    for (const response of [
      await upload(ONE_REPLICA, journal()),
      await request(fleet.server)
        .get('/api/fleet/deployments')
        .set('Authorization', fleet.auth),
    ]) {
      expect(response.status).toBe(503);
      expect(response.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: 'The fleet database is unavailable; try again shortly',
      });
      expect(JSON.stringify(response.body)).not.toMatch(
        /127\.0\.0\.1|54329|5432|localhost|postgres|sqlite/i,
      );
    }
  });
});
