import { randomBytes } from 'node:crypto';
import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleFleet from '@fleetdeck/plugin-catalog-backend-module-fleet';
import fleetPlugin from '@fleetdeck/plugin-fleet-backend';
import type { DeploymentStatus } from '@fleetdeck/plugin-fleet-common';
import {
  customerDeploymentEntity,
  customerEntity,
} from '@fleetdeck/plugin-fleet-common/testUtils';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';

/*
 * Two backend instances on one PostgreSQL database, as a user who outgrows one machine runs
 * them: each with the real database and scheduler services, the real catalog and the fleet
 * plugin, sharing state only through PostgreSQL (and the blob store's folder, as they would
 * share an S3 bucket).
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_18', 'POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15'],
});

/** The scheduler's workers look for due work every 5 seconds (backend-defaults). */
const WORK_CHECK_MS = 5_000;

const NAME = 'scaleout-prod';
const ENTITY_REF = `customerdeployment:default/${NAME}`;
const REPLICAS = ['deepgram-billing-0', 'deepgram-billing-1'];

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Polls until `check` returns a value; the test's own time-out bounds the wait. */
async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    await sleep(250);
  }
}

/** A billing journal (its initialisation line and three records), unique bytes each time. */
function journal(): Buffer {
  const line = (d: string) =>
    `${JSON.stringify({ d, s: randomBytes(48).toString('base64') })}\n`;
  return Buffer.from(
    line(`init ${randomBytes(8).toString('hex')}`) +
      [1, 2, 3].map(() => line(randomBytes(96).toString('base64'))).join(''),
  );
}

/** A registration as fleet:deployment:register sends it, of an air-gapped deployment. */
const registration = {
  taskId: 'scale-out-1',
  customer: customerEntity({
    metadata: { name: 'scaleout' },
    spec: { tier: 'enterprise' },
  }),
  deployment: customerDeploymentEntity({
    metadata: { name: NAME },
    spec: {
      customer: 'scaleout',
      chart: { name: 'deepgram-self-hosted', version: '0.42.0' },
      license: {
        id: 'LIC-SCALEOUT-1',
        expiresAt: '2027-03-31',
        keySecretRef: 'dg-license-key',
        fileSecretRef: 'dg-license-file',
      },
      billing: {
        mode: 'journal',
        replicas: REPLICAS.length,
        journalStorage: 'ebs',
        returnEvery: 'P30D',
      },
    },
  }),
  artifacts: [{ name: 'RUNBOOK.md', content: `# Runbook: ${NAME}\n` }],
};

/** The runs of the fleet's journal overdue check (a scheduled task only), by instance. */
const overdueRuns: string[] = [];

/** The plugins' loggers, silent, noting each run of the overdue check with its instance. */
function countingLogger(instance: string) {
  return createServiceFactory({
    service: coreServices.logger,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }) {
      const logger = (): LoggerService => ({
        error: () => {},
        warn: () => {},
        debug: () => {},
        info: message => {
          if (
            plugin.getId() === 'fleet' &&
            message.startsWith('Checked the journals and licenses of')
          ) {
            overdueRuns.push(instance);
          }
        },
        child: () => logger(),
      });
      return logger();
    },
  });
}

async function startInstance(options: {
  instance: string;
  connection: JsonObject;
  blobs: string;
}) {
  const hour = { hours: 1 };
  const later = { frequency: hour, timeout: hour, initialDelay: hour };
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleFleet,
      fleetPlugin,
      databaseServiceFactory,
      schedulerServiceFactory,
      countingLogger(options.instance),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: options.connection,
              // Every plugin in its own schema of the one database both instances use.
              pluginDivisionMode: 'schema',
            },
          },
          catalog: {
            // The registrations provider reconciles on a schedule too, a global task: one
            // instance reads the registrations and writes them into the shared catalog.
            providers: {
              fleetRegistrations: {
                schedule: {
                  frequency: { seconds: 1 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 1 },
                },
              },
            },
          },
          fleet: {
            status: { schedule: later },
            gpu: { schedule: later },
            // Hourly, first run soon: across both instances it runs once in this test.
            notices: {
              schedule: {
                frequency: hour,
                timeout: hour,
                initialDelay: { seconds: 1 },
              },
            },
            journals: { blobStore: { path: options.blobs } },
          },
        },
      }),
    ],
  });
  const auth = mockCredentials.user.header();
  return {
    get: (url: string) => request(server).get(url).set('Authorization', auth),
    post: (url: string) => request(server).post(url).set('Authorization', auth),
  };
}

describe('two backend instances on one PostgreSQL', () => {
  // A run that silently skipped PostgreSQL has not tested it; scripts/test.sh provides one.
  it('runs on PostgreSQL in CI', () => {
    expect(databases.eachSupportedId().length > 0 || !process.env.CI).toBe(
      true,
    );
  });

  // SQLite is one file of one process: two instances cannot share it, so it has no id here.
  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('share registrations, journals and scheduled tasks', async () => {
      overdueRuns.length = 0;
      const knex = await databases.init(databaseId as TestDatabaseId);
      // The database TestDatabases made: host, port, user, password and database name.
      const connection = knex.client.config.connection as JsonObject;
      const blobs = createMockDirectory();
      // One after the other: the first runs every plugin's migrations.
      const a = await startInstance({
        instance: 'a',
        connection,
        blobs: blobs.path,
      });
      const b = await startInstance({
        instance: 'b',
        connection,
        blobs: blobs.path,
      });

      // A registration posted on one instance reaches the other's catalog.
      const created = await a
        .post('/api/fleet/registrations')
        .send(registration);
      expect(created.status).toBe(201);
      expect(created.body.entityRef).toBe(ENTITY_REF);
      const entity = await eventually(async () => {
        const response = await b.get(
          `/api/catalog/entities/by-name/customerdeployment/default/${NAME}`,
        );
        return response.status === 200 ? response.body : undefined;
      });
      expect(entity.spec.billing.replicas).toBe(2);

      // Concurrent uploads: the same journal to both, and each replica's to another one.
      const upload = (instance: typeof a, replica: string, content: Buffer) =>
        instance
          .post(`/api/fleet/deployments/default/${NAME}/journals`)
          .query({ replica })
          .set('Content-Type', 'application/octet-stream')
          .send(content);
      for (let round = 0; round < 10; round++) {
        const same = journal();
        const responses = await Promise.all([
          upload(a, REPLICAS[0], same),
          upload(b, REPLICAS[0], same),
          upload(b, REPLICAS[1], journal()),
        ]);
        expect(responses.map(r => r.status).sort()).toEqual([200, 201, 201]);
        const [zero, again, one] = responses.map(r => r.body.receipts[0]);
        // The same bytes are one receipt, whichever instance took them.
        expect(again.id).toBe(zero.id);
        for (const instance of [a, b]) {
          const status: DeploymentStatus = (
            await instance.get(`/api/fleet/deployments/default/${NAME}`)
          ).body;
          expect(
            status.journal.replicas.map(r => [r.name, r.lastReceivedAt]),
          ).toEqual([
            [REPLICAS[0], zero.receivedAt],
            [REPLICAS[1], one.receivedAt],
          ]);
          expect(status.journal.status).toBe('fresh');
        }
      }

      // The fleet's scheduled tasks are global: one run of the overdue check across the two
      // instances. Both instances' workers have looked for due work twice over by then.
      await eventually(async () => (overdueRuns.length > 0 ? true : undefined));
      await sleep(2 * WORK_CHECK_MS);
      expect(overdueRuns).toHaveLength(1);
    });
  });
});
