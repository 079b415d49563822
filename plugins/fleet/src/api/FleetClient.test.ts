import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ResponseError } from '@backstage/errors';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { FleetClient, deploymentQueryParams } from './FleetClient';
import {
  deploymentStatus,
  listResponse,
  releasesResponse,
} from '../__fixtures__/statuses';

const baseUrl = 'http://fleet.test/api/fleet';

describe('FleetClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new FleetClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://fleet.test' }),
    fetchApi: new MockFetchApi(),
  });

  /** Serves `body` at `path` and records the URL of every request. */
  function serve(path: string, body: object, init?: ResponseInit) {
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}${path}`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(body, init);
      }),
    );
    return urls;
  }

  it('lists deployments with the query in the query string', async () => {
    const response = listResponse([deploymentStatus()], { nextCursor: 'c2' });
    const urls = serve('/deployments', response);

    await expect(
      client.listDeployments({
        license: ['expired', 'expiring'],
        journal: ['overdue'],
        gpu: [],
        profile: ['airgapped'],
        customer: ['customer:default/acme', 'customer:emea/globex'],
        owner: ['group:default/solutions-east'],
        q: '  acme prod ',
        orderBy: 'license.expiresAt',
        order: 'asc',
        limit: 50,
        cursor: 'c1',
      }),
    ).resolves.toEqual(response);

    expect(urls).toHaveLength(1);
    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      license: 'expired,expiring',
      journal: 'overdue',
      profile: 'airgapped',
      customer: 'customer:default/acme,customer:emea/globex',
      owner: 'group:default/solutions-east',
      q: 'acme prod',
      orderBy: 'license.expiresAt',
      order: 'asc',
      limit: '50',
      cursor: 'c1',
    });
  });

  it('sends no query string for an empty query', async () => {
    const urls = serve('/deployments', listResponse([]));

    await client.listDeployments();

    expect(urls[0].search).toBe('');
  });

  it('gets one deployment by namespace and name, with an optional target', async () => {
    const status = deploymentStatus();
    const urls = serve('/deployments/:namespace/:name', status);

    await expect(
      client.getDeployment('customerdeployment:emea/acme-prod'),
    ).resolves.toEqual(status);
    await client.getDeployment(
      { kind: 'CustomerDeployment', namespace: 'default', name: 'acme-dr' },
      { target: '0.41.1' },
    );
    await client.getDeployment('acme-staging');

    expect(urls.map(url => `${url.pathname}${url.search}`)).toEqual([
      '/api/fleet/deployments/emea/acme-prod',
      '/api/fleet/deployments/default/acme-dr?target=0.41.1',
      '/api/fleet/deployments/default/acme-staging',
    ]);
  });

  it('gets the releases', async () => {
    serve('/releases', releasesResponse);

    await expect(client.getReleases()).resolves.toEqual(releasesResponse);
  });

  it("surfaces the backend's error as a ResponseError", async () => {
    serve(
      '/deployments',
      {
        error: {
          name: 'InputError',
          message: 'Invalid license status "lapsed"',
        },
        request: { method: 'GET', url: '/deployments' },
        response: { statusCode: 400 },
      },
      { status: 400 },
    );

    const error = await client.listDeployments({ q: 'x' }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      statusCode: 400,
      cause: {
        name: 'InputError',
        message: 'Invalid license status "lapsed"',
      },
    });
  });

  it('rejects with a 404 ResponseError for a deployment the backend does not know', async () => {
    serve(
      '/deployments/:namespace/:name',
      {
        error: {
          name: 'NotFoundError',
          message: 'No deployment default/unknown',
        },
        request: { method: 'GET', url: '/deployments/default/unknown' },
        response: { statusCode: 404 },
      },
      { status: 404 },
    );

    await expect(client.getDeployment('unknown')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: { name: 'NotFoundError' },
    });
  });
});

describe('deploymentQueryParams', () => {
  it('leaves out empty lists and blank text', () => {
    expect(
      deploymentQueryParams({
        license: [],
        q: '   ',
        health: ['unknown'],
      }).toString(),
    ).toBe('health=unknown');
  });
});
