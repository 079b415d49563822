import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import fleetPlugin from './alpha';
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
const legacyLookingCustomer: Entity = {
  ...customer,
  apiVersion: 'example.com/v1',
};

function cardFilter(id: Parameters<typeof fleetPlugin.getExtension>[0]) {
  const tester = createExtensionTester(fleetPlugin.getExtension(id));
  const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
  if (!filter) {
    throw new Error(`${id} has no filter`);
  }
  return { filter, type: tester.get(EntityCardBlueprint.dataRefs.type) };
}

describe('fleet plugin for the new frontend system', () => {
  it('is the fleet plugin', () => {
    expect(fleetPlugin.pluginId).toBe('fleet');
  });

  it('shows the deployment overview on CustomerDeployments only', () => {
    const { filter, type } = cardFilter(
      'entity-card:fleet/deployment-overview',
    );
    expect(filter(deployment)).toBe(true);
    expect(filter({ ...deployment, kind: 'customerdeployment' })).toBe(true);
    expect(filter(customer)).toBe(false);
    expect(filter(componentEntity)).toBe(false);
    expect(type).toBeUndefined();
  });

  it('shows the customer cards on Customers of the fleet API only', () => {
    const overview = cardFilter('entity-card:fleet/customer-overview');
    const deployments = cardFilter('entity-card:fleet/customer-deployments');
    for (const { filter } of [overview, deployments]) {
      expect(filter(customer)).toBe(true);
      expect(filter(deployment)).toBe(false);
      expect(filter(componentEntity)).toBe(false);
      expect(filter(legacyLookingCustomer)).toBe(false);
    }
    expect(overview.type).toBe('info');
    expect(deployments.type).toBeUndefined();
  });

  it('puts only the deployment card on a deployment page', async () => {
    renderTestApp({
      features: [fleetPlugin],
      extensions: [createTestEntityPage({ entity: deployment })],
    });

    expect(await screen.findByText('Deployment overview')).toBeInTheDocument();
    expect(screen.getByText('Air-gapped')).toBeInTheDocument();
    expect(screen.queryByText('Customer overview')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('puts both customer cards on a customer page', async () => {
    renderTestApp({
      features: [fleetPlugin],
      extensions: [createTestEntityPage({ entity: customer })],
      apis: [catalogApiMock({ entities: [customer, deployment] })],
    });

    expect(await screen.findByText('Customer overview')).toBeInTheDocument();
    const table = await screen.findByRole('table');
    expect(
      await within(table).findByRole('link', { name: /acme-prod/ }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Deployment overview')).not.toBeInTheDocument();
  });

  it('adds nothing to the page of another kind of entity', async () => {
    renderTestApp({
      features: [fleetPlugin],
      extensions: [createTestEntityPage({ entity: componentEntity })],
    });

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
