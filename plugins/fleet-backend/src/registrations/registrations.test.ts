import zlib from 'node:zlib';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { fleetPlugin } from '../plugin';
import {
  FAKE_LICENSE_KEY,
  registrationRequest,
} from './__testUtils__/registration';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

/** A deployment that came from a catalog-info.yaml, not from the portal. */
const FROM_GIT: Entity = {
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'CustomerDeployment',
  metadata: {
    name: 'globex-prod',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location':
        'url:https://git.example/catalog-info.yaml',
    },
  },
  spec: {},
};

/** Lists a tar's entry names (ustar headers: name at 0, size in octal at 124). */
function tarEntries(gzipped: Buffer): string[] {
  const tar = zlib.gunzipSync(gzipped);
  const names: string[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length && tar[offset] !== 0) {
    const name = tar
      .subarray(offset, offset + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    const size = parseInt(
      tar
        .subarray(offset + 124, offset + 136)
        .toString('utf8')
        .trim() || '0',
      8,
    );
    names.push(name);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

/** A deployment from a catalog-info.yaml on the backend's disk: its path is not for users. */
const FROM_FILE: Entity = {
  ...FROM_GIT,
  metadata: {
    name: 'initech-prod',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location':
        'file:/srv/backstage/catalog/initech/catalog-info.yaml',
    },
  },
};

describe.each(databases.eachSupportedId())(
  'registrations API on %p',
  databaseId => {
    async function start(options: { deny?: boolean } = {}) {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const { server } = await startTestBackend({
        features: [
          fleetPlugin,
          catalogServiceMock.factory({ entities: [FROM_GIT, FROM_FILE] }),
          mockServices.database.factory({ knex }),
          ...(options.deny
            ? [
                mockServices.permissions.factory({
                  result: AuthorizeResult.DENY,
                }),
              ]
            : []),
        ],
      });
      const auth = mockCredentials.user.header();
      return {
        knex,
        post: (body: object) =>
          request(server)
            .post('/api/fleet/registrations')
            .set('Authorization', auth)
            .send(body),
        get: (url: string) =>
          request(server).get(`/api/fleet${url}`).set('Authorization', auth),
      };
    }

    it("takes the registration's values.yaml as the deployment's values from onboarding", async () => {
      const api = await start();
      expect((await api.post(registrationRequest())).status).toBe(201);
      const ref = 'customerdeployment:default/acme-prod';
      const [row] = await api.knex('fleet_deployment_values');
      expect(row).toMatchObject({
        entity_ref: ref,
        source: 'onboarding',
        document: registrationRequest().artifacts[0].content,
        recorded_by: 'user:default/mock',
      });
      const observations = JSON.parse(
        (
          await api
            .knex('fleet_observations')
            .where({ entity_ref: ref })
            .first()
        ).observations,
      );
      expect(observations.valuesKeys).toEqual(['billing.enabled']);
      expect(observations.values).toMatchObject({ source: 'onboarding' });
    });

    it('registers a deployment and serves its files, one by one and as one archive', async () => {
      const api = await start();
      const created = await api.post(registrationRequest());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRef: 'customerdeployment:default/acme-prod',
        taskId: 'task-1',
        registeredBy: 'user:default/mock',
      });

      const list = await api.get('/registrations');
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          entityRef: 'customerdeployment:default/acme-prod',
          deployment: registrationRequest().deployment,
          customer: registrationRequest().customer,
        }),
      ]);

      const artifacts = await api.get(
        '/deployments/default/acme-prod/artifacts',
      );
      expect(artifacts.status).toBe(200);
      expect(artifacts.body.items.map((a: { name: string }) => a.name)).toEqual(
        ['RUNBOOK.md', 'collect-status.sh', 'values.yaml'],
      );

      const values = await api.get(
        '/deployments/default/acme-prod/artifacts/values.yaml',
      );
      expect(values.status).toBe(200);
      expect(values.headers['content-disposition']).toBe(
        'attachment; filename="values.yaml"',
      );
      expect(values.text).toBe(registrationRequest().artifacts[0].content);

      const archive = await api
        .get('/deployments/default/acme-prod/artifacts.tar.gz')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(archive.status).toBe(200);
      expect(archive.headers['content-type']).toBe('application/gzip');
      expect(tarEntries(archive.body)).toEqual(
        expect.arrayContaining([
          'acme-prod/',
          'acme-prod/values.yaml',
          'acme-prod/RUNBOOK.md',
          'acme-prod/collect-status.sh',
        ]),
      );
    });

    it('lets the same template run register again, and refuses another run (409)', async () => {
      const api = await start();
      expect((await api.post(registrationRequest())).status).toBe(201);
      expect((await api.post(registrationRequest())).status).toBe(200);
      const other = await api.post(registrationRequest('acme-prod', 'task-2'));
      expect(other.status).toBe(409);
      expect(other.body.error.message).toContain(
        'customerdeployment:default/acme-prod was already registered',
      );
    });

    it('never shows a server path in a 409 (a file: location)', async () => {
      const api = await start();
      const response = await api.post(registrationRequest('initech-prod'));
      expect(response.status).toBe(409);
      expect(response.body.error.message).toBe(
        'customerdeployment:default/initech-prod is already in the catalog (from a catalog file on the backend); choose another deployment name',
      );
      expect(response.body.error.message).not.toContain('/srv/backstage');
    });

    it('refuses a name the catalog already has from elsewhere (409)', async () => {
      const api = await start();
      const response = await api.post(registrationRequest('globex-prod'));
      expect(response.status).toBe(409);
      expect(response.body.error.message).toContain(
        'url:https://git.example/catalog-info.yaml',
      );
    });

    it('refuses a secret value in a file, naming the file and line, never echoing it (400)', async () => {
      const api = await start();
      const body = registrationRequest();
      body.artifacts[0].content += `# license: ${FAKE_LICENSE_KEY}\n`;
      const response = await api.post(body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(
        'artifacts values.yaml line 4',
      );
      expect(JSON.stringify(response.body)).not.toContain(FAKE_LICENSE_KEY);
      expect((await api.get('/registrations')).body.items).toEqual([]);
    });

    it('refuses a secret value in an entity, naming the field (400)', async () => {
      const api = await start();
      const body = registrationRequest();
      (body.deployment.spec!.license as { keySecretRef: string }).keySecretRef =
        FAKE_LICENSE_KEY;
      const response = await api.post(body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(
        'deployment.spec.license.keySecretRef',
      );
      expect(JSON.stringify(response.body)).not.toContain(FAKE_LICENSE_KEY);
    });

    it('refuses an invalid entity, unknown files and oversized files (400)', async () => {
      const api = await start();
      const invalid = registrationRequest();
      (invalid.deployment.spec as { profile: string }).profile = 'onprem';
      const invalidResponse = await api.post(invalid);
      expect(invalidResponse.status).toBe(400);
      expect(invalidResponse.body.error.message).toContain(
        'deployment.spec.profile',
      );

      const unknown = registrationRequest();
      (unknown.artifacts[0] as { name: string }).name = '../etc/passwd';
      expect((await api.post(unknown)).status).toBe(400);

      const big = registrationRequest();
      big.artifacts[1].content = 'x'.repeat(65 * 1024);
      const bigResponse = await api.post(big);
      expect(bigResponse.status).toBeGreaterThanOrEqual(400);
      expect(bigResponse.status).toBeLessThan(500);
    });

    it.each([
      ['a path traversal', '../../../tmp/fleet-escape'],
      ['a slash', 'acme/prod'],
      ['a quote', 'acme"prod'],
      ['CR/LF', 'acme\r\nprod'],
      ['non-ASCII', 'acmé-prod'],
      ['64 characters', 'a'.repeat(64)],
    ])(
      'refuses a deployment name with %s by the catalog rules, storing nothing (400)',
      async (_, name) => {
        const api = await start();
        const response = await api.post(registrationRequest(name));
        expect(response.status).toBe(400);
        expect(response.body.error.message).toContain(
          'deployment.metadata.name: must be a catalog name: 1 to 63 ASCII letters',
        );
        expect((await api.get('/registrations')).body.items).toEqual([]);
      },
    );

    it('refuses a Customer name and refs that break the catalog rules (400)', async () => {
      const api = await start();
      const customer = registrationRequest();
      customer.customer!.metadata.name = 'acme"corp';
      customer.deployment.spec!.customer = 'acme"corp';
      const response = await api.post(customer);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(
        'deployment.spec.customer: must be an entity ref',
      );

      const owner = registrationRequest();
      owner.deployment.spec!.owner = 'group:default/../../admins';
      const ownerResponse = await api.post(owner);
      expect(ownerResponse.status).toBe(400);
      expect(ownerResponse.body.error.message).toContain(
        'deployment.spec.owner: must be an entity ref',
      );
      expect((await api.get('/registrations')).body.items).toEqual([]);
    });

    it('admits four generated files of 64 KiB each, and refuses a larger body naming its limit (413)', async () => {
      const api = await start();
      const full = registrationRequest();
      full.artifacts = full.artifacts.map(a => ({
        ...a,
        content: `${a.content}${'#'.repeat(
          64 * 1024 - a.content.length - 1,
        )}\n`,
      }));
      full.artifacts.push({
        name: 'backup-cronjobs.yaml',
        content: `${'# x\n'.repeat(16 * 1024)}`,
      });
      expect(full.artifacts).toHaveLength(4);
      const response = await api.post(full);
      expect(response.status).toBe(201);

      const huge = registrationRequest('acme-dr');
      huge.artifacts[0].content = '#'.repeat(2 * 1024 * 1024);
      const hugeResponse = await api.post(huge);
      expect(hugeResponse.status).toBe(413);
      expect(hugeResponse.body.error.message).toMatch(
        /^The registration is larger than 640 KiB; each generated file may be 64 KiB at most$/,
      );
    });

    it('builds the archive in memory with fixed entry names and modes', async () => {
      const api = await start();
      expect((await api.post(registrationRequest())).status).toBe(201);
      const archive = await api
        .get('/deployments/default/acme-prod/artifacts.tar.gz')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(archive.headers['content-disposition']).toBe(
        'attachment; filename="acme-prod-onboarding.tar.gz"',
      );
      expect(tarEntries(archive.body)).toEqual([
        'acme-prod/',
        'acme-prod/RUNBOOK.md',
        'acme-prod/collect-status.sh',
        'acme-prod/values.yaml',
      ]);
      const tar = zlib.gunzipSync(archive.body);
      const modeOf = (index: number) =>
        tar.subarray(index + 100, index + 107).toString('ascii');
      // RUNBOOK.md's header at block 1, collect-status.sh's after its one block of text.
      expect(modeOf(512)).toBe('0000644');
      expect(modeOf(512 * 3)).toBe('0000755');
    });

    it('answers 404 for the files of a deployment not registered through the portal', async () => {
      const api = await start();
      const response = await api.get(
        '/deployments/default/globex-prod/artifacts',
      );
      expect(response.status).toBe(404);
      expect(response.body.error.message).toContain(
        'was not registered through the portal',
      );
      expect(
        (
          await api.get(
            '/deployments/default/globex-prod/artifacts/values.yaml',
          )
        ).status,
      ).toBe(404);
    });

    it('needs the permission fleet.registration.create (403)', async () => {
      const api = await start({ deny: true });
      const response = await api.post(registrationRequest());
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(
        'fleet.registration.create',
      );
    });
  },
);
