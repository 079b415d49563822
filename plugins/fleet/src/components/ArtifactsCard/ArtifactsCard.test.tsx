import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { FleetClient } from '../../api';
import { deploymentEntity } from '../../__fixtures__/entities';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { ArtifactsCard } from './ArtifactsCard';

const baseUrl = 'http://fleet.test/api/fleet';
const artifactsUrl = `${baseUrl}/deployments/default/acme-prod/artifacts`;

describe('ArtifactsCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new FleetClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://fleet.test' }),
    fetchApi: new MockFetchApi({
      injectIdentityAuth: { identityApi: mockApis.identity({ token: 'tkn' }) },
    }),
    identityApi: mockApis.identity({ token: 'tkn' }),
  });

  const saved: string[] = [];
  beforeEach(() => {
    saved.length = 0;
    URL.createObjectURL = jest.fn(() => 'blob:fleet');
    URL.revokeObjectURL = jest.fn();
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        saved.push(this.download);
      });
  });
  afterEach(() => jest.restoreAllMocks());

  function serveArtifacts() {
    const requested: string[] = [];
    server.use(
      http.get(artifactsUrl, () =>
        HttpResponse.json({
          entityRef: 'customerdeployment:default/acme-prod',
          registeredAt: '2026-11-26T10:00:00.000Z',
          items: [
            { name: 'RUNBOOK.md', bytes: 5321, sha256: 'a'.repeat(64) },
            { name: 'values.yaml', bytes: 812, sha256: 'b'.repeat(64) },
          ],
        }),
      ),
      http.get(`${artifactsUrl}/:file`, ({ request, params }) => {
        requested.push(
          `${params.file} ${request.headers.get('authorization')}`,
        );
        return new HttpResponse('billing:\n  enabled: true\n', {
          headers: {
            'Content-Disposition': `attachment; filename="${params.file}"`,
          },
        });
      }),
      http.get(`${artifactsUrl}.tar.gz`, () => {
        requested.push('archive');
        return new HttpResponse(new Uint8Array([0x1f, 0x8b]), {
          headers: {
            'Content-Type': 'application/gzip',
            'Content-Disposition':
              'attachment; filename="acme-prod-onboarding.tar.gz"',
          },
        });
      }),
    );
    return requested;
  }

  it('lists the generated files and downloads each with the user token', async () => {
    const requested = serveArtifacts();
    await renderEntityCard(deploymentEntity(), <ArtifactsCard />, client);

    expect(await screen.findByText('Generated files')).toBeInTheDocument();
    expect(
      await screen.findByText('Registered 2026-11-26'),
    ).toBeInTheDocument();
    expect(screen.getByText('812 B')).toBeInTheDocument();
    expect(screen.getByText('5.2 KiB')).toBeInTheDocument();
    expect(screen.getByText(/Helm values for the chart/)).toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', { name: 'Download values.yaml' }),
    );
    await waitFor(() => expect(saved).toEqual(['values.yaml']));
    expect(requested).toEqual(['values.yaml Bearer tkn']);
  });

  it('downloads every file as one archive', async () => {
    const requested = serveArtifacts();
    await renderEntityCard(deploymentEntity(), <ArtifactsCard />, client);

    fireEvent.click(
      await screen.findByRole('button', { name: 'Download all (.tar.gz)' }),
    );
    await waitFor(() => expect(saved).toEqual(['acme-prod-onboarding.tar.gz']));
    expect(requested).toEqual(['archive']);
  });

  it('says so when the deployment was not onboarded through the portal', async () => {
    server.use(
      http.get(artifactsUrl, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'not registered' },
            request: { method: 'GET', url: '/' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await renderEntityCard(deploymentEntity(), <ArtifactsCard />, client);

    expect(
      await screen.findByText(/was not onboarded through the portal/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Download all/ })).toBeNull();
  });

  it('shows other errors', async () => {
    server.use(
      http.get(artifactsUrl, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'database unavailable' },
            request: { method: 'GET', url: '/' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await renderEntityCard(deploymentEntity(), <ArtifactsCard />, client);

    expect(await screen.findByText(/database unavailable/)).toBeInTheDocument();
  });
});
