import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { FleetClient } from './FleetClient';
import {
  backupObservation,
  bundleObservation,
  upgradePlan,
  valuesObservation,
} from '../__fixtures__/upgrades';

const baseUrl = 'http://fleet.test/api/fleet';
const deployment = `${baseUrl}/deployments/:namespace/:name`;

/** What a request reached the backend with. */
type Seen = {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  body: string;
};

describe('FleetClient upgrade plan, values, bundles and backups', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new FleetClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://fleet.test' }),
    fetchApi: new MockFetchApi({
      injectIdentityAuth: { identityApi: mockApis.identity({ token: 'tkn' }) },
    }),
    identityApi: mockApis.identity({ token: 'tkn' }),
  });

  /** Answers `method path` with `answer` and records every request to it. */
  function serve(
    method: 'get' | 'post' | 'put',
    path: string,
    answer: () => Response,
  ): Seen[] {
    const seen: Seen[] = [];
    server.use(
      http[method](`${deployment}${path}`, async ({ request }) => {
        const url = new URL(request.url);
        seen.push({
          method: request.method,
          path: `${url.pathname}${url.search}`,
          authorization: request.headers.get('Authorization'),
          contentType: request.headers.get('Content-Type'),
          body: await request.text(),
        });
        return answer();
      }),
    );
    return seen;
  }

  function backendError(status: number, name: string, message: string) {
    return HttpResponse.json(
      {
        error: { name, message },
        request: {
          method: 'PUT',
          url: '/deployments/default/acme-prod/values',
        },
        response: { statusCode: status },
      },
      { status },
    );
  }

  const tarGz = (fileName: string) =>
    new HttpResponse(new Uint8Array([0x1f, 0x8b, 8]), {
      headers: {
        'Content-Type': 'application/gzip',
        'Content-Disposition': `attachment; filename="${fileName}"`,
      },
    });

  it('gets the upgrade plan for the chosen target, or the default one, with the token', async () => {
    const plan = upgradePlan();
    const seen = serve('get', '/upgrade-plan', () =>
      HttpResponse.json({ plan }),
    );

    await expect(
      client.getUpgradePlan('customerdeployment:emea/acme-prod', {
        target: '0.42.0',
      }),
    ).resolves.toEqual({ plan });
    await client.getUpgradePlan('acme-dr');

    expect(seen.map(request => request.path)).toEqual([
      '/api/fleet/deployments/emea/acme-prod/upgrade-plan?target=0.42.0',
      '/api/fleet/deployments/default/acme-dr/upgrade-plan',
    ]);
    expect(seen[0].authorization).toBe('Bearer tkn');
  });

  it('gets the plan with its files', async () => {
    const answer = {
      plan: upgradePlan(),
      files: [{ path: 'UPGRADE.md', content: '# Upgrade\n' }],
    };
    const seen = serve('get', '/upgrade-plan/files', () =>
      HttpResponse.json(answer),
    );

    await expect(
      client.getUpgradePlanFiles('acme-prod', { target: '0.41.1' }),
    ).resolves.toEqual(answer);
    expect(seen.map(request => request.path)).toEqual([
      '/api/fleet/deployments/default/acme-prod/upgrade-plan/files?target=0.41.1',
    ]);
  });

  it('downloads the plan as a .tar.gz with the name the backend suggests', async () => {
    const seen = serve('get', '/upgrade-plan.tar.gz', () =>
      tarGz('acme-prod-upgrade-0.42.0.tar.gz'),
    );

    const download = await client.downloadUpgradePlanArchive('acme-prod', {
      target: '0.42.0',
    });

    expect(seen.map(request => request.path)).toEqual([
      '/api/fleet/deployments/default/acme-prod/upgrade-plan.tar.gz?target=0.42.0',
    ]);
    expect(download.fileName).toBe('acme-prod-upgrade-0.42.0.tar.gz');
    expect(new Uint8Array(await download.content.arrayBuffer())).toEqual(
      new Uint8Array([0x1f, 0x8b, 8]),
    );
  });

  it('rejects a plan the user may not read with a 403 ResponseError', async () => {
    serve('get', '/upgrade-plan', () =>
      backendError(403, 'NotAllowedError', 'Unauthorized'),
    );

    await expect(client.getUpgradePlan('acme-prod')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });

  it('gets the values on record', async () => {
    const values = valuesObservation();
    const seen = serve('get', '/values', () => HttpResponse.json({ values }));

    await expect(client.getValues('acme-prod')).resolves.toEqual({ values });
    expect(seen.map(request => request.path)).toEqual([
      '/api/fleet/deployments/default/acme-prod/values',
    ]);
  });

  it('puts a values document as JSON { document }', async () => {
    const document = 'scaling:\n  replicas:\n    engine: 3\n';
    const values = valuesObservation({ document, source: 'upload' });
    const seen = serve('put', '/values', () => HttpResponse.json({ values }));

    await expect(client.uploadValues('acme-prod', document)).resolves.toEqual({
      values,
    });

    expect(seen).toEqual([
      {
        method: 'PUT',
        path: '/api/fleet/deployments/default/acme-prod/values',
        authorization: 'Bearer tkn',
        contentType: 'application/json',
        body: JSON.stringify({ document }),
      },
    ]);
  });

  it("rejects a refused values document with the backend's message as the cause", async () => {
    const message =
      'global.deepgramApiKey holds a secret value; reference a Secret by name (global.deepgramSecretRef) instead';
    serve('put', '/values', () => backendError(400, 'InputError', message));

    await expect(
      client.uploadValues('acme-prod', 'global:\n  deepgramApiKey: abc\n'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: { name: 'InputError', message },
    });
  });

  it('lists the bundles handed out', async () => {
    const items = [bundleObservation()];
    const seen = serve('get', '/bundles', () => HttpResponse.json({ items }));

    await expect(client.listBundles('acme-prod')).resolves.toEqual({ items });
    expect(seen.map(request => request.path)).toEqual([
      '/api/fleet/deployments/default/acme-prod/bundles',
    ]);
  });

  it('hands out a bundle for the target, or for the default one with an empty body', async () => {
    const answer = { bundle: bundleObservation(), manifest: {}, files: [] };
    const seen = serve('post', '/bundles', () => HttpResponse.json(answer));

    await expect(
      client.handOutBundle('acme-prod', { target: '0.42.0' }),
    ).resolves.toEqual(answer);
    await client.handOutBundle('acme-prod');

    expect(
      seen.map(({ method, contentType, body }) => ({
        method,
        contentType,
        body,
      })),
    ).toEqual([
      {
        method: 'POST',
        contentType: 'application/json',
        body: '{"target":"0.42.0"}',
      },
      { method: 'POST', contentType: 'application/json', body: '{}' },
    ]);
  });

  it('downloads a bundle kit by its id', async () => {
    const id = 'd'.repeat(64);
    const seen = serve('get', '/bundles/:id/kit.tar.gz', () =>
      tarGz('acme-prod-0.42.0-kit.tar.gz'),
    );

    const download = await client.downloadBundleKit('acme-prod', id);

    expect(seen.map(request => request.path)).toEqual([
      `/api/fleet/deployments/default/acme-prod/bundles/${id}/kit.tar.gz`,
    ]);
    expect(download.fileName).toBe('acme-prod-0.42.0-kit.tar.gz');
  });

  it("posts the customer's bundle-verification.json as it is", async () => {
    const verification =
      '{"apiVersion":"fleetdeck.io/v1alpha1","kind":"BundleVerification","spec":{"result":"verified"}}';
    const bundle = bundleObservation({ verification: 'verified' });
    const seen = serve('post', '/bundles/verifications', () =>
      HttpResponse.json({ bundle }),
    );

    await expect(
      client.uploadBundleVerification('acme-prod', verification),
    ).resolves.toEqual({ bundle });
    expect(seen).toEqual([
      {
        method: 'POST',
        path: '/api/fleet/deployments/default/acme-prod/bundles/verifications',
        authorization: 'Bearer tkn',
        contentType: 'application/json',
        body: verification,
      },
    ]);
  });

  it('rejects a hand-out for a connected deployment with a 400 ResponseError', async () => {
    serve('post', '/bundles', () =>
      backendError(
        400,
        'InputError',
        'acme-staging is connected; update bundles are for air-gapped deployments',
      ),
    );

    await expect(client.handOutBundle('acme-staging')).rejects.toMatchObject({
      statusCode: 400,
      cause: {
        message:
          'acme-staging is connected; update bundles are for air-gapped deployments',
      },
    });
  });

  it('lists the latest backups', async () => {
    const items = [backupObservation(3)];
    const seen = serve('get', '/backups', () => HttpResponse.json({ items }));

    await expect(client.listBackups('acme-prod')).resolves.toEqual({ items });
    expect(seen.map(request => request.path)).toEqual([
      '/api/fleet/deployments/default/acme-prod/backups',
    ]);
  });
});
