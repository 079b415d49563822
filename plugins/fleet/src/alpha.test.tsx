import { screen, waitFor, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import fleetPlugin from './alpha';
import { fleetApiRef } from './api';
import {
  componentEntity,
  customerEntity,
  deploymentEntity,
} from './__fixtures__/entities';
import { mockFleetApi } from './__testUtils__/fleetApi';

const deployment = deploymentEntity();
const meteredDeployment = deploymentEntity({
  name: 'acme-staging',
  spec: { profile: 'connected', billing: { mode: 'metered' } },
});
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

  it('shows the status, license and upgrade cards on CustomerDeployments only', () => {
    const status = cardFilter('entity-card:fleet/deployment-status');
    const license = cardFilter('entity-card:fleet/license');
    const upgrade = cardFilter('entity-card:fleet/upgrade-readiness');
    for (const { filter } of [status, license, upgrade]) {
      expect(filter(deployment)).toBe(true);
      expect(filter(customer)).toBe(false);
      expect(filter(componentEntity)).toBe(false);
      expect(filter({ ...deployment, apiVersion: 'example.com/v1' })).toBe(
        false,
      );
    }
    expect(status.type).toBeUndefined();
    expect(license.type).toBe('info');
    expect(upgrade.type).toBeUndefined();
  });

  it('adds a Fleet tab at /fleet to CustomerDeployments only', () => {
    const tester = createExtensionTester(
      fleetPlugin.getExtension('entity-content:fleet'),
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    if (!filter) {
      throw new Error('entity-content:fleet has no filter');
    }

    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Fleet');
    expect(tester.get(coreExtensionData.routePath)).toBe('/fleet');
    expect(filter(deployment)).toBe(true);
    expect(filter(customer)).toBe(false);
    expect(filter(componentEntity)).toBe(false);
  });

  it('shows the journal card on CustomerDeployments that bill by journal only', () => {
    const { filter, type } = cardFilter('entity-card:fleet/journals');

    expect(filter(deployment)).toBe(true);
    expect(
      filter(
        deploymentEntity({
          spec: { billing: { mode: 'Journal' as 'journal', replicas: 1 } },
        }),
      ),
    ).toBe(true);
    expect(filter(meteredDeployment)).toBe(false);
    expect(filter(deploymentEntity({ spec: { billing: undefined } }))).toBe(
      false,
    );
    expect(filter({ ...deployment, apiVersion: 'example.com/v1' })).toBe(false);
    expect(
      filter({ ...componentEntity, spec: { billing: { mode: 'journal' } } }),
    ).toBe(false);
    expect(filter(customer)).toBe(false);
    expect(type).toBeUndefined();
  });

  it('adds a Journals tab at /journals to CustomerDeployments that bill by journal only', () => {
    const tester = createExtensionTester(
      fleetPlugin.getExtension('entity-content:fleet/journals'),
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    if (!filter) {
      throw new Error('entity-content:fleet/journals has no filter');
    }

    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Journals');
    expect(tester.get(coreExtensionData.routePath)).toBe('/journals');
    expect(filter(deployment)).toBe(true);
    expect(filter(meteredDeployment)).toBe(false);
    expect(filter(customer)).toBe(false);
    expect(filter(componentEntity)).toBe(false);
  });

  it('adds an Upgrade tab at /upgrade to every CustomerDeployment', () => {
    const tester = createExtensionTester(
      fleetPlugin.getExtension('entity-content:fleet/upgrade'),
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    if (!filter) {
      throw new Error('entity-content:fleet/upgrade has no filter');
    }

    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Upgrade');
    expect(tester.get(coreExtensionData.routePath)).toBe('/upgrade');
    expect(filter(deployment)).toBe(true);
    expect(filter(meteredDeployment)).toBe(true);
    expect(filter(customer)).toBe(false);
    expect(filter(componentEntity)).toBe(false);
  });

  it('provides the fleet API, with discovery, fetch and identity', () => {
    const factory = createExtensionTester(
      fleetPlugin.getExtension('api:fleet'),
    ).get(ApiBlueprint.dataRefs.factory);

    expect(factory.api).toBe(fleetApiRef);
    expect(Object.values(factory.deps).map(ref => ref.id)).toEqual([
      'core.discovery',
      'core.fetch',
      'core.identity',
    ]);
  });

  it('has a Customer fleet page at /fleet, listed in the navigation', async () => {
    const fleetApi = mockFleetApi();
    renderTestApp({
      features: [fleetPlugin],
      apis: [[fleetApiRef, fleetApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: ['/fleet?license=expired&orderBy=name'],
    });

    expect(
      await screen.findByRole('link', { name: 'ACME — production' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Customer fleet' }),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('link')
        .some(
          link =>
            link.getAttribute('href') === '/fleet' &&
            /Customer fleet/.test(link.textContent ?? ''),
        ),
    ).toBe(true);
    expect(fleetApi.listDeployments).toHaveBeenCalledWith({
      license: ['expired'],
      orderBy: 'name',
      order: 'asc',
      limit: 50,
    });
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

  it('puts the deployment cards, the journal card and the Fleet tab on a deployment page', async () => {
    const fleetApi = mockFleetApi();
    renderTestApp({
      features: [fleetPlugin],
      extensions: [createTestEntityPage({ entity: deployment })],
      apis: [[fleetApiRef, fleetApi], mockApis.permission()],
    });

    expect(await screen.findByText('Deployment overview')).toBeInTheDocument();
    expect(screen.getByText('Air-gapped')).toBeInTheDocument();
    // Once on the overview and once in the Fleet tab, which the test page renders alongside.
    await waitFor(() =>
      expect(screen.getAllByText('Deployment status')).toHaveLength(2),
    );
    // Each card loads lazily and on its own, so wait for every one of them.
    await waitFor(() =>
      expect(screen.getAllByText('dg-license-key')).toHaveLength(2),
    );
    await waitFor(() =>
      expect(screen.getAllByText('Upgrade readiness')).toHaveLength(2),
    );
    await waitFor(() =>
      expect(
        screen.getAllByRole('list', { name: 'Upgrade checks' }),
      ).toHaveLength(2),
    );
    // The journal card, on the overview and in the Fleet tab.
    await waitFor(() =>
      expect(
        screen.getAllByRole('table', { name: 'Journals per billing replica' }),
      ).toHaveLength(2),
    );
    expect(fleetApi.getDeployment).toHaveBeenCalledWith(
      'customerdeployment:default/acme-prod',
    );
    expect(screen.queryByText('Customer overview')).not.toBeInTheDocument();
    expect(screen.queryByText('Deployments')).not.toBeInTheDocument();
  });

  it('has an Upgrade tab with the plan, the bundles, the values and the backups', async () => {
    const fleetApi = mockFleetApi();
    renderTestApp({
      features: [fleetPlugin],
      extensions: [createTestEntityPage({ entity: deployment })],
      apis: [[fleetApiRef, fleetApi], mockApis.permission()],
      // The test page shows its first tab; without the Fleet and Journals tabs, that is Upgrade.
      config: {
        app: {
          extensions: [
            { 'entity-content:fleet': false },
            { 'entity-content:fleet/journals': false },
          ],
        },
      },
    });

    expect(
      await screen.findByText('Step 1: 0.40.2 → 0.41.1'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Update bundles')).toBeInTheDocument();
    expect(await screen.findByText('Values on record')).toBeInTheDocument();
    expect(await screen.findByText('Backups')).toBeInTheDocument();
    expect(fleetApi.getUpgradePlan).toHaveBeenCalledWith(
      'customerdeployment:default/acme-prod',
      {},
    );
  });

  it('has a Journals tab with the upload and the received journals', async () => {
    const fleetApi = mockFleetApi();
    renderTestApp({
      features: [fleetPlugin],
      extensions: [createTestEntityPage({ entity: deployment })],
      apis: [[fleetApiRef, fleetApi], mockApis.permission()],
      // The test page shows its first tab; without the Fleet tab, that is the Journals tab.
      config: { app: { extensions: [{ 'entity-content:fleet': false }] } },
    });

    expect(
      await screen.findByText('Received journals (1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Upload journals' }),
    ).toBeInTheDocument();
    // The journal card, on the overview and in the tab.
    await waitFor(() =>
      expect(
        screen.getAllByRole('table', { name: 'Journals per billing replica' }),
      ).toHaveLength(2),
    );
    // The overview's status card, but no Fleet tab.
    expect(screen.getAllByText('Deployment status')).toHaveLength(1);
    expect(fleetApi.listJournals).toHaveBeenCalledWith(
      'customerdeployment:default/acme-prod',
      { limit: 20 },
    );
  });

  it('leaves the journal card and the Journals tab off a deployment that does not bill by journal', async () => {
    const fleetApi = mockFleetApi();
    renderTestApp({
      features: [fleetPlugin],
      extensions: [createTestEntityPage({ entity: meteredDeployment })],
      apis: [[fleetApiRef, fleetApi], mockApis.permission()],
    });

    await waitFor(() =>
      expect(screen.getAllByText('Deployment status')).toHaveLength(2),
    );
    expect(screen.queryByText('Billing journals')).not.toBeInTheDocument();
    expect(screen.queryByText(/Received journals/)).not.toBeInTheDocument();
    expect(fleetApi.listJournals).not.toHaveBeenCalled();
  });

  it('puts both customer cards on a customer page', async () => {
    const fleetApi = mockFleetApi();
    renderTestApp({
      features: [fleetPlugin],
      extensions: [createTestEntityPage({ entity: customer })],
      apis: [
        catalogApiMock({ entities: [customer, deployment] }),
        [fleetApiRef, fleetApi],
      ],
    });

    expect(await screen.findByText('Customer overview')).toBeInTheDocument();
    const table = await screen.findByRole('table');
    expect(
      await within(table).findByRole('link', { name: /acme-prod/ }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Deployment overview')).not.toBeInTheDocument();
    expect(screen.queryByText('Deployment status')).not.toBeInTheDocument();
    expect(fleetApi.getDeployment).not.toHaveBeenCalled();
  });

  it('adds nothing to the page of another kind of entity', async () => {
    renderTestApp({
      features: [fleetPlugin],
      extensions: [createTestEntityPage({ entity: componentEntity })],
    });

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
