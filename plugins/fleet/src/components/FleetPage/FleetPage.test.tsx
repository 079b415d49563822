import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, useLocation } from 'react-router-dom';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FleetOverview, FleetPage } from './FleetPage';
import { fleetApiRef, FleetApi, FleetClient } from '../../api';
import { mockFleetApi } from '../../__testUtils__/fleetApi';
import {
  deploymentStatus,
  listResponse,
  summaryOf,
} from '../../__fixtures__/statuses';

const prod = deploymentStatus();
const staging = deploymentStatus({
  entityRef: 'customerdeployment:default/globex-staging',
  title: 'Globex — staging',
  customer: 'customer:default/globex',
  profile: 'connected',
  chartVersion: '0.42.0',
  health: 'ok',
  license: {
    status: 'not-required',
    expiresAt: undefined,
    daysLeft: undefined,
  },
  journal: {
    status: 'not-applicable',
    replicas: [],
    lastReceivedAt: undefined,
  },
  gpu: { status: 'ok', allocatable: 8, requested: 4, required: 4 },
  upgrade: {
    status: 'up-to-date',
    current: '0.42.0',
    target: undefined,
    versionsBehind: 0,
    daysBehind: 0,
    checks: [],
  },
});

/** Shows where the app is, so tests can read the URL the page wrote. */
function LocationProbe() {
  const location = useLocation();
  return (
    <>
      <div data-testid="location">{`${location.pathname}${location.search}`}</div>
      <Link to="/fleet?health=critical">shared link</Link>
    </>
  );
}

function currentUrl(): URL {
  return new URL(
    screen.getByTestId('location').textContent ?? '',
    'http://localhost',
  );
}

function renderPage(
  fleetApi: FleetApi,
  url = '/fleet',
  element: JSX.Element = <FleetOverview />,
) {
  return renderInTestApp(
    <>
      {element}
      <LocationProbe />
    </>,
    {
      apis: [[fleetApiRef, fleetApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: [url],
    },
  );
}

function lastQuery(fleetApi: jest.Mocked<FleetApi>) {
  const { calls } = fleetApi.listDeployments.mock;
  return calls[calls.length - 1][0];
}

/** Waits until the last request was `expected` and its answer is on screen. */
async function expectRequest(
  fleetApi: jest.Mocked<FleetApi>,
  expected: object,
  match: 'equal' | 'partial' = 'equal',
) {
  await waitFor(() =>
    match === 'equal'
      ? expect(lastQuery(fleetApi)).toEqual(expected)
      : expect(lastQuery(fleetApi)).toMatchObject(expected),
  );
  await waitFor(() =>
    expect(screen.getByTestId('fleet-overview')).toHaveAttribute(
      'aria-busy',
      'false',
    ),
  );
}

/** The sort button in the header of the column `title`, if it is sortable. */
function sortButton(title: string): HTMLElement | null {
  return within(
    screen.getByRole('columnheader', { name: new RegExp(title) }),
  ).queryByRole('button');
}

/** The direction a column is sorted in, as its header shows it. */
function sortDirection(title: string): 'asc' | 'desc' | undefined {
  const button = sortButton(title);
  if (!button?.className.includes('MuiTableSortLabel-active')) {
    return undefined;
  }
  return button.querySelector('.MuiTableSortLabel-iconDirectionDesc')
    ? 'desc'
    : 'asc';
}

/** The tile button whose label is `label`. */
function tile(label: string): HTMLElement {
  return screen.getByRole('button', { name: new RegExp(label) });
}

describe('FleetPage', () => {
  it('counts what needs attention from the summary of the filtered fleet', async () => {
    const items = [prod, staging];
    const fleetApi = mockFleetApi({
      listDeployments: jest.fn().mockResolvedValue(
        listResponse(items, {
          totalCount: 230,
          summary: {
            ...summaryOf(items),
            total: 230,
            license: {
              valid: 200,
              expiring: 7,
              expired: 2,
              missing: 1,
              'not-required': 20,
            },
            journal: {
              fresh: 200,
              due: 10,
              overdue: 4,
              'never-received': 2,
              'not-applicable': 14,
            },
            gpu: { ok: 220, tight: 5, insufficient: 3, unknown: 2 },
            upgrade: {
              'up-to-date': 100,
              ready: 100,
              'ready-with-warnings': 20,
              blocked: 6,
              unknown: 4,
            },
            health: { ok: 150, warning: 50, critical: 21, unknown: 9 },
          },
        }),
      ),
    });
    renderPage(fleetApi);

    expect(
      await screen.findByRole('button', {
        name: /Licenses expired or missing/,
      }),
    ).toHaveTextContent(/^3/);
    expect(tile('Licenses expiring')).toHaveTextContent(/^7/);
    expect(tile('Journals overdue or never received')).toHaveTextContent(/^6/);
    expect(tile('Upgrades blocked')).toHaveTextContent(/^6/);
    expect(tile('GPU shortfalls')).toHaveTextContent(/^3/);
    expect(tile('Unknown')).toHaveTextContent(/^9/);
    expect(screen.getByText('Deployments (230)')).toBeInTheDocument();
    expect(fleetApi.listDeployments).toHaveBeenCalledTimes(1);
    expect(fleetApi.listDeployments).toHaveBeenCalledWith({ limit: 50 });
  });

  it('lists deployments with every signal in words, linked to their entities', async () => {
    renderPage(
      mockFleetApi({
        listDeployments: jest
          .fn()
          .mockResolvedValue(listResponse([prod, staging])),
      }),
    );

    const link = await screen.findByRole('link', {
      name: 'ACME — production',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/customerdeployment/acme-prod',
    );
    const row = link.closest('tr')!;
    expect(within(row).getByText('acme-prod')).toBeInTheDocument();
    expect(within(row).getByText('Critical')).toBeInTheDocument();
    expect(within(row).getByText('Air-gapped')).toBeInTheDocument();
    expect(within(row).getByText('0.40.2')).toBeInTheDocument();
    expect(within(row).getByText('Expiring')).toBeInTheDocument();
    expect(within(row).getByText('expires in 12 days')).toBeInTheDocument();
    expect(within(row).getByText('Overdue')).toBeInTheDocument();
    expect(
      within(row).getByText(
        /2 of 3 replicas returned · last received 3 days ago/,
      ),
    ).toBeInTheDocument();
    expect(within(row).getByText('Tight')).toBeInTheDocument();
    expect(
      within(row).getByText('6 allocatable · 4 requested · 6 needed'),
    ).toBeInTheDocument();
    expect(within(row).getByText('Ready with warnings')).toBeInTheDocument();
    expect(
      within(row).getByText('3 releases / 120 days behind → 0.42.0'),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /acme/, hidden: false }),
    ).toBeInTheDocument();
    const customerLink = within(row)
      .getAllByRole('link')
      .find(a => a.getAttribute('href') === '/catalog/default/customer/acme');
    expect(customerLink).toBeDefined();
    const ownerLink = within(row)
      .getAllByRole('link')
      .find(
        a => a.getAttribute('href') === '/catalog/default/group/solutions-east',
      );
    expect(ownerLink).toBeDefined();

    const stagingRow = screen
      .getByRole('link', { name: 'Globex — staging' })
      .closest('tr')!;
    expect(within(stagingRow).getByText('Not required')).toBeInTheDocument();
    expect(within(stagingRow).getByText('Up to date')).toBeInTheDocument();
  });

  it('puts the filter of a clicked tile in the URL and in the request, and takes it off again', async () => {
    const fleetApi = mockFleetApi();
    renderPage(fleetApi, '/fleet?profile=airgapped');

    const lapsed = await screen.findByRole('button', {
      name: /Licenses expired or missing/,
    });
    expect(lapsed).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(lapsed);

    await expectRequest(fleetApi, {
      license: ['expired', 'missing'],
      profile: ['airgapped'],
      limit: 50,
    });
    expect(currentUrl().searchParams.getAll('license')).toEqual([
      'expired',
      'missing',
    ]);
    expect(currentUrl().searchParams.get('profile')).toBe('airgapped');
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: /Licenses expired or missing/ }),
      ).toHaveAttribute('aria-pressed', 'true'),
    );

    await userEvent.click(tile('Licenses expired or missing'));

    await expectRequest(fleetApi, {
      profile: ['airgapped'],
      limit: 50,
    });
    expect(currentUrl().searchParams.has('license')).toBe(false);
  });

  it('reads filters, search and sort from the URL on load', async () => {
    const fleetApi = mockFleetApi();
    renderPage(
      fleetApi,
      '/fleet?license=expired,expiring&journal=overdue&gpu=bogus&profile=airgapped&customer=customer:default/acme&q=prod&orderBy=license.expiresAt&order=desc',
    );

    await screen.findByRole('link', { name: 'ACME — production' });
    expect(fleetApi.listDeployments).toHaveBeenCalledTimes(1);
    expect(fleetApi.listDeployments).toHaveBeenCalledWith({
      license: ['expired', 'expiring'],
      journal: ['overdue'],
      profile: ['airgapped'],
      customer: ['customer:default/acme'],
      q: 'prod',
      orderBy: 'license.expiresAt',
      order: 'desc',
      limit: 50,
    });
    expect(screen.getByRole('combobox', { name: 'License' })).toHaveTextContent(
      'Expired, Expiring',
    );
    expect(
      screen.getByRole('combobox', { name: 'Journals' }),
    ).toHaveTextContent('Overdue');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue(
      'prod',
    );
    expect(
      screen.getByText('Customer: customer:default/acme'),
    ).toBeInTheDocument();
    expect(sortDirection('License')).toBe('desc');
    expect(sortDirection('Deployment')).toBeUndefined();
  });

  it('asks the backend to sort when a sortable column is clicked', async () => {
    const fleetApi = mockFleetApi();
    renderPage(fleetApi);
    await screen.findByRole('link', { name: 'ACME — production' });

    await userEvent.click(sortButton('License')!);

    await expectRequest(fleetApi, {
      orderBy: 'license.expiresAt',
      order: 'asc',
      limit: 50,
    });
    expect(currentUrl().search).toBe('?orderBy=license.expiresAt&order=asc');

    await userEvent.click(sortButton('License')!);
    await expectRequest(
      fleetApi,
      {
        orderBy: 'license.expiresAt',
        order: 'desc',
      },
      'partial',
    );

    expect(sortDirection('License')).toBe('desc');

    await userEvent.click(sortButton('Upgrade')!);
    await expectRequest(
      fleetApi,
      {
        orderBy: 'upgrade.daysBehind',
        order: 'asc',
      },
      'partial',
    );
    expect(sortDirection('Upgrade')).toBe('asc');
    expect(sortDirection('License')).toBeUndefined();

    // A link without a sort (or the back button) clears the arrow too.
    await userEvent.click(screen.getByRole('link', { name: 'shared link' }));
    await expectRequest(fleetApi, { health: ['critical'], limit: 50 });
    expect(sortDirection('Upgrade')).toBeUndefined();

    // asc → desc → the backend's default order.
    await userEvent.click(sortButton('Health')!);
    await userEvent.click(sortButton('Health')!);
    await expectRequest(fleetApi, {
      health: ['critical'],
      orderBy: 'health',
      order: 'desc',
      limit: 50,
    });
    expect(sortDirection('Health')).toBe('desc');
    await userEvent.click(sortButton('Health')!);
    await expectRequest(fleetApi, { health: ['critical'], limit: 50 });
    expect(currentUrl().search).toBe('?health=critical');
    expect(sortDirection('Health')).toBeUndefined();

    // Columns the API cannot sort by offer no sort button.
    expect(sortButton('GPU')).toBeNull();
    expect(sortButton('Customer')).toBeNull();
  });

  it('filters by a signal chosen in its multi-select', async () => {
    const fleetApi = mockFleetApi();
    renderPage(fleetApi);
    await screen.findByRole('link', { name: 'ACME — production' });

    await userEvent.click(screen.getByRole('combobox', { name: 'GPU' }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Insufficient',
      }),
    );
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Tight',
      }),
    );

    await expectRequest(fleetApi, {
      gpu: ['insufficient', 'tight'],
      limit: 50,
    });
    expect(currentUrl().search).toBe('?gpu=insufficient&gpu=tight');
  });

  it('searches once typing pauses', async () => {
    const fleetApi = mockFleetApi();
    renderPage(fleetApi);
    await screen.findByRole('link', { name: 'ACME — production' });

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'globex',
    );

    await expectRequest(fleetApi, { q: 'globex', limit: 50 });
    expect(currentUrl().searchParams.get('q')).toBe('globex');
    // One request for the page, one for the search: not one per keystroke.
    expect(fleetApi.listDeployments).toHaveBeenCalledTimes(2);
  });

  it('says when nothing matches the filters, and clears them', async () => {
    const fleetApi = mockFleetApi({
      listDeployments: jest
        .fn()
        .mockImplementation(async query =>
          query.license ? listResponse([]) : listResponse([prod]),
        ),
    });
    renderPage(fleetApi, '/fleet?license=expired&orderBy=name');

    expect(
      await screen.findByText('No deployments match these filters'),
    ).toBeInTheDocument();
    expect(tile('Licenses expired or missing')).toHaveTextContent(/^0/);

    const [inTable] = screen
      .getAllByRole('button', { name: 'Clear filters' })
      .filter(button => button.closest('table'));
    await userEvent.click(inTable);

    expect(
      await screen.findByRole('link', { name: 'ACME — production' }),
    ).toBeInTheDocument();
    expect(lastQuery(fleetApi)).toEqual({
      orderBy: 'name',
      order: 'asc',
      limit: 50,
    });
    expect(currentUrl().search).toBe('?orderBy=name&order=asc');
  });

  it('says so when the fleet has no deployment at all', async () => {
    renderPage(
      mockFleetApi({
        listDeployments: jest.fn().mockResolvedValue(listResponse([])),
      }),
    );

    expect(
      await screen.findByText('No deployments in the fleet yet'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No deployments match these filters'),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the error of the backend, and keeps the filters to change them', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'InputError', message: 'Invalid owner ref "x:"' },
        request: { method: 'GET', url: '/deployments' },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    renderPage(
      mockFleetApi({ listDeployments: jest.fn().mockRejectedValue(error) }),
      '/fleet?owner=x:',
    );

    expect(
      await screen.findByText(/Could not load the fleet/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Invalid owner ref "x:"/).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Owner: x:')).toBeInTheDocument();
  });

  it('shows progress while the first page loads', async () => {
    renderPage(
      mockFleetApi({
        listDeployments: jest.fn().mockReturnValue(new Promise(() => {})),
      }),
    );

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('opens the entity when a row is clicked', async () => {
    renderPage(mockFleetApi());
    const link = await screen.findByRole('link', { name: 'ACME — production' });

    await userEvent.click(within(link.closest('tr')!).getByText('Air-gapped'));

    await waitFor(() =>
      expect(currentUrl().pathname).toBe(
        '/catalog/default/customerdeployment/acme-prod',
      ),
    );
  });

  it('pages forward with the cursor from the backend and back again', async () => {
    const fleetApi = mockFleetApi({
      listDeployments: jest
        .fn()
        .mockImplementation(async query =>
          query.cursor
            ? listResponse([staging], { totalCount: 70 })
            : listResponse([prod], { totalCount: 70, nextCursor: 'page-2' }),
        ),
    });
    renderPage(fleetApi, '/fleet?health=critical');
    await screen.findByRole('link', { name: 'ACME — production' });
    expect(screen.getAllByText('1-50 of 70').length).toBeGreaterThan(0);

    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));

    expect(
      await screen.findByRole('link', { name: 'Globex — staging' }),
    ).toBeInTheDocument();
    expect(lastQuery(fleetApi)).toEqual({
      health: ['critical'],
      limit: 50,
      cursor: 'page-2',
    });
    expect(screen.getAllByText('51-70 of 70').length).toBeGreaterThan(0);

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous Page' }),
    );

    expect(
      await screen.findByRole('link', { name: 'ACME — production' }),
    ).toBeInTheDocument();
    expect(lastQuery(fleetApi)).toEqual({ health: ['critical'], limit: 50 });
  });

  it('has the Customer fleet header on the legacy page', async () => {
    renderPage(mockFleetApi(), '/fleet', <FleetPage />);

    expect(
      await screen.findByRole('heading', { name: 'Customer fleet' }),
    ).toBeInTheDocument();
  });
});

describe('FleetPage over HTTP', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('sends the filters of a shared link to the backend and shows its answer', async () => {
    const requests: URL[] = [];
    server.use(
      http.get('http://fleet.test/api/fleet/deployments', ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json(listResponse([prod]));
      }),
    );
    renderPage(
      new FleetClient({
        discoveryApi: mockApis.discovery({ baseUrl: 'http://fleet.test' }),
        fetchApi: new MockFetchApi(),
        identityApi: mockApis.identity(),
      }),
      '/fleet?license=expired&license=expiring&orderBy=license.expiresAt&order=asc',
    );

    expect(
      await screen.findByRole('link', { name: 'ACME — production' }),
    ).toBeInTheDocument();
    expect(requests).toHaveLength(1);
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      license: 'expired,expiring',
      orderBy: 'license.expiresAt',
      order: 'asc',
      limit: '50',
    });
  });
});
