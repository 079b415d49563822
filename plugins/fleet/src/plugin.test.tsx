import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
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
  fleetPlugin,
  isCustomerDeploymentEntity,
  isCustomerEntity,
} from './index';
import {
  componentEntity,
  customerEntity,
  deploymentEntity,
} from './__fixtures__/entities';

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
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('legacy frontend system exports', () => {
  it('is the fleet plugin', () => {
    expect(fleetPlugin.getId()).toBe('fleet');
  });

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

  it('offers predicates for EntitySwitch', () => {
    expect(isCustomerDeploymentEntity(deployment)).toBe(true);
    expect(isCustomerDeploymentEntity(customer)).toBe(false);
    expect(isCustomerEntity(customer)).toBe(true);
    expect(isCustomerEntity(componentEntity)).toBe(false);
  });
});
