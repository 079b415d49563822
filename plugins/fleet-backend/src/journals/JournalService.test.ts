import { DAY_MS } from '@fleetdeck/plugin-fleet-common';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import createKnex from 'knex';
import { DatabaseFleetStore } from '../database/DatabaseFleetStore';
import type { FleetStore } from '../database/FleetStore';
import { gzip, journal, sha256, tarOf } from './__testUtils__/fixtures';
import { JournalService, type JournalTarget } from './JournalService';
import { DatabaseJournalStore } from './DatabaseJournalStore';
import type { JournalStore } from './JournalStore';
import { LocalFolderBlobStore } from './LocalFolderBlobStore';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(8_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const TARGET: JournalTarget = {
  entityRef: 'customerdeployment:default/acme-prod',
  replicas: ['deepgram-billing-0', 'deepgram-billing-1'],
};

const LIMITS = {
  maxUploadBytes: 1024 * 1024,
  maxInflatedBytes: 4 * 1024 * 1024,
  maxInflationRatio: 200,
  maxLineBytes: 4096,
};

describe('JournalService', () => {
  const dir = createMockDirectory();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    async function setUp(wrap: (store: JournalStore) => JournalStore = s => s) {
      dir.clear();
      const knex = await databases.init(databaseId as TestDatabaseId);
      const database = mockServices.database({ knex });
      const fleetStore = await DatabaseFleetStore.create({ database });
      const receipts = await DatabaseJournalStore.create({ database });
      const refresh = jest.fn(async () => undefined);
      const service = new JournalService({
        blobStore: new LocalFolderBlobStore(dir.resolve('blobs')),
        journalStore: wrap(receipts),
        fleetStore,
        deployments: { getDeploymentEntity: async () => undefined },
        statuses: { refresh },
        logger: mockServices.logger.mock(),
        limits: LIMITS,
      });
      return { knex, service, fleetStore, refresh };
    }

    it('is crash-consistent: blob written, insert failed, its blobs removed; a retry makes one receipt and no orphan row', async () => {
      let failNext = true;
      const { knex, service, fleetStore, refresh } = await setUp(store => ({
        listReceipts: store.listReceipts.bind(store),
        getReceipt: store.getReceipt.bind(store),
        latestReceipts: store.latestReceipts.bind(store),
        referencedBlobs: store.referencedBlobs.bind(store),
        async insertReceipts(receipts, receivedAt) {
          if (failNext) {
            failNext = false;
            throw new Error('connection to the database lost');
          }
          return store.insertReceipts(receipts, receivedAt);
        },
      }));
      const journals = {
        'journal-deepgram-billing-0/journal': journal(),
        'journal-deepgram-billing-1/journal': journal(),
      };
      const archive = gzip(
        tarOf(
          Object.entries(journals).map(([p, content]) => ({
            path: p,
            content,
          })),
        ),
      );
      const ingest = () =>
        service.ingest({
          target: TARGET,
          content: Readable.from([archive]),
          fileName: 'journal-20261120-020000.tar.gz',
          source: 'inbox',
        });

      await expect(ingest()).rejects.toThrow('connection to the database lost');
      // The blobs that no row refers to are gone again, nothing was observed.
      for (const content of Object.values(journals)) {
        const blob = dir.resolve(
          `blobs/${LocalFolderBlobStore.keyOf(sha256(content))}`,
        );
        expect(fs.existsSync(blob)).toBe(false);
      }
      expect(fs.readdirSync(dir.resolve('blobs/tmp'))).toEqual([]);
      expect(await knex('fleet_journal_receipts')).toEqual([]);
      expect(
        (await fleetStore.getObservations([TARGET.entityRef])).get(
          TARGET.entityRef,
        )?.journals,
      ).toBeUndefined();
      expect(refresh).not.toHaveBeenCalled();

      const retry = await ingest();
      expect(retry.created).toBe(true);
      expect(retry.receipts.map(r => [r.replica, r.duplicate])).toEqual([
        ['deepgram-billing-0', false],
        ['deepgram-billing-1', false],
      ]);
      const rows = await knex('fleet_journal_receipts');
      expect(rows).toHaveLength(2);
      expect(rows.map(r => r.sha256).sort()).toEqual(
        Object.values(journals).map(sha256).sort(),
      );
      expect(fs.readdirSync(dir.resolve('blobs/tmp'))).toEqual([]);
      expect(refresh).toHaveBeenCalledWith(TARGET.entityRef);

      const again = await ingest();
      expect(again.created).toBe(false);
      expect(await knex('fleet_journal_receipts')).toHaveLength(2);
    });

    it('records all receipts of an upload or none, also when the database fails half-way', async () => {
      const { knex, service } = await setUp();
      // Fail the insert of the second replica inside the transaction.
      const trigger = databaseId.startsWith('POSTGRES')
        ? [
            `create function fleet_test_fail() returns trigger as $$
             begin raise exception 'disk full'; end; $$ language plpgsql`,
            `create trigger fleet_test_fail before insert on fleet_journal_receipts
             for each row when (new.replica = 'deepgram-billing-1')
             execute function fleet_test_fail()`,
          ]
        : [
            `create trigger fleet_test_fail before insert on fleet_journal_receipts
             when new.replica = 'deepgram-billing-1'
             begin select raise(abort, 'disk full'); end`,
          ];
      for (const statement of trigger) {
        await knex.raw(statement);
      }
      const archive = gzip(
        tarOf([
          { path: 'journal-deepgram-billing-0/journal', content: journal() },
          { path: 'journal-deepgram-billing-1/journal', content: journal() },
        ]),
      );
      const ingest = () =>
        service.ingest({
          target: TARGET,
          content: Readable.from([archive]),
          source: 'upload',
        });
      // The driver's error class comes from outside jest's realm: match its message.
      await expect(ingest()).rejects.toMatchObject({
        message: expect.stringMatching(/disk full/),
      });
      expect(await knex('fleet_journal_receipts')).toEqual([]);

      await knex.raw(
        databaseId.startsWith('POSTGRES')
          ? 'drop trigger fleet_test_fail on fleet_journal_receipts'
          : 'drop trigger fleet_test_fail',
      );
      const retry = await ingest();
      expect(retry.receipts).toHaveLength(2);
      expect(await knex('fleet_journal_receipts')).toHaveLength(2);
    });

    it('keeps the newer receipt per replica in the observations', async () => {
      const { service, fleetStore } = await setUp();
      const future = new Date(Date.now() + DAY_MS).toISOString();
      await fleetStore.setObservations(TARGET.entityRef, {
        journals: [
          {
            replica: 'deepgram-billing-0',
            receivedAt: '2026-01-01T00:00:00.000Z',
          },
          { replica: 'deepgram-billing-1', receivedAt: future },
        ],
      });
      const { receipts } = await service.ingest({
        target: TARGET,
        content: Readable.from([
          gzip(
            tarOf([
              {
                path: 'journal-deepgram-billing-0/journal',
                content: journal(),
              },
              {
                path: 'journal-deepgram-billing-1/journal',
                content: journal(),
              },
            ]),
          ),
        ]),
        source: 'upload',
      });
      const observed = (
        await fleetStore.getObservations([TARGET.entityRef])
      ).get(TARGET.entityRef);
      expect(observed?.journals).toEqual([
        {
          replica: 'deepgram-billing-0',
          receivedAt: receipts[0].receivedAt,
          capturedAt: '2026-11-20T02:00:00.000Z',
        },
        { replica: 'deepgram-billing-1', receivedAt: future },
      ]);
    });

    it("keeps every replica's newest receipt when two instances merge at once", async () => {
      // Two services with their own connections to one database, as two backend instances.
      const knex = await databases.init(databaseId as TestDatabaseId);
      const other =
        knex.client.config.client === 'pg'
          ? createKnex(knex.client.config)
          : knex;
      const instances: JournalService[] = [];
      // One after the other: both run the migrations.
      for (const db of [knex, other]) {
        const database = mockServices.database({ knex: db });
        instances.push(
          new JournalService({
            blobStore: new LocalFolderBlobStore(dir.resolve('blobs')),
            journalStore: await DatabaseJournalStore.create({ database }),
            fleetStore: await DatabaseFleetStore.create({ database }),
            deployments: { getDeploymentEntity: async () => undefined },
            statuses: { refresh: async () => undefined },
            logger: mockServices.logger.mock(),
            limits: LIMITS,
          }),
        );
      }
      const fleetStore = await DatabaseFleetStore.create({
        database: mockServices.database({ knex }),
      });
      try {
        for (let round = 0; round < 100; round++) {
          const entityRef = `customerdeployment:default/round-${round}`;
          const target = { ...TARGET, entityRef };
          const same = journal();
          const [zero, one, again] = await Promise.all([
            instances[0].ingest({
              target,
              replica: 'deepgram-billing-0',
              content: Readable.from([same]),
              source: 'upload',
            }),
            instances[1].ingest({
              target,
              replica: 'deepgram-billing-1',
              content: Readable.from([journal()]),
              source: 'upload',
            }),
            // The same bytes at the same moment, to the other instance: one receipt.
            instances[1].ingest({
              target,
              replica: 'deepgram-billing-0',
              content: Readable.from([same]),
              source: 'upload',
            }),
          ]);
          expect(again.receipts[0].id).toBe(zero.receipts[0].id);
          const observed = (await fleetStore.getObservations([entityRef])).get(
            entityRef,
          );
          expect(observed?.journals).toEqual([
            {
              replica: 'deepgram-billing-0',
              receivedAt: zero.receipts[0].receivedAt,
            },
            {
              replica: 'deepgram-billing-1',
              receivedAt: one.receipts[0].receivedAt,
            },
          ]);
        }
      } finally {
        if (other !== knex) {
          await other.destroy();
        }
      }
    });

    it("keeps the other instance's replica when its own merge is written last", async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const database = mockServices.database({ knex });
      const fleetStore = await DatabaseFleetStore.create({ database });
      const journalStore = await DatabaseJournalStore.create({ database });
      // The first instance's merge waits, once it has read what it reads outside the lock,
      // until the second's upload is complete: what it read before then is stale.
      let firstWaits = () => {};
      const firstWaiting = new Promise<void>(resolve => {
        firstWaits = resolve;
      });
      let secondDone = () => {};
      const second = new Promise<void>(resolve => {
        secondDone = resolve;
      });
      const service = (store: FleetStore) =>
        new JournalService({
          blobStore: new LocalFolderBlobStore(dir.resolve('blobs')),
          journalStore,
          fleetStore: store,
          deployments: { getDeploymentEntity: async () => undefined },
          statuses: { refresh: async () => undefined },
          logger: mockServices.logger.mock(),
          limits: LIMITS,
        });
      // A store that passes everything on, but holds the merge at a gate.
      const waiting: FleetStore = {
        replaceStatuses: s => fleetStore.replaceStatuses(s),
        upsertStatus: s => fleetStore.upsertStatus(s),
        deleteStatus: r => fleetStore.deleteStatus(r),
        listStatuses: (q, o) => fleetStore.listStatuses(q, o),
        summarize: q => fleetStore.summarize(q),
        getStatus: r => fleetStore.getStatus(r),
        getObservations: r => fleetStore.getObservations(r),
        recordFirstSeen: (r, a) => fleetStore.recordFirstSeen(r, a),
        getDeploymentResources: r => fleetStore.getDeploymentResources(r),
        setObservations: async (ref, patch) => {
          firstWaits();
          await second;
          return fleetStore.setObservations(ref, patch);
        },
      };
      const first = service(waiting).ingest({
        target: TARGET,
        replica: 'deepgram-billing-0',
        content: Readable.from([journal()]),
        source: 'upload',
      });
      // (Should the first upload fail, the test fails with its error, not a time-out.)
      await Promise.race([firstWaiting, first]);
      const one = await service(fleetStore).ingest({
        target: TARGET,
        replica: 'deepgram-billing-1',
        content: Readable.from([journal()]),
        source: 'upload',
      });
      secondDone();
      const zero = await first;
      const observed = (
        await fleetStore.getObservations([TARGET.entityRef])
      ).get(TARGET.entityRef);
      expect(observed?.journals).toEqual([
        {
          replica: 'deepgram-billing-0',
          receivedAt: zero.receipts[0].receivedAt,
        },
        {
          replica: 'deepgram-billing-1',
          receivedAt: one.receipts[0].receivedAt,
        },
      ]);
    });

    it('migrates up and down', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const directory = resolvePackagePath(
        '@fleetdeck/plugin-fleet-backend',
        'migrations',
      );
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('fleet_journal_receipts')).toBe(true);
      // Down to just before this migration, whatever comes after it.
      const migrations = fs
        .readdirSync(directory)
        .filter(file => file.endsWith('.js'))
        .sort();
      const mine = migrations.indexOf('20261123_journal_receipts.js');
      for (let i = migrations.length - 1; i >= mine; i--) {
        await knex.migrate.down({
          directory,
          name: path.basename(migrations[i]),
        });
      }
      expect(await knex.schema.hasTable('fleet_journal_receipts')).toBe(false);
      expect(await knex.schema.hasTable('fleet_observations')).toBe(true);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('fleet_journal_receipts')).toBe(true);
    });
  });
});
