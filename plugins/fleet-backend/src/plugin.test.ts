import fs from 'node:fs';
import request from 'supertest';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DeploymentListResponse,
  DeploymentStatus,
  ReleasesResponse,
  summarizeStatuses,
} from '@fleetdeck/plugin-fleet-common';
import { fleetReleaseSourceExtensionPoint } from '@fleetdeck/plugin-fleet-node';
import { STATUS_REFRESH_TASK_ID } from './service/tasks/statusRefreshTask';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
} from './__testUtils__/examples';
import { startFleetBackend } from './__testUtils__/startFleetBackend';
import { FLEET_TEST_DATABASE_IDS } from './__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const ref = (name: string) => `customerdeployment:default/${name}`;

// The example fleet as examples/README.md describes it.
const EXAMPLES = {
  all: [
    'aegis-dynamics-enclave',
    'aegis-dynamics-lab',
    'brightline-contact-prod',
    'brightline-contact-sandbox',
    'brightline-contact-staging',
    'brightline-contact-uat',
    'cascadia-courts-prod',
    'harbor-trust-bank-prod',
    'harbor-trust-bank-staging',
    'lumen-captions-dedicated',
    'lumen-captions-dubbing',
    'lumen-captions-live',
    'nordtel-dr',
    'nordtel-prod',
    'northwind-health-dr',
    'northwind-health-prod',
  ],
  airgapped: [
    'aegis-dynamics-enclave',
    'aegis-dynamics-lab',
    'cascadia-courts-prod',
    'harbor-trust-bank-prod',
    'harbor-trust-bank-staging',
    'northwind-health-dr',
    'northwind-health-prod',
  ],
  saas: ['brightline-contact-sandbox', 'lumen-captions-dedicated'],
  license: {
    expired: ['cascadia-courts-prod'],
    expiring: ['harbor-trust-bank-staging', 'northwind-health-dr'],
    missing: ['aegis-dynamics-lab'],
    valid: [
      'aegis-dynamics-enclave',
      'harbor-trust-bank-prod',
      'northwind-health-prod',
    ],
  },
  // Days from now to the end of each license, soonest first.
  licenseOrder: [
    'cascadia-courts-prod', // -9
    'harbor-trust-bank-staging', // 12
    'northwind-health-dr', // 30
    'harbor-trust-bank-prod', // 200
    'aegis-dynamics-enclave', // 365
    'northwind-health-prod', // 400
  ],
};

const HEALTH_RANK = { critical: 0, warning: 1, unknown: 2, ok: 3 };

const releasesDir = createMockDirectory();

/** Writes a copy of the example release index that a test may break and mend. */
function releaseIndexCopy(): { file: string; break(): void; mend(): void } {
  const good = fs.readFileSync(EXAMPLE_RELEASE_INDEX, 'utf8');
  releasesDir.setContent({ 'index.yaml': good });
  return {
    file: releasesDir.resolve('index.yaml'),
    break() {
      releasesDir.setContent({
        'index.yaml': good.replace('version: 0.41.0', 'version: 0.4x'),
      });
    },
    mend() {
      releasesDir.setContent({ 'index.yaml': good });
    },
  };
}

async function startFleet(databaseId: TestDatabaseId, indexFile: string) {
  const { server, scheduler } = await startFleetBackend({
    knex: await databases.init(databaseId),
    config: {
      releases: { index: indexFile, policy: EXAMPLE_RELEASE_POLICY },
      // Runs only when a test triggers it; the startup refresh fills the statuses.
      status: {
        schedule: {
          frequency: { hours: 1 },
          timeout: { minutes: 1 },
          initialDelay: { hours: 1 },
        },
      },
    },
  });
  const get = (url: string) =>
    request(server)
      .get(`/api/fleet${url}`)
      .set('Authorization', mockCredentials.user.header());
  return { get, scheduler };
}

describe('fleetPlugin', () => {
  // A run that silently skipped PostgreSQL has not tested it; scripts/test.sh provides one.
  it('runs on PostgreSQL in CI, not only on SQLite', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    const hasPostgres = ids.some(id => id.startsWith('POSTGRES'));
    expect(ids).toContain('SQLITE_3');
    expect(hasPostgres || !process.env.CI).toBe(true);
  });

  it('takes its releases from a module that sets a release source', async () => {
    const { server } = await startFleetBackend({
      knex: await databases.init('SQLITE_3'),
      modules: [
        createBackendModule({
          pluginId: 'fleet',
          moduleId: 'test-releases',
          register(reg) {
            reg.registerInit({
              deps: { releases: fleetReleaseSourceExtensionPoint },
              async init({ releases }) {
                releases.setReleaseSource({
                  read: async () => ({
                    index: {
                      'deepgram-self-hosted': [
                        { version: '9.0.0', created: '2027-01-01T00:00:00Z' },
                      ],
                    },
                  }),
                });
              },
            });
          },
        }),
      ],
    });
    const get = (url: string) =>
      request(server)
        .get(`/api/fleet${url}`)
        .set('Authorization', mockCredentials.user.header());

    expect((await get('/releases')).body.charts).toEqual([
      {
        name: 'deepgram-self-hosted',
        releases: [{ version: '9.0.0', created: '2027-01-01T00:00:00Z' }],
      },
    ]);
    const status = (await get('/deployments/default/northwind-health-prod'))
      .body as DeploymentStatus;
    expect(status.upgrade.latest).toBe('9.0.0');
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let get: Awaited<ReturnType<typeof startFleet>>['get'];
    let all: DeploymentStatus[];

    const list = async (query: string): Promise<DeploymentListResponse> => {
      const response = await get(`/deployments?${query}`);
      expect(response.status).toBe(200);
      return response.body;
    };
    const names = (items: DeploymentStatus[]) =>
      items.map(item => item.entityRef.replace(/^.*\//, ''));

    beforeAll(async () => {
      ({ get } = await startFleet(
        databaseId as TestDatabaseId,
        EXAMPLE_RELEASE_INDEX,
      ));
      all = (await list('limit=500')).items;
    });

    it('lists every example deployment, evaluated at startup', async () => {
      const body = await list('');
      expect(names(body.items)).toEqual(EXAMPLES.all);
      expect(body.totalCount).toBe(16);
      expect(body.nextCursor).toBeUndefined();
      expect(body.summary).toEqual(summarizeStatuses(body.items));
      expect(body.summary.total).toBe(16);

      const northwind = body.items.find(
        item => item.entityRef === ref('northwind-health-prod'),
      )!;
      expect(northwind).toMatchObject({
        title: 'Northwind Health — production',
        customer: 'customer:default/northwind-health',
        owner: 'group:default/solutions-east',
        profile: 'airgapped',
        chartVersion: '0.41.1',
        license: { status: 'valid', daysLeft: 400 },
        upgrade: { current: '0.41.1', latest: '0.42.0' },
      });
    });

    it('returns exactly the expired, expiring, missing and valid licenses', async () => {
      for (const [status, expected] of Object.entries(EXAMPLES.license)) {
        const body = await list(`license=${status}`);
        expect(names(body.items)).toEqual(expected);
        expect(body.totalCount).toBe(expected.length);
        expect(body.summary.license[status as 'valid']).toBe(expected.length);
      }
      const body = await list('license=expired,missing');
      expect(names(body.items)).toEqual([
        'aegis-dynamics-lab',
        'cascadia-courts-prod',
      ]);
    });

    it.each([
      ['journal', (s: DeploymentStatus) => s.journal.status],
      ['gpu', (s: DeploymentStatus) => s.gpu.status],
      ['upgrade', (s: DeploymentStatus) => s.upgrade.status],
      ['health', (s: DeploymentStatus) => s.health],
      ['profile', (s: DeploymentStatus) => s.profile],
      ['customer', (s: DeploymentStatus) => s.customer],
      ['owner', (s: DeploymentStatus) => s.owner],
    ])(
      'filters by %s, with a summary of the filtered set',
      async (parameter, valueOf) => {
        const values = [...new Set(all.map(valueOf))];
        for (const value of values) {
          const body = await list(
            `${parameter}=${encodeURIComponent(value)}&limit=500`,
          );
          const expected = all.filter(s => valueOf(s) === value);
          expect(names(body.items)).toEqual(names(expected));
          expect(body.totalCount).toBe(expected.length);
          expect(body.summary).toEqual(summarizeStatuses(expected));
        }
      },
    );

    it('filters journals and profiles as the examples document', async () => {
      expect(names((await list('profile=airgapped')).items)).toEqual(
        EXAMPLES.airgapped,
      );
      expect(names((await list('profile=saas')).items)).toEqual(EXAMPLES.saas);
      // Air-gapped deployments bill by journal; the fleet first saw them at startup, so
      // their first journal period has just begun: never received, a warning until the
      // first deadline, never fresh. The others have no journals.
      expect((await list('journal=fresh')).totalCount).toBe(0);
      const journals = await list('journal=never-received');
      expect(names(journals.items)).toEqual(EXAMPLES.airgapped);
      expect(
        journals.items.every(
          s =>
            s.journal.dueAt &&
            !s.journal.lastReceivedAt &&
            s.journal.health === 'warning',
        ),
      ).toBe(true);
      expect((await list('journal=not-applicable')).totalCount).toBe(9);
    });

    it('takes short customer and owner names and free text', async () => {
      expect(names((await list('customer=nordtel')).items)).toEqual([
        'nordtel-dr',
        'nordtel-prod',
      ]);
      expect(
        (await list('owner=platform-engineering,solutions-west')).items.every(
          item =>
            [
              'group:default/platform-engineering',
              'group:default/solutions-west',
            ].includes(item.owner),
        ),
      ).toBe(true);
      // As the frontend's client encodes them (URLSearchParams: %2C, %3A, %2F).
      const encoded = new URLSearchParams({
        customer: 'customer:default/nordtel,customer:default/lumen-captions',
        profile: 'connected,saas',
      });
      expect(names((await list(encoded.toString())).items)).toEqual([
        'lumen-captions-dedicated',
        'lumen-captions-dubbing',
        'lumen-captions-live',
        'nordtel-dr',
        'nordtel-prod',
      ]);
      const body = await list(
        `q=${encodeURIComponent('HARBOR staging')}&profile=airgapped`,
      );
      expect(names(body.items)).toEqual(['harbor-trust-bank-staging']);
      expect(body.summary.total).toBe(1);
    });

    it('orders by license expiry, missing ones last, in both directions', async () => {
      const asc = await list('orderBy=license.expiresAt');
      expect(names(asc.items).slice(0, 6)).toEqual(EXAMPLES.licenseOrder);
      expect(asc.items.slice(6).every(s => !s.license.expiresAt)).toBe(true);

      const desc = await list('orderBy=license.expiresAt&order=desc');
      expect(names(desc.items).slice(0, 6)).toEqual(
        [...EXAMPLES.licenseOrder].reverse(),
      );
      expect(desc.items.slice(6).every(s => !s.license.expiresAt)).toBe(true);
    });

    it('orders by health worst first, and by the other fields', async () => {
      const ranks = (await list('orderBy=health')).items.map(
        s => HEALTH_RANK[s.health],
      );
      expect(ranks).toEqual([...ranks].sort());

      const byName = await list('orderBy=name&order=desc');
      expect(names(byName.items)).toEqual([...EXAMPLES.all].reverse());

      const behind = (await list('orderBy=upgrade.daysBehind&order=desc'))
        .items;
      const known = behind.filter(s => s.upgrade.daysBehind !== undefined);
      expect(known.map(s => s.upgrade.daysBehind)).toEqual(
        known.map(s => s.upgrade.daysBehind!).sort((a, b) => b - a),
      );
      expect(behind.slice(0, known.length)).toEqual(known);

      const received = await list('orderBy=journal.lastReceivedAt');
      expect(received.totalCount).toBe(16);
    });

    it('pages with cursors, each page carrying the total and the summary', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const body = await list(
          `orderBy=health&limit=5${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`,
        );
        seen.push(...names(body.items));
        expect(body.totalCount).toBe(16);
        expect(body.summary).toEqual(summarizeStatuses(all));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(seen).toEqual(names((await list('orderBy=health')).items));
    });

    it.each([
      [
        'license=expird',
        'Invalid license filter "expird"; allowed: valid, expiring, expired, missing, not-required',
      ],
      [
        'journal=late',
        'Invalid journal filter "late"; allowed: fresh, due, overdue, never-received, not-applicable',
      ],
      [
        'gpu=plenty',
        'Invalid gpu filter "plenty"; allowed: ok, tight, insufficient, unknown',
      ],
      [
        'upgrade=ok',
        'Invalid upgrade filter "ok"; allowed: up-to-date, ready, ready-with-warnings, blocked, unknown',
      ],
      [
        'health=bad',
        'Invalid health filter "bad"; allowed: ok, unknown, warning, critical',
      ],
      [
        'profile=on-prem',
        'Invalid profile filter "on-prem"; allowed: saas, connected, airgapped',
      ],
      ['customer=group:default/x', 'Invalid customer filter "group:default/x"'],
      ['orderBy=title', 'orderBy'],
      ['orderBy=title', 'name, license.expiresAt'],
      ['order=up', 'order'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=garbage', 'Invalid cursor'],
      ['colour=red', 'colour'],
    ])('refuses %s with a message naming it', async (query, message) => {
      const response = await get(`/deployments?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
    });

    it('serves one deployment whole, or 404; its list row leaves out the passing upgrade checks', async () => {
      const response = await get('/deployments/default/nordtel-prod');
      expect(response.status).toBe(200);
      const whole: DeploymentStatus = response.body;
      const failing = whole.upgrade.checks.filter(c => c.outcome !== 'pass');
      expect(all.find(s => s.entityRef === ref('nordtel-prod'))).toEqual({
        ...whole,
        upgrade: { ...whole.upgrade, checks: failing },
      });
      // the passing checks, with their messages, are on the deployment's route only
      expect(whole.upgrade.checks.length - failing.length).toBeGreaterThan(3);

      const missing = await get('/deployments/default/nowhere');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No deployment customerdeployment:default/nowhere',
      });
      expect(
        (await get('/deployments/default/nowhere?target=0.42.0')).status,
      ).toBe(404);
    });

    it('evaluates upgrade readiness for another target on request', async () => {
      const response = await get(
        '/deployments/default/northwind-health-dr?target=0.41.1',
      );
      expect(response.status).toBe(200);
      const status: DeploymentStatus = response.body;
      expect(status.entityRef).toBe(ref('northwind-health-dr'));
      expect(status.upgrade).toMatchObject({
        current: '0.38.0',
        target: '0.41.1',
        latest: '0.42.0',
      });

      // Nothing is stored: the list still shows the newest release as the target.
      const stored = await get('/deployments/default/northwind-health-dr');
      expect(stored.body.upgrade.target).not.toBe('0.41.1');

      const unknown = await get(
        '/deployments/default/northwind-health-dr?target=9.9.9',
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(
        /^Unknown target "9\.9\.9" for chart deepgram-self-hosted; available: 0\.42\.0, 0\.41\.1, 0\.41\.0, 0\.40\.2, /,
      );
    });

    it('serves the releases', async () => {
      const response = await get('/releases');
      expect(response.status).toBe(200);
      const body: ReleasesResponse = response.body;
      expect(body.error).toBeUndefined();
      expect(body.readAt).toEqual(expect.any(String));
      expect(body.charts.map(c => c.name)).toEqual(['deepgram-self-hosted']);
      expect(body.charts[0].releases[0]).toMatchObject({
        version: '0.42.0',
        appVersion: 'release-260812',
        kubeVersion: '>=1.28.0-0',
      });
      expect(body.charts[0].releases.map(r => r.version)).toContain('0.27.0');
    });

    it('keeps serving the last good releases when the index turns malformed', async () => {
      const index = releaseIndexCopy();
      const fleet = await startFleet(databaseId as TestDatabaseId, index.file);
      const before = (await fleet.get('/releases')).body as ReleasesResponse;
      const upgradesBefore = (
        await fleet.get('/deployments?limit=500')
      ).body.items.map((s: DeploymentStatus) => s.upgrade.status);

      index.break();
      await fleet.scheduler.trigger(STATUS_REFRESH_TASK_ID);

      const after = (await fleet.get('/releases')).body as ReleasesResponse;
      expect(after.error).toContain(index.file);
      expect(after.error).toContain('entries.deepgram-self-hosted[');
      expect(after.error).toContain('0.4x');
      expect(after.charts).toEqual(before.charts);
      expect(after.readAt).toBe(before.readAt);
      expect(
        (await fleet.get('/deployments?limit=500')).body.items.map(
          (s: DeploymentStatus) => s.upgrade.status,
        ),
      ).toEqual(upgradesBefore);

      index.mend();
      await fleet.scheduler.trigger(STATUS_REFRESH_TASK_ID);
      const mended = (await fleet.get('/releases')).body as ReleasesResponse;
      expect(mended.error).toBeUndefined();
      expect(mended.charts).toEqual(before.charts);
    });
  });
});
