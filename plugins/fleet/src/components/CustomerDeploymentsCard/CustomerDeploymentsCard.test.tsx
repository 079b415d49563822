import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity, EntityRelation } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { CustomerDeploymentsCard } from './CustomerDeploymentsCard';
import {
  componentEntity,
  customerEntity,
  deploymentEntity,
  isoDateFromToday,
} from '../../__fixtures__/entities';

const prod = deploymentEntity({
  name: 'acme-prod',
  spec: {
    chart: { name: 'deepgram-self-hosted', version: '0.40.2' },
    cluster: { kubernetesVersion: '1.31', namespace: 'dg' },
    license: { id: 'LIC-ACME-7', expiresAt: isoDateFromToday(12) },
  },
});
const staging = deploymentEntity({
  name: 'acme-staging',
  spec: {
    lifecycle: 'staging',
    profile: 'connected',
    chart: { name: 'deepgram-self-hosted', version: '0.9.0' },
    cluster: { kubernetesVersion: '1.29', namespace: 'dg' },
    license: undefined,
    billing: { mode: 'metered' },
  },
});
const dr = deploymentEntity({
  name: 'acme-dr',
  spec: {
    lifecycle: 'dr',
    chart: { name: 'deepgram-self-hosted', version: '0.41.1' },
    license: { id: 'LIC-ACME-DR-2', expiresAt: isoDateFromToday(400) },
  },
});
const canary = deploymentEntity({
  name: 'acme-canary',
  spec: {
    lifecycle: 'staging',
    chart: { name: 'deepgram-self-hosted', version: '0.41.1-rc.1' },
  },
});
const otherCustomersDeployment = deploymentEntity({
  name: 'globex-prod',
  spec: { customer: 'globex' },
});

const hasPart = (...names: string[]): EntityRelation[] =>
  names.map(name => ({
    type: 'hasPart',
    targetRef: `customerdeployment:default/${name}`,
  }));

function renderCard(
  entity: Entity,
  catalogApi = catalogApiMock({
    entities: [prod, staging, dr, canary, otherCustomersDeployment],
  }),
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <CustomerDeploymentsCard />
    </EntityProvider>,
    {
      apis: [catalogApi],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The data rows of the table, each as its cells' text. */
function tableRows(): string[][] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

describe('CustomerDeploymentsCard', () => {
  it("lists the customer's deployments, and only those", async () => {
    await renderCard(
      customerEntity({
        relations: hasPart('acme-prod', 'acme-staging', 'acme-dr'),
      }),
    );

    const link = await screen.findByRole('link', { name: /acme-prod/ });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/customerdeployment/acme-prod',
    );
    expect(screen.queryByText(/globex-prod/)).not.toBeInTheDocument();
    expect(tableRows()).toEqual([
      [
        'acme-dr',
        'dr',
        'Air-gapped',
        '0.41.1',
        '1.31',
        `${isoDateFromToday(400)} (in 13 months)`,
      ],
      [
        'acme-prod',
        'production',
        'Air-gapped',
        '0.40.2',
        '1.31',
        `${isoDateFromToday(12)} (in 12 days)`,
      ],
      [
        'acme-staging',
        'staging',
        'Connected on-prem',
        '0.9.0',
        '1.29',
        'Not required (Connected on-prem)',
      ],
    ]);
  });

  it('sorts chart versions as versions, not as text, a pre-release before its release', async () => {
    await renderCard(
      customerEntity({
        relations: hasPart(
          'acme-prod',
          'acme-staging',
          'acme-dr',
          'acme-canary',
        ),
      }),
    );
    await screen.findByRole('link', { name: /acme-prod/ });

    await userEvent.click(screen.getByText('Chart version'));

    await waitFor(() =>
      expect(tableRows().map(row => row[3])).toEqual([
        '0.9.0',
        '0.40.2',
        '0.41.1-rc.1',
        '0.41.1',
      ]),
    );
  });

  it('sorts by license expiry date, deployments without a license last', async () => {
    await renderCard(
      customerEntity({
        relations: hasPart('acme-prod', 'acme-staging', 'acme-dr'),
      }),
    );
    await screen.findByRole('link', { name: /acme-prod/ });

    await userEvent.click(screen.getByText('License expiry'));

    await waitFor(() =>
      expect(tableRows().map(row => row[0])).toEqual([
        'acme-prod',
        'acme-dr',
        'acme-staging',
      ]),
    );
  });

  it('skips a related deployment the catalog no longer returns', async () => {
    await renderCard(
      customerEntity({ relations: hasPart('acme-prod', 'gone') }),
    );

    await screen.findByRole('link', { name: /acme-prod/ });
    expect(tableRows()).toHaveLength(1);
  });

  it('says how to create the first deployment when there is none', async () => {
    const catalogApi = catalogApiMock.mock();
    await renderCard(customerEntity(), catalogApi);

    expect(
      await screen.findByText(
        'No deployments yet — create one with the New customer deployment template',
      ),
    ).toBeInTheDocument();
    // Nothing to fetch without relations.
    expect(catalogApi.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('shows the empty state when no related deployment can be read', async () => {
    await renderCard(customerEntity({ relations: hasPart('gone') }));

    expect(
      await screen.findByText(/No deployments yet — create one/),
    ).toBeInTheDocument();
  });

  it('shows the error when the catalog cannot be read', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: jest
        .fn()
        .mockRejectedValue(new Error('catalog unavailable')),
    });
    await renderCard(
      customerEntity({ relations: hasPart('acme-prod') }),
      catalogApi,
    );

    expect(
      await screen.findByText(/Could not load the deployments of acme/),
    ).toBeInTheDocument();
    expect(screen.getByText('catalog unavailable')).toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: ['customerdeployment:default/acme-prod'],
      }),
    );
  });

  it('shows progress while the deployments load', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    await renderCard(
      customerEntity({ relations: hasPart('acme-prod') }),
      catalogApi,
    );

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('explains itself on an entity of another kind', async () => {
    await renderCard(componentEntity);

    expect(
      await screen.findByText(
        /This card describes Customer entities; speech-api is of kind Component/,
      ),
    ).toBeInTheDocument();
  });
});
