import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import type {
  DeploymentListResponse,
  DeploymentStatus,
} from '@fleetdeck/plugin-fleet-common';
import { JOURNAL_INBOX_TASK_ID } from '../service/tasks/journalInboxTask';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
  exampleReport,
} from '../__testUtils__/examples';
import { startFleetBackend } from '../__testUtils__/startFleetBackend';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const DEPLOYMENT = 'harbor-trust-bank-prod';
const reportsUrl = (name: string) =>
  `/api/fleet/deployments/default/${name}/reports`;

async function startFleet(
  databaseId: TestDatabaseId,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** Another backend on the same database. */
    knex?: Knex;
    maxClockSkew?: string;
  } = {},
) {
  const knex = options.knex ?? (await databases.init(databaseId));
  const { server, dir, scheduler, auth } = await startFleetBackend({
    knex,
    permission: options.permission,
    config: {
      releases: {
        index: EXAMPLE_RELEASE_INDEX,
        policy: EXAMPLE_RELEASE_POLICY,
      },
      reports: {
        maxBytes: 64 * 1024,
        ...(options.maxClockSkew && { maxClockSkew: options.maxClockSkew }),
      },
    },
  });
  const post = (name: string, body: unknown) =>
    request(server)
      .post(reportsUrl(name))
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  const status = async (name: string) =>
    (
      await request(server)
        .get(`/api/fleet/deployments/default/${name}`)
        .set('Authorization', auth)
    ).body as DeploymentStatus;
  const list = async (query: string) =>
    (
      await request(server)
        .get(`/api/fleet/deployments?${query}`)
        .set('Authorization', auth)
    ).body as DeploymentListResponse;
  return { dir, post, status, list, scheduler, knex };
}

describe.each(databases.eachSupportedId())('status reports, %p', databaseId => {
  it('applies a valid report: GPU capacity and the versions upgrade readiness uses', async () => {
    const fleet = await startFleet(databaseId);
    const response = await fleet.post(DEPLOYMENT, exampleReport());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      applied: true,
      entityRef: `customerdeployment:default/${DEPLOYMENT}`,
      generatedAt: '2026-11-20T02:00:00.000Z',
      gpu: {
        status: 'tight', // 8 of 8 H100s requested: no room for one more 2-GPU engine pod
        source: 'report',
        allocatable: 8,
        requested: 8,
        required: 8,
        driverVersion: '535.104.05',
      },
    });
    const status = await fleet.status(DEPLOYMENT);
    expect(status.gpu.nodes).toEqual([
      expect.objectContaining({
        name: 'ip-10-40-12-7.ec2.internal',
        product: 'NVIDIA-H100-80GB-HBM3',
        count: 8,
        schedulable: true,
      }),
    ]);
    // Upgrade readiness reads the cluster's version from the report, not from the entity.
    const kubernetesCheck = status.upgrade.checks.find(
      c => c.id === 'kubernetes',
    );
    expect(kubernetesCheck?.message).toContain(
      'Kubernetes v1.29.3-eks-4d1a2 (as last reported by the cluster)',
    );
    // Only derived facts are kept: no pod, no image, no env.
    expect(JSON.stringify(status)).not.toMatch(/DEEPGRAM_API_KEY|quay\.io/);
  });

  it('lists the deployment with its GPU verdict but without the nodes, which its own status carries', async () => {
    const fleet = await startFleet(databaseId);
    expect((await fleet.post(DEPLOYMENT, exampleReport())).status).toBe(201);
    const status = await fleet.status(DEPLOYMENT);
    expect(status.gpu.fit?.nodes).toHaveLength(1);
    expect(status.gpu.nodes).toHaveLength(1);

    const { items } = await fleet.list(`q=${DEPLOYMENT}`);
    const row = items.find(item => item.entityRef === status.entityRef);
    expect(row?.gpu).toEqual({
      ...status.gpu,
      nodes: undefined,
      pendingPods: undefined,
      fit: undefined,
    });
    expect(row?.gpu).not.toHaveProperty('fit');
    expect(row?.gpu).not.toHaveProperty('nodes');
  });

  it('does not let an older report overwrite a newer one', async () => {
    const fleet = await startFleet(databaseId);
    expect((await fleet.post(DEPLOYMENT, exampleReport())).status).toBe(201);
    const older = exampleReport();
    older.metadata.generatedAt = '2026-11-19T02:00:00Z';
    older.spec.chart.version = '0.39.0';
    const response = await fleet.post(DEPLOYMENT, older);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      applied: false,
      message: expect.stringContaining('newer observations'),
    });
    expect((await fleet.status(DEPLOYMENT)).gpu.observedAt).toBe(
      '2026-11-20T02:00:00.000Z',
    );
  });

  it("refuses a report dated ahead of the portal's clock, naming the difference, and stores nothing", async () => {
    const fleet = await startFleet(databaseId);
    const before = (await fleet.status(DEPLOYMENT)).gpu;
    const ahead = exampleReport();
    ahead.metadata.generatedAt = '2061-11-20T02:00:00Z';
    const response = await fleet.post(DEPLOYMENT, ahead);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toMatch(
      /^Invalid status report: generatedAt 2061-11-20T02:00:00Z is 3\d years ahead of the portal's clock \(.+\); check the clock of the machine that ran collect-status\.sh, and run it again$/,
    );
    expect((await fleet.status(DEPLOYMENT)).gpu).toEqual(before);

    // Within the tolerance (default 10 minutes), a clock a little ahead is fine.
    const slightly = exampleReport();
    slightly.metadata.generatedAt = new Date(
      Date.now() + 5 * 60 * 1000,
    ).toISOString();
    expect((await fleet.post(DEPLOYMENT, slightly)).status).toBe(201);
  });

  it('lets a genuine report replace stored observations dated ahead of the clock', async () => {
    // A backend that tolerated any skew (as before the check) stored a report of 2061.
    const lax = await startFleet(databaseId, { maxClockSkew: 'P100Y' });
    const ahead = exampleReport();
    ahead.metadata.generatedAt = '2061-11-20T02:00:00Z';
    expect((await lax.post(DEPLOYMENT, ahead)).status).toBe(201);

    const fleet = await startFleet(databaseId, { knex: lax.knex });
    const genuine = exampleReport();
    genuine.spec.chart.version = '0.41.0';
    const response = await fleet.post(DEPLOYMENT, genuine);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ applied: true });
    expect((await fleet.status(DEPLOYMENT)).gpu.observedAt).toBe(
      '2026-11-20T02:00:00.000Z',
    );
  });

  it('answers 400 naming each bad field', async () => {
    const fleet = await startFleet(databaseId);
    const report = exampleReport() as unknown as {
      metadata: Record<string, unknown>;
      spec: { nodes: Array<{ metadata: Record<string, unknown> }> };
    };
    delete report.metadata.generatedAt;
    delete report.spec.nodes[0].metadata.name;
    const response = await fleet.post(DEPLOYMENT, report);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toBe(
      'Invalid status report: metadata.generatedAt: is required: the time the collector ran, ISO 8601 with a zone, such as "2026-11-20T02:00:00Z"; spec.nodes[0].metadata.name: is required: the object\'s name',
    );

    const future = { ...exampleReport(), apiVersion: 'fleetdeck.io/v1' };
    const unknownVersion = await fleet.post(DEPLOYMENT, future);
    expect(unknownVersion.status).toBe(400);
    expect(unknownVersion.body.error.message).toContain(
      'apiVersion: "fleetdeck.io/v1" is not a report version; this portal reads fleetdeck.io/v1alpha1',
    );

    // A broken body may hold pod env: the error says where, never quotes it.
    const notJson = await fleet.post(
      DEPLOYMENT,
      '{"apiVersion": "fleetdeck.io/v1alpha1", "env": "dg-secret-7f3a9" x}',
    );
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(
      /^The request body is not valid JSON( \(at character \d+\))?; a status report is the JSON the collector script writes$/,
    );
  });

  it('refuses a report for another deployment or namespace (400), an unknown deployment (404), a large one (413)', async () => {
    const fleet = await startFleet(databaseId);
    const other = await fleet.post('northwind-health-prod', exampleReport());
    expect(other.status).toBe(400);
    expect(other.body.error.message).toContain(
      'metadata.deployment is "harbor-trust-bank-prod" but it was sent for customerdeployment:default/northwind-health-prod',
    );

    const elsewhere = exampleReport();
    elsewhere.spec.namespace = 'dg-staging';
    const wrongNamespace = await fleet.post(DEPLOYMENT, elsewhere);
    expect(wrongNamespace.status).toBe(400);
    expect(wrongNamespace.body.error.message).toContain(
      'spec.namespace is "dg-staging" but customerdeployment:default/harbor-trust-bank-prod runs in',
    );

    const missing = exampleReport();
    missing.metadata.deployment = 'no-such-deployment';
    expect((await fleet.post('no-such-deployment', missing)).status).toBe(404);

    const large = exampleReport();
    large.spec.pods = Array.from({ length: 100 }, () => large.spec.pods[0]);
    const tooLarge = await fleet.post(DEPLOYMENT, large);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.name).toBe('PayloadTooLargeError');
    expect(tooLarge.body.error.message).toBe(
      "The status report is larger than 64 KiB (fleet.reports.maxBytes); send the collector's output as it is, or ask an administrator to raise the limit",
    );

    // An unknown deployment is 404 whatever the report says, even another deployment's name.
    const unknown = await fleet.post('no-such-deployment', exampleReport());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No deployment customerdeployment:default/no-such-deployment',
    );
  });

  it('accepts a report that starts with a UTF-8 byte-order mark', async () => {
    const fleet = await startFleet(databaseId);
    const response = await fleet.post(
      DEPLOYMENT,
      `\uFEFF${JSON.stringify(exampleReport())}`,
    );
    expect(response.status).toBe(201);
    expect(response.body.applied).toBe(true);
  });

  it('needs fleet.report.create (403)', async () => {
    const fleet = await startFleet(databaseId, {
      permission: AuthorizeResult.DENY,
    });
    const response = await fleet.post(DEPLOYMENT, exampleReport());
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('fleet.report.create');
  });

  it('takes reports from the inbox, and rejects bad ones with the reason', async () => {
    const fleet = await startFleet(databaseId);
    const inbox = fleet.dir.resolve('inbox');
    fs.mkdirSync(path.join(inbox, DEPLOYMENT), { recursive: true });
    fs.writeFileSync(
      path.join(inbox, DEPLOYMENT, 'status-20261120-020000.json'),
      JSON.stringify(exampleReport()),
    );
    fs.writeFileSync(
      path.join(inbox, DEPLOYMENT, 'status-broken.json'),
      '{"kind": "StatusReport", "env": "dg-secret-7f3a9" ',
    );

    await fleet.scheduler.trigger(JOURNAL_INBOX_TASK_ID);

    expect(
      fs.existsSync(
        path.join(
          inbox,
          'processed',
          DEPLOYMENT,
          'status-20261120-020000.json',
        ),
      ),
    ).toBe(true);
    expect(
      fs.readFileSync(
        path.join(
          inbox,
          'rejected',
          DEPLOYMENT,
          'status-broken.json.error.txt',
        ),
        'utf8',
      ),
    ).toMatch(/status-broken\.json is not valid JSON/);
    expect(
      fs.readFileSync(
        path.join(
          inbox,
          'rejected',
          DEPLOYMENT,
          'status-broken.json.error.txt',
        ),
        'utf8',
      ),
    ).not.toContain('dg-secret');
    expect((await fleet.status(DEPLOYMENT)).gpu).toMatchObject({
      source: 'report',
      observedAt: '2026-11-20T02:00:00.000Z',
    });
  });
});
