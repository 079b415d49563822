import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  createMockDirectory,
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  BundleHandoutResponse,
  DeploymentStatus,
  UpgradePlanFilesResponse,
} from '@fleetdeck/plugin-fleet-common';
import request from 'supertest';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
} from '../__testUtils__/examples';
import { startFleetBackend } from '../__testUtils__/startFleetBackend';
import { JOURNAL_INBOX_TASK_ID } from '../service/tasks/journalInboxTask';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

/** Air-gapped, chart 0.40.2, owned by solutions-east; given a database below. */
const AIRGAPPED = 'harbor-trust-bank-prod';
const CONNECTED = 'brightline-contact-prod';
const url = (name: string, rest = '') =>
  `/api/fleet/deployments/default/${name}${rest}`;

const sha256 = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('hex');

const TRANSCRIPTS_DB = {
  name: 'transcripts-db',
  engine: 'postgresql',
  host: 'pg.harbor.internal',
  database: 'transcripts',
  credentialsSecretRef: 'transcripts-db-credentials',
};

/** The example fleet, with the air-gapped deployment declaring its transcripts database. */
const withDatabase = (entities: Entity[]) =>
  entities.map(entity =>
    entity.metadata.name === AIRGAPPED
      ? { ...entity, spec: { ...entity.spec, databases: [TRANSCRIPTS_DB] } }
      : entity,
  );

/** A permissions service that allows everything but `denied`. */
function allowAllBut(denied: string) {
  const decide = (requests: Array<{ permission: { name: string } }>) =>
    requests.map(r => ({
      result:
        r.permission.name === denied
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }));
  return mockServices.permissions.mock({
    authorize: async requests => decide(requests) as never,
    authorizeConditional: async requests => decide(requests) as never,
  }).factory;
}

async function startFleet(
  databaseId: TestDatabaseId,
  options: { denied?: string; changelog?: string } = {},
) {
  const knex = await databases.init(databaseId);
  const fleet = await startFleetBackend({
    knex,
    config: {
      releases: {
        index: EXAMPLE_RELEASE_INDEX,
        policy: EXAMPLE_RELEASE_POLICY,
        ...(options.changelog && { changelog: options.changelog }),
      },
    },
    entities: withDatabase,
    services: options.denied ? [allowAllBut(options.denied)] : [],
  });
  const { server, auth } = fleet;
  const api = {
    get: (path_: string) =>
      request(server).get(path_).set('Authorization', auth),
    getBuffer: (path_: string) =>
      request(server)
        .get(path_)
        .set('Authorization', auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        }),
    put: (path_: string, body: unknown) =>
      request(server)
        .put(path_)
        .set('Authorization', auth)
        .send(body as object),
    post: (path_: string, body?: unknown) =>
      request(server)
        .post(path_)
        .set('Authorization', auth)
        .send((body ?? {}) as object),
  };
  const status = async (name: string) =>
    (await api.get(url(name))).body as DeploymentStatus;
  return { ...fleet, knex, api, status };
}

/** A tar's entries: name and mode (ustar headers: name at 0, mode at 100, size at 124). */
function tarEntries(gzipped: Buffer): Array<{ name: string; mode: number }> {
  const tar = zlib.gunzipSync(gzipped);
  const entries: Array<{ name: string; mode: number }> = [];
  const field = (start: number, length: number) =>
    tar
      .subarray(start, start + length)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  let offset = 0;
  while (offset + 512 <= tar.length && tar[offset] !== 0) {
    const size = parseInt(field(offset + 124, 12).trim() || '0', 8);
    entries.push({
      name: field(offset, 100),
      mode: parseInt(field(offset + 100, 8), 8),
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

const backupManifest = (overrides: Record<string, unknown> = {}) => ({
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'BackupManifest',
  spec: {
    component: 'transcripts-db',
    database: 'transcripts',
    takenAt: new Date(Date.now() - 3_600_000).toISOString(),
    bytes: 1_234_567,
    sha256: 'a'.repeat(64),
    retentionDays: 30,
    file: 'transcripts-db-20261204-020000.dump',
    ...overrides,
  },
});

function verificationOf(
  handout: BundleHandoutResponse,
  overrides: Record<string, unknown> = {},
) {
  const sums = handout.files.find(f => f.path === 'SHA256SUMS')!.content;
  return {
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: 'BundleVerification',
    spec: {
      manifestSha256: handout.bundle.id,
      sumsSha256: sha256(sums),
      result: 'verified',
      failed: [],
      checked: sums.trim().split('\n').length,
      checkedAt: new Date().toISOString(),
      ...overrides,
    },
  };
}

/** Each route, with the permission it needs and a request that succeeds with it. */
const ROUTES: Array<{
  route: string;
  permission: string;
  send: (api: Awaited<ReturnType<typeof startFleet>>['api']) => request.Test;
  ok: number;
}> = [
  {
    route: 'GET upgrade-plan',
    permission: 'fleet.deployment.read',
    send: api => api.get(url(AIRGAPPED, '/upgrade-plan?target=0.42.0')),
    ok: 200,
  },
  {
    route: 'GET upgrade-plan/files',
    permission: 'fleet.artifact.read',
    send: api => api.get(url(AIRGAPPED, '/upgrade-plan/files')),
    ok: 200,
  },
  {
    route: 'GET upgrade-plan.tar.gz',
    permission: 'fleet.artifact.read',
    send: api => api.get(url(AIRGAPPED, '/upgrade-plan.tar.gz')),
    ok: 200,
  },
  {
    route: 'GET values',
    permission: 'fleet.artifact.read',
    send: api => api.get(url(AIRGAPPED, '/values')),
    ok: 200,
  },
  {
    route: 'PUT values',
    permission: 'fleet.report.create',
    send: api =>
      api.put(url(AIRGAPPED, '/values'), { document: 'scaling: {}\n' }),
    ok: 200,
  },
  {
    route: 'GET bundles',
    permission: 'fleet.deployment.read',
    send: api => api.get(url(AIRGAPPED, '/bundles')),
    ok: 200,
  },
  {
    route: 'POST bundles',
    permission: 'fleet.artifact.read',
    send: api => api.post(url(AIRGAPPED, '/bundles'), { target: '0.42.0' }),
    ok: 201,
  },
  {
    route: 'POST bundles/verifications',
    permission: 'fleet.report.create',
    // A bundle the deployment does not have: allowed, then not found.
    send: api =>
      api.post(url(AIRGAPPED, '/bundles/verifications'), {
        apiVersion: 'fleetdeck.io/v1alpha1',
        kind: 'BundleVerification',
        spec: {
          manifestSha256: 'b'.repeat(64),
          sumsSha256: 'c'.repeat(64),
          result: 'verified',
          failed: [],
          checked: 3,
          checkedAt: new Date().toISOString(),
        },
      }),
    ok: 404,
  },
  {
    route: 'GET backups',
    permission: 'fleet.deployment.read',
    send: api => api.get(url(AIRGAPPED, '/backups')),
    ok: 200,
  },
  {
    route: 'POST backups',
    permission: 'fleet.report.create',
    send: api => api.post(url(AIRGAPPED, '/backups'), backupManifest()),
    ok: 201,
  },
];

describe.each(databases.eachSupportedId())('upgrade routes, %p', databaseId => {
  it.each(ROUTES)(
    '$route needs $permission on the deployment',
    async ({ permission, send, ok }) => {
      const allowed = await startFleet(databaseId);
      expect((await send(allowed.api)).status).toBe(ok);

      const refused = await startFleet(databaseId, { denied: permission });
      const response = await send(refused.api);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(permission);
    },
  );

  it('answers 404 for a deployment that does not exist', async () => {
    const { api } = await startFleet(databaseId);
    for (const rest of [
      '/upgrade-plan',
      '/upgrade-plan/files',
      '/values',
      '/bundles',
      '/backups',
    ]) {
      const response = await api.get(url('no-such-deployment', rest));
      expect({ rest, status: response.status }).toEqual({ rest, status: 404 });
    }
    expect(
      (
        await api.put(url('no-such-deployment', '/values'), {
          document: 'a: 1',
        })
      ).status,
    ).toBe(404);
  });

  describe('values', () => {
    it('records an upload, serves it, and gives the upgrade checks its keys', async () => {
      const { api, status } = await startFleet(databaseId);
      expect((await api.get(url(AIRGAPPED, '/values'))).body).toEqual({});
      const document = [
        'global:',
        '  deepgramLicenseSecretRef: dg-license-key',
        'scaling:',
        '  static:',
        '    engine:',
        '      replicas: 2',
        '',
      ].join('\n');
      const put = await api.put(url(AIRGAPPED, '/values'), { document });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({
        values: {
          document,
          source: 'upload',
          recordedAt: expect.any(String),
          sha256: sha256(document),
        },
      });
      expect((await api.get(url(AIRGAPPED, '/values'))).body).toEqual(put.body);
      // The values check reads the keys now on record: 2 leaves, none renamed since 0.40.2.
      const values = (await status(AIRGAPPED)).upgrade.checks.find(
        c => c.id === 'values',
      );
      expect(values?.message).toMatch(/none of the 2 values keys on record/);
    });

    it.each([
      [
        'a secret value, named by its key',
        'global:\n  deepgramApiKey: "dg_4f9c1a7e2b8d4c6f9a1e3b5d7c9f2a4e6b8d0c1a"\n',
        /global\.deepgramApiKey looks like .*\(not shown\)/,
      ],
      [
        'a password under its key',
        'postgres:\n  password: hunter2-Prod-2026\n',
        /postgres\.password looks like/,
      ],
      [
        'a list instead of a mapping',
        '- engine\n- api\n',
        /must be a YAML mapping/,
      ],
      ['text that is not YAML', 'scaling: [\n', /not valid YAML \(line/],
    ])(
      'refuses %s with 400 and stores nothing',
      async (_, document, message) => {
        const { api, knex } = await startFleet(databaseId);
        const response = await api.put(url(AIRGAPPED, '/values'), { document });
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(message);
        expect(JSON.stringify(response.body)).not.toMatch(
          /dg_4f9c1a7e|hunter2/,
        );
        expect(await knex('fleet_deployment_values')).toEqual([]);
        expect((await api.get(url(AIRGAPPED, '/values'))).body).toEqual({});
      },
    );

    it('refuses a body without a document, and one over 256 KiB', async () => {
      const { api } = await startFleet(databaseId);
      const missing = await api.put(url(AIRGAPPED, '/values'), {});
      expect(missing.status).toBe(400);
      const large = await api.put(url(AIRGAPPED, '/values'), {
        document: `a: "${'x'.repeat(300 * 1024)}"\n`,
      });
      expect(large.status).toBe(400);
      expect(large.body.error.message).toMatch(/more than 262144/);
    });
  });

  describe('update bundles', () => {
    it('hands out a bundle for an air-gapped deployment, serves its kit, and records its verification', async () => {
      const { api } = await startFleet(databaseId);
      const posted = await api.post(url(AIRGAPPED, '/bundles'), {
        target: '0.42.0',
      });
      expect(posted.status).toBe(201);
      const handout = posted.body as BundleHandoutResponse;
      expect(handout.bundle).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{64}$/),
        from: '0.40.2',
        target: '0.42.0',
        deliveredAt: expect.any(String),
        deliveredBy: 'user:default/mock',
      });
      // The id is the manifest file's digest, so the customer can check it with sha256sum.
      const manifestFile = handout.files.find(f => f.path === 'MANIFEST.json');
      expect(sha256(manifestFile!.content)).toBe(handout.bundle.id);

      expect((await api.get(url(AIRGAPPED, '/bundles'))).body).toEqual({
        items: [handout.bundle],
      });

      const kit = await api.getBuffer(
        url(AIRGAPPED, `/bundles/${handout.bundle.id}/kit.tar.gz`),
      );
      expect(kit.status).toBe(200);
      expect(kit.headers['content-type']).toBe('application/gzip');
      expect(tarEntries(kit.body)).toEqual(
        expect.arrayContaining([
          { name: `${AIRGAPPED}/SHA256SUMS`, mode: 0o644 },
          { name: `${AIRGAPPED}/verify-bundle.sh`, mode: 0o755 },
        ]),
      );
      for (const id of [
        'f'.repeat(64),
        'ghp_0123456789abcdefghijABCDEFGHIJ012345',
      ]) {
        const unknown = await api.get(
          url(AIRGAPPED, `/bundles/${id}/kit.tar.gz`),
        );
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.message).not.toContain('ghp_');
      }

      // A failed check first (a file missing on site), then the good one after a re-copy.
      const failed = await api.post(
        url(AIRGAPPED, '/bundles/verifications'),
        verificationOf(handout, {
          result: 'failed',
          failed: ['images/engine-release-261120.tar'],
          checkedAt: new Date(Date.now() - 60_000).toISOString(),
        }),
      );
      expect(failed.status).toBe(200);
      expect(failed.body.bundle).toMatchObject({
        verification: 'failed',
        failedFiles: ['images/engine-release-261120.tar'],
      });

      const verified = await api.post(
        url(AIRGAPPED, '/bundles/verifications'),
        verificationOf(handout),
      );
      expect(verified.status).toBe(200);
      expect(verified.body.bundle).toMatchObject({
        id: handout.bundle.id,
        verification: 'verified',
        failedFiles: [],
      });
      expect((await api.get(url(AIRGAPPED, '/bundles'))).body.items).toEqual([
        verified.body.bundle,
      ]);
    });

    it.each([
      [CONNECTED, {}, /connected deployment.*needs no offline update bundle/],
      [AIRGAPPED, { target: '9.9.9' }, /Unknown target "9\.9\.9"/],
      [AIRGAPPED, { target: '0.38.0' }, /not newer than 0\.40\.2/],
      [AIRGAPPED, { target: 42 }, /target/],
    ])(
      'refuses a bundle for %s with %j, recording nothing',
      async (name, body, message) => {
        const { api, knex } = await startFleet(databaseId);
        const response = await api.post(url(name, '/bundles'), body);
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(message);
        expect(await knex('fleet_update_bundles')).toEqual([]);
      },
    );

    it('refuses an invalid verification with 400', async () => {
      const { api } = await startFleet(databaseId);
      const response = await api.post(
        url(AIRGAPPED, '/bundles/verifications'),
        { kind: 'BundleVerification', spec: { manifestSha256: 'nope' } },
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /Invalid bundle verification: .*manifestSha256/,
      );
    });
  });

  describe('backups', () => {
    it('records a manifest once, and lists the latest backup per component', async () => {
      const { api } = await startFleet(databaseId);
      const first = await api.post(
        url(AIRGAPPED, '/backups'),
        backupManifest(),
      );
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        created: true,
        backup: { component: 'transcripts-db', bytes: 1_234_567 },
      });
      const again = await api.post(
        url(AIRGAPPED, '/backups'),
        backupManifest(),
      );
      expect(again.status).toBe(200);
      expect(again.body.created).toBe(false);
      const newer = backupManifest({
        sha256: 'b'.repeat(64),
        takenAt: new Date(Date.now() - 60_000).toISOString(),
      });
      expect((await api.post(url(AIRGAPPED, '/backups'), newer)).status).toBe(
        201,
      );
      const { items } = (await api.get(url(AIRGAPPED, '/backups'))).body;
      expect(items).toEqual([
        expect.objectContaining({
          component: 'transcripts-db',
          sha256: 'b'.repeat(64),
        }),
      ]);
    });

    it.each([
      [
        'a component the deployment does not declare',
        backupManifest({ component: 'billing-db' }),
        /"billing-db" is not one of .*databases \(transcripts-db\)/,
      ],
      [
        'another database of the component',
        backupManifest({ database: 'postgres' }),
        /transcripts-db dumps "transcripts"/,
      ],
      [
        'a backup dated ahead of the clock',
        backupManifest({
          takenAt: new Date(Date.now() + 86_400_000).toISOString(),
        }),
        /ahead of the portal's clock/,
      ],
      [
        'an invalid manifest',
        { kind: 'BackupManifest' },
        /Invalid backup manifest/,
      ],
    ])('refuses %s with 400, recording nothing', async (_, body, message) => {
      const { api, knex } = await startFleet(databaseId);
      const response = await api.post(url(AIRGAPPED, '/backups'), body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
      expect(await knex('fleet_backups')).toEqual([]);
    });

    it('takes backup manifests and bundle verifications from the inbox', async () => {
      const { api, dir, scheduler, knex } = await startFleet(databaseId);
      const handout = (
        await api.post(url(AIRGAPPED, '/bundles'), { target: '0.42.0' })
      ).body as BundleHandoutResponse;
      const inbox = dir.resolve('inbox');
      fs.mkdirSync(path.join(inbox, AIRGAPPED), { recursive: true });
      fs.writeFileSync(
        path.join(inbox, AIRGAPPED, 'transcripts-db-20261204.manifest.json'),
        JSON.stringify(backupManifest()),
      );
      fs.writeFileSync(
        path.join(inbox, AIRGAPPED, 'bundle-verification.json'),
        JSON.stringify(
          verificationOf(handout, {
            result: 'failed',
            failed: ['images/engine.tar'],
          }),
        ),
      );
      fs.writeFileSync(
        path.join(inbox, AIRGAPPED, 'other-db.manifest.json'),
        JSON.stringify(backupManifest({ component: 'other-db' })),
      );

      await scheduler.trigger(JOURNAL_INBOX_TASK_ID);

      const processed = path.join(inbox, 'processed', AIRGAPPED);
      expect(fs.readdirSync(processed).sort()).toEqual([
        'bundle-verification.json',
        'transcripts-db-20261204.manifest.json',
      ]);
      const rejected = path.join(inbox, 'rejected', AIRGAPPED);
      expect(
        fs.readFileSync(
          path.join(rejected, 'other-db.manifest.json.error.txt'),
          'utf8',
        ),
      ).toMatch(/"other-db" is not one of/);
      expect(await knex('fleet_backups')).toHaveLength(1);
      expect((await api.get(url(AIRGAPPED, '/backups'))).body.items).toEqual([
        expect.objectContaining({ component: 'transcripts-db' }),
      ]);
      expect((await api.get(url(AIRGAPPED, '/bundles'))).body.items).toEqual([
        expect.objectContaining({
          id: handout.bundle.id,
          verification: 'failed',
          failedFiles: ['images/engine.tar'],
        }),
      ]);
    });
  });

  describe('upgrade readiness', () => {
    const checkOf = async (
      api: Awaited<ReturnType<typeof startFleet>>['api'],
      id: string,
    ) =>
      (
        (await api.get(url(AIRGAPPED, '?target=0.42.0')))
          .body as DeploymentStatus
      ).upgrade.checks.find(c => c.id === id);

    it('moves the bundle check from fail to warn when a bundle is handed out, and to pass when it is verified', async () => {
      const { api, status } = await startFleet(databaseId);
      expect(await checkOf(api, 'bundle')).toMatchObject({
        outcome: 'fail',
        message: expect.stringContaining('no update bundle for 0.42.0'),
      });
      const handout = (
        await api.post(url(AIRGAPPED, '/bundles'), { target: '0.42.0' })
      ).body as BundleHandoutResponse;
      expect(await checkOf(api, 'bundle')).toMatchObject({
        outcome: 'warn',
      });
      await api.post(
        url(AIRGAPPED, '/bundles/verifications'),
        verificationOf(handout),
      );
      expect(await checkOf(api, 'bundle')).toMatchObject({
        outcome: 'pass',
      });
      // The stored status was refreshed too, not only the what-if evaluation.
      const stored = (await status(AIRGAPPED)).upgrade;
      expect(stored.target).toBe('0.42.0');
      expect(stored.checks.find(c => c.id === 'bundle')?.outcome).toBe('pass');
    });

    it('moves the backup check from fail to pass when a recent backup arrives', async () => {
      const { api } = await startFleet(databaseId);
      expect(await checkOf(api, 'backup')).toMatchObject({
        outcome: 'fail',
      });
      await api.post(url(AIRGAPPED, '/backups'), backupManifest());
      expect(await checkOf(api, 'backup')).toMatchObject({
        outcome: 'pass',
      });
    });
  });

  describe('upgrade plans', () => {
    it('serves the plan, its files with the collector, and the same files as an archive', async () => {
      const { api } = await startFleet(databaseId);
      const plan = await api.get(url(AIRGAPPED, '/upgrade-plan?target=0.42.0'));
      expect(plan.status).toBe(200);
      expect(plan.body.plan).toMatchObject({
        deployment: `customerdeployment:default/${AIRGAPPED}`,
        from: '0.40.2',
        target: '0.42.0',
      });

      const files = await api.get(
        url(AIRGAPPED, '/upgrade-plan/files?target=0.42.0'),
      );
      expect(files.status).toBe(200);
      const collector = files.body.files.find(
        (f: { path: string }) => f.path === 'collect-status.sh',
      );
      expect(collector).toMatchObject({ mode: 0o755 });
      expect(collector.content).toContain(AIRGAPPED);

      const archive = await api.getBuffer(
        url(AIRGAPPED, '/upgrade-plan.tar.gz?target=0.42.0'),
      );
      expect(archive.status).toBe(200);
      expect(archive.headers['content-disposition']).toBe(
        `attachment; filename="${AIRGAPPED}-upgrade-0.42.0.tar.gz"`,
      );
      const names = tarEntries(archive.body).map(e => e.name);
      expect(names[0]).toBe(`${AIRGAPPED}/`);
      expect(names).toEqual(
        expect.arrayContaining(
          files.body.files.map(
            (f: { path: string }) => `${AIRGAPPED}/${f.path}`,
          ),
        ),
      );
    });

    it('plans from the values on record, with the release notes, the database backup and a values file per step', async () => {
      const changelogDir = createMockDirectory();
      changelogDir.setContent({
        'CHANGELOG.md': [
          '# Changelog',
          '',
          '## [0.42.0] - 2026-11-20',
          '',
          '- Added fluxTts.',
          '',
          '## [0.41.1] - 2026-10-30',
          '',
          '- Fixed LD_LIBRARY_PATH for older Engine images.',
          '',
        ].join('\n'),
      });
      const { api } = await startFleet(databaseId, {
        changelog: changelogDir.resolve('CHANGELOG.md'),
      });
      const document = 'scaling:\n  replicas:\n    engine: 4\n';
      await api.put(url(AIRGAPPED, '/values'), { document });

      const { body } = await api.get(url(AIRGAPPED, '/upgrade-plan/files'));
      const { plan, files } = body as UpgradePlanFilesResponse;
      expect(plan).toMatchObject({ from: '0.40.2', valuesSource: 'upload' });
      const last = plan.steps[plan.steps.length - 1];
      expect(last).toMatchObject({ to: '0.42.0', values: document });
      // 0.41.1 migrates the database this deployment declares: a backup first, restored on rollback.
      expect(plan.steps.some(step => step.migratesDatabase)).toBe(true);
      expect(
        plan.steps.flatMap(step => step.commands.rollback).join('\n'),
      ).toMatch(/pg_restore/);
      expect(files.map(f => f.path)).toEqual(
        expect.arrayContaining([
          'UPGRADE.md',
          'values/0.42.0.yaml',
          'collect-status.sh',
        ]),
      );
      // The release notes of every release passed, from the configured CHANGELOG.
      const notes = files.find(f => f.path === 'RELEASE-NOTES.md')?.content;
      expect(notes).toContain('Added fluxTts');
      expect(notes).toContain('Fixed LD_LIBRARY_PATH');
    });

    it('refuses an unknown target with 400 naming the releases', async () => {
      const { api } = await startFleet(databaseId);
      const response = await api.get(
        url(AIRGAPPED, '/upgrade-plan?target=7.0.0'),
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /Unknown target "7\.0\.0" for chart deepgram-self-hosted; available: 0\.42\.0/,
      );
    });
  });
});
