import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { JOURNAL_INBOX_TASK_ID } from '../service/tasks/journalInboxTask';
import { journal } from './__testUtils__/fixtures';
import {
  allFleetRowsText,
  capturingRootLogger,
} from '../__testUtils__/secretTraces';
import { startFleetBackend } from '../__testUtils__/startFleetBackend';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const ONE_REPLICA = 'northwind-health-dr'; // journal, 1 replica (EBS)

// Distinct per test, so that a hit names the test that leaked it.
const UPLOAD_NAME = 'Zq8r/Jd2Kx9Vt4Lw7Bn3+m6Pf1Gs5Yc0EaJ0uRnL';
const INBOX_NAME = 'AKIAZ7JOURNALINB0X01';

describe.each(databases.eachSupportedId())(
  'secrets in journal file names, %p',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const logger = capturingRootLogger();
      const { server, dir, scheduler, auth } = await startFleetBackend({
        knex,
        services: [logger.factory],
      });
      const receipts = async () =>
        (
          await request(server)
            .get(`/api/fleet/deployments/default/${ONE_REPLICA}/journals`)
            .set('Authorization', auth)
        ).body;
      return {
        server,
        dir,
        scheduler,
        auth,
        receipts,
        traces: async () =>
          [
            logger.text(),
            await allFleetRowsText(knex),
            JSON.stringify(await receipts()),
          ].join('\n'),
      };
    }

    it('refuses an upload whose fileName looks like a secret (400), recording and logging nothing of it', async () => {
      const fleet = await start();
      const response = await request(fleet.server)
        .post(`/api/fleet/deployments/default/${ONE_REPLICA}/journals`)
        .query({ fileName: UPLOAD_NAME })
        .set('Authorization', fleet.auth)
        .set('Content-Type', 'application/octet-stream')
        .send(journal(3));

      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /^fileName looks like an AWS secret access key \(not shown\)/,
      );
      expect((await fleet.receipts()).items).toEqual([]);
      const traces = `${JSON.stringify(
        response.body,
      )}\n${await fleet.traces()}`;
      expect(traces).not.toContain(UPLOAD_NAME);
      // encodeURIComponent: how the query carries it.
      expect(traces).not.toContain(encodeURIComponent(UPLOAD_NAME));
    });

    it('rejects an inbox file whose name looks like a secret, recording and logging nothing of it', async () => {
      const fleet = await start();
      const folder = path.join(fleet.dir.resolve('inbox'), ONE_REPLICA);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, INBOX_NAME), journal(3));

      await fleet.scheduler.trigger(JOURNAL_INBOX_TASK_ID);

      const reason = fs.readFileSync(
        path.join(
          fleet.dir.resolve('inbox'),
          'rejected',
          ONE_REPLICA,
          `${INBOX_NAME}.error.txt`,
        ),
        'utf8',
      );
      expect(reason).toContain(
        'fileName looks like an AWS access key id (not shown)',
      );
      expect((await fleet.receipts()).items).toEqual([]);
      const traces = await fleet.traces();
      // The inbox's log names the file by what it looks like.
      expect(traces).toContain(
        'Journal inbox: rejected northwind-health-dr/(a name that looks like an AWS access key id)',
      );
      expect(traces).not.toContain(INBOX_NAME);
    });
  },
);
