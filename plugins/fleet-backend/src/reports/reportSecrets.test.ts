import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type {
  DeploymentStatus,
  KubePod,
  StatusReport,
} from '@fleetdeck/plugin-fleet-common';
import { JOURNAL_INBOX_TASK_ID } from '../service/tasks/journalInboxTask';
import { exampleReport } from '../__testUtils__/examples';
import {
  allFleetRowsText,
  capturingRootLogger,
} from '../__testUtils__/secretTraces';
import { startFleetBackend } from '../__testUtils__/startFleetBackend';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const DEPLOYMENT = 'harbor-trust-bank-prod';

// Distinct values, so that a hit names the test that leaked it.
const LICENSE_KEY = 'TGljZW5zZUtleTpIQVJCT1ItVFJVU1Q6MjAyNy0wMy0zMTpzaWc9UTk';
const ACCESS_KEY_ID = 'AKIAQ3EXAMPLEHARB0R7';
const MESSAGE_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYH4RB0RKEY1';
const INBOX_KEY =
  'b7e1d2c3a4f5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d';

/** An engine pod that found no GPU, with the scheduler's words. */
function pendingPod(report: StatusReport, message: string): KubePod {
  const pod = structuredClone(report.spec.pods[0]);
  return {
    ...pod,
    metadata: { ...pod.metadata, name: 'deepgram-engine-7c9d8f6b5-pend1' },
    spec: { ...pod.spec, nodeName: undefined },
    status: {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message,
        },
      ],
    },
  };
}

async function startFleet(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const logger = capturingRootLogger();
  const { server, dir, scheduler, auth } = await startFleetBackend({
    knex,
    config: { reports: { maxBytes: 64 * 1024 } },
    services: [logger.factory],
  });
  const post = (body: unknown) =>
    request(server)
      .post(`/api/fleet/deployments/default/${DEPLOYMENT}/reports`)
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  const status = async () =>
    (
      await request(server)
        .get(`/api/fleet/deployments/default/${DEPLOYMENT}`)
        .set('Authorization', auth)
    ).body as DeploymentStatus;
  /** Everything a secret could have reached: logs, every fleet row, the served status. */
  const traces = async () =>
    [
      logger.text(),
      await allFleetRowsText(knex),
      JSON.stringify(await status()),
    ].join('\n');
  return { dir, post, status, scheduler, traces };
}

describe.each(databases.eachSupportedId())(
  'secrets in status reports, %p',
  databaseId => {
    it('refuses a report whose kept fields hold a secret (400), naming them, storing and echoing nothing', async () => {
      const fleet = await startFleet(databaseId);
      const report = exampleReport();
      report.spec.nodes[0].metadata!.labels!['nvidia.com/gpu.product'] =
        LICENSE_KEY;
      report.spec.nodes[0].metadata!.name = ACCESS_KEY_ID;

      const response = await fleet.post(report);

      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toContain(
        'spec.nodes[0].metadata.name: looks like an AWS access key id (not shown)',
      );
      expect(response.body.error.message).toContain(
        'spec.nodes[0].metadata.labels["nvidia.com/gpu.product"]: looks like an encoded key or license (not shown)',
      );
      const traces = `${JSON.stringify(
        response.body,
      )}\n${await fleet.traces()}`;
      expect(traces).not.toContain(LICENSE_KEY);
      expect(traces).not.toContain(ACCESS_KEY_ID);
      // Nothing of the report was applied.
      expect((await fleet.status()).gpu.source).not.toBe('report');
    });

    it('applies a report with a secret in a scheduler message, redacted', async () => {
      const fleet = await startFleet(databaseId);
      const report = exampleReport();
      report.spec.pods.push(
        pendingPod(
          report,
          `0/2 nodes are available: image pull used ${MESSAGE_KEY}`,
        ),
      );

      const response = await fleet.post(report);

      expect(response.status).toBe(201);
      expect(response.body.applied).toBe(true);
      const status = await fleet.status();
      expect(status.gpu.pendingPods).toEqual([
        expect.objectContaining({
          name: 'deepgram-engine-7c9d8f6b5-pend1',
          message: '[redacted: looks like an AWS secret access key]',
        }),
      ]);
      // The GPU facts of the report are kept.
      expect(status.gpu.nodes).toEqual([
        expect.objectContaining({ product: 'NVIDIA-H100-80GB-HBM3' }),
      ]);
      const traces = `${JSON.stringify(
        response.body,
      )}\n${await fleet.traces()}`;
      // The logs were captured: the report's application is in them.
      expect(traces).toContain('Status report of 2026-11-20T02:00:00.000Z');
      expect(traces).not.toContain(MESSAGE_KEY);
    });

    it('rejects an inbox report whose kept fields hold a secret, saying where, not what', async () => {
      const fleet = await startFleet(databaseId);
      const inbox = fleet.dir.resolve('inbox');
      const report = exampleReport();
      report.spec.nodes[0].metadata!.labels!['nvidia.com/gpu.product'] =
        INBOX_KEY;
      fs.mkdirSync(path.join(inbox, DEPLOYMENT), { recursive: true });
      fs.writeFileSync(
        path.join(inbox, DEPLOYMENT, 'status-20261120-020000.json'),
        JSON.stringify(report),
      );

      await fleet.scheduler.trigger(JOURNAL_INBOX_TASK_ID);

      const reason = fs.readFileSync(
        path.join(
          inbox,
          'rejected',
          DEPLOYMENT,
          'status-20261120-020000.json.error.txt',
        ),
        'utf8',
      );
      expect(reason).toContain(
        'spec.nodes[0].metadata.labels["nvidia.com/gpu.product"]: looks like an API or license key (not shown)',
      );
      const traces = `${reason}\n${await fleet.traces()}`;
      expect(traces).not.toContain(INBOX_KEY);
      expect((await fleet.status()).gpu.source).not.toBe('report');
    });
  },
);
