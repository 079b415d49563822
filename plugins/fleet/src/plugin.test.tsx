import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { getComponentData } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityCustomerDeploymentsCard,
  EntityCustomerOverviewCard,
  EntityDeploymentOverviewCard,
  EntityDeploymentStatusCard,
  EntityFleetContent,
  EntityJournalCard,
  EntityJournalsContent,
  EntityLicenseCard,
  EntityUpgradeContent,
  EntityUpgradeReadinessCard,
  FleetClient,
  fleetApiRef,
  FleetPage,
  fleetPlugin,
  isCustomerDeploymentEntity,
  isCustomerEntity,
  isJournalBillingDeployment,
} from './index';
import { rootRouteRef } from './routes';
import {
  componentEntity,
  customerEntity,
  deploymentEntity,
} from './__fixtures__/entities';
import { mockFleetApi } from './__testUtils__/fleetApi';

const deployment = deploymentEntity();
const customer = customerEntity({
  relations: [
    { type: 'hasPart', targetRef: 'customerdeployment:default/acme-prod' },
  ],
});

function renderInLegacyApp(entity: Entity, element: JSX.Element) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: [customer, deployment] })],
        [fleetApiRef, mockFleetApi()],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('legacy frontend system exports', () => {
  it('renders the deployment overview card', async () => {
    await renderInLegacyApp(deployment, <EntityDeploymentOverviewCard />);

    expect(await screen.findByText('Deployment overview')).toBeInTheDocument();
    expect(
      screen.getByText('Journal billing', { exact: false }),
    ).toBeInTheDocument();
  });

  it('renders the customer cards', async () => {
    await renderInLegacyApp(
      customer,
      <>
        <EntityCustomerOverviewCard />
        <EntityCustomerDeploymentsCard />
      </>,
    );

    expect(await screen.findByText('Customer overview')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: /acme-prod/ }),
    ).toHaveAttribute('href', '/catalog/default/customerdeployment/acme-prod');
  });

  it('provides the fleet API and the fleet route', () => {
    const [factory] = [...fleetPlugin.getApis()];
    expect(factory.api).toBe(fleetApiRef);
    expect(Object.keys(factory.deps)).toEqual([
      'discoveryApi',
      'fetchApi',
      'identityApi',
    ]);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: jest.fn() },
      fetchApi: { fetch: jest.fn() },
      identityApi: mockApis.identity(),
    });
    expect(client).toBeInstanceOf(FleetClient);
    expect(fleetPlugin.routes.root).toBe(rootRouteRef);
  });

  it('mounts the fleet page on the root route', () => {
    // The app's FlatRoutes give it a path; the page itself is tested in FleetPage.test.tsx.
    expect(getComponentData(<FleetPage />, 'core.mountPoint')).toBe(
      rootRouteRef,
    );
  });

  it('renders the status, license and upgrade cards', async () => {
    await renderInLegacyApp(
      deployment,
      <>
        <EntityDeploymentStatusCard />
        <EntityLicenseCard />
        <EntityUpgradeReadinessCard />
      </>,
    );

    expect(await screen.findByText('Deployment status')).toBeInTheDocument();
    expect(await screen.findByText('dg-license-key')).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Upgrade checks' }),
    ).toBeInTheDocument();
  });

  it('renders the Fleet tab content with the status, license, journal and upgrade cards', async () => {
    await renderInLegacyApp(deployment, <EntityFleetContent />);

    expect(await screen.findByText('Deployment status')).toBeInTheDocument();
    expect(await screen.findByText('dg-license-key')).toBeInTheDocument();
    expect(await screen.findByText('Upgrade readiness')).toBeInTheDocument();
    expect(
      await screen.findByRole('table', {
        name: 'Journals per billing replica',
      }),
    ).toBeInTheDocument();
  });

  it('renders the journal card and the Journals tab content', async () => {
    await renderInLegacyApp(
      deployment,
      <>
        <EntityJournalCard />
        <EntityJournalsContent />
      </>,
    );

    expect(
      await screen.findByText('Received journals (1)'),
    ).toBeInTheDocument();
    expect(
      await screen.findAllByRole('table', {
        name: 'Journals per billing replica',
      }),
    ).toHaveLength(2);
    expect(
      screen.getByRole('button', { name: 'Upload journals' }),
    ).toBeInTheDocument();
  });

  it('renders the Upgrade tab content', async () => {
    await renderInLegacyApp(deployment, <EntityUpgradeContent />);

    expect(
      await screen.findByText('Step 2: 0.41.1 → 0.42.0'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Save values' }),
    ).toBeInTheDocument();
  });

  it('offers predicates for EntitySwitch', () => {
    expect(isJournalBillingDeployment(deployment)).toBe(true);
    expect(
      isJournalBillingDeployment(
        deploymentEntity({ spec: { billing: { mode: 'metered' } } }),
      ),
    ).toBe(false);
    expect(isJournalBillingDeployment(customer)).toBe(false);
    expect(isCustomerDeploymentEntity(deployment)).toBe(true);
    expect(isCustomerDeploymentEntity(customer)).toBe(false);
    expect(isCustomerEntity(customer)).toBe(true);
    expect(isCustomerEntity(componentEntity)).toBe(false);
  });
});
