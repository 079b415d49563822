import { File as NodeFile } from 'node:buffer';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ResponseError } from '@backstage/errors';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import {
  FleetClient,
  deploymentQueryParams,
  fileNameFromContentDisposition,
} from './FleetClient';
import { receipt, receiptPage } from '../__fixtures__/journals';
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
    fetchApi: new MockFetchApi({
      injectIdentityAuth: { identityApi: mockApis.identity({ token: 'tkn' }) },
    }),
    identityApi: mockApis.identity({ token: 'tkn' }),
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

describe('FleetClient journals', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const journals = `${baseUrl}/deployments/:namespace/:name/journals`;

  function clientWith(token?: string) {
    return new FleetClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://fleet.test' }),
      fetchApi: new MockFetchApi({
        injectIdentityAuth: { identityApi: mockApis.identity({ token }) },
      }),
      identityApi: mockApis.identity({ token }),
    });
  }

  function backendError(status: number, name: string, message: string) {
    return HttpResponse.json(
      {
        error: { name, message },
        request: {
          method: 'POST',
          url: '/deployments/default/acme-prod/journals',
        },
        response: { statusCode: status },
      },
      { status },
    );
  }

  it('lists journals with limit and cursor, carrying the token', async () => {
    const page = receiptPage([receipt()], { totalCount: 41, nextCursor: 'c2' });
    const requests: Request[] = [];
    server.use(
      http.get(journals, ({ request }) => {
        requests.push(request);
        return HttpResponse.json(page);
      }),
    );

    await expect(
      clientWith('tkn').listJournals('customerdeployment:emea/acme-prod', {
        limit: 20,
        cursor: 'c1',
      }),
    ).resolves.toEqual(page);
    await clientWith('tkn').listJournals({
      kind: 'CustomerDeployment',
      namespace: 'default',
      name: 'acme-dr',
    });

    const urls = requests.map(request => new URL(request.url));
    expect(urls.map(url => `${url.pathname}${url.search}`)).toEqual([
      '/api/fleet/deployments/emea/acme-prod/journals?limit=20&cursor=c1',
      '/api/fleet/deployments/default/acme-dr/journals',
    ]);
    expect(requests[0].headers.get('Authorization')).toBe('Bearer tkn');
  });

  it('downloads a journal with the name the backend suggests', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${journals}/:id/content`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return new HttpResponse('{"d":1}\n{"d":2}\n', {
          headers: {
            'Content-Type': 'application/octet-stream',
            'Content-Disposition':
              'attachment; filename="acme-prod-deepgram-billing-0.journal"',
          },
        });
      }),
    );

    const download = await clientWith('tkn').downloadJournal(
      'acme-prod',
      'r/1',
    );

    expect(paths).toEqual([
      '/api/fleet/deployments/default/acme-prod/journals/r%2F1/content',
    ]);
    expect(download.fileName).toBe('acme-prod-deepgram-billing-0.journal');
    await expect(download.content.text()).resolves.toBe('{"d":1}\n{"d":2}\n');
  });

  it('rejects a denied download with a 403 ResponseError', async () => {
    server.use(
      http.get(`${journals}/:id/content`, () =>
        backendError(403, 'NotAllowedError', 'Unauthorized'),
      ),
    );

    await expect(
      clientWith('tkn').downloadJournal('acme-prod', 'r-1'),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 403 });
  });

  it('uploads the file as the body with the token, the replica and the file name, and reports progress', async () => {
    const response = {
      receipts: [{ ...receipt(), duplicate: false }],
    };
    const requests: Array<{ url: URL; headers: Headers; body: string }> = [];
    server.use(
      http.post(journals, async ({ request }) => {
        requests.push({
          url: new URL(request.url),
          headers: request.headers,
          body: await request.text(),
        });
        return HttpResponse.json(response, { status: 201 });
      }),
    );
    // jsdom's File is not a Blob that msw's fetch conversion can read (it would send
    // "[object File]"); Node's File is, and a browser sends a DOM File's bytes itself.
    const file = new NodeFile(
      ['{"d":1,"s":"init"}\n{"d":2}\n'],
      'journal',
    ) as File;
    const progress: Array<[number, number]> = [];

    await expect(
      clientWith('tkn').uploadJournal(
        'customerdeployment:emea/acme-prod',
        file,
        {
          replica: 'deepgram-billing-2',
          onProgress: (loaded, total) => progress.push([loaded, total]),
        },
      ),
    ).resolves.toEqual(response);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(`${request.url.pathname}${request.url.search}`).toBe(
      '/api/fleet/deployments/emea/acme-prod/journals?replica=deepgram-billing-2&fileName=journal',
    );
    expect(request.headers.get('Authorization')).toBe('Bearer tkn');
    expect(request.headers.get('Content-Type')).toBe(
      'application/octet-stream',
    );
    expect(request.body).toBe('{"d":1,"s":"init"}\n{"d":2}\n');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toEqual([file.size, file.size]);
  });

  it('uploads without a replica and without a token for a guest', async () => {
    const requests: Request[] = [];
    server.use(
      http.post(journals, ({ request }) => {
        requests.push(request);
        return HttpResponse.json({ receipts: [] }, { status: 200 });
      }),
    );

    await clientWith(undefined).uploadJournal(
      'acme-prod',
      new File(['x'], 'backup-2026-11-20.tar.gz'),
    );

    expect(new URL(requests[0].url).search).toBe(
      '?fileName=backup-2026-11-20.tar.gz',
    );
    expect(requests[0].headers.get('Authorization')).toBeNull();
  });

  it("rejects a refused upload with a ResponseError carrying the backend's message", async () => {
    server.use(
      http.post(journals, () =>
        backendError(
          400,
          'InputError',
          'journal line 3 is not JSON; upload the file as written by the billing pod',
        ),
      ),
    );

    const error = await clientWith('tkn')
      .uploadJournal('acme-prod', new File(['nope'], 'journal'))
      .then(
        () => undefined,
        (e: unknown) => e,
      );

    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      statusCode: 400,
      cause: {
        name: 'InputError',
        message:
          'journal line 3 is not JSON; upload the file as written by the billing pod',
      },
    });
  });

  it('rejects with a 413 ResponseError for a file that is too large', async () => {
    server.use(
      http.post(journals, () =>
        backendError(413, 'PayloadTooLargeError', 'request entity too large'),
      ),
    );

    await expect(
      clientWith('tkn').uploadJournal('acme-prod', new File(['x'], 'big')),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 413,
      cause: { message: 'request entity too large' },
    });
  });

  it('rejects with an AbortError when the upload is cancelled, before or during it', async () => {
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>(resolve => {
      arrived = resolve;
    });
    server.use(
      http.post(journals, async () => {
        arrived();
        await new Promise(() => {});
        return HttpResponse.json({ receipts: [] });
      }),
    );
    const before = new AbortController();
    before.abort();
    await expect(
      clientWith('tkn').uploadJournal('acme-prod', new File(['x'], 'j'), {
        signal: before.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });

    const during = new AbortController();
    const upload = clientWith('tkn').uploadJournal(
      'acme-prod',
      new File(['x'], 'j'),
      { signal: during.signal },
    );
    await requestArrived;
    during.abort();
    await expect(upload).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('says so when the backend cannot be reached', async () => {
    server.use(http.post(journals, () => HttpResponse.error()));

    await expect(
      clientWith('tkn').uploadJournal('acme-prod', new File(['x'], 'journal')),
    ).rejects.toThrow(
      'Could not reach the fleet backend to upload journal; check the connection and try again',
    );
  });
});

describe('fileNameFromContentDisposition', () => {
  it('reads filename* first, then filename', () => {
    expect(
      fileNameFromContentDisposition(
        `attachment; filename="a.journal"; filename*=UTF-8''b%C3%A9.journal`,
      ),
    ).toBe('bé.journal');
    expect(
      fileNameFromContentDisposition(
        'attachment; filename="a \\"b\\".journal"',
      ),
    ).toBe('a "b".journal');
    expect(
      fileNameFromContentDisposition('attachment; filename=c.journal'),
    ).toBe('c.journal');
    expect(fileNameFromContentDisposition('attachment')).toBeUndefined();
    expect(fileNameFromContentDisposition(null)).toBeUndefined();
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
