import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { CustomerOverviewCard } from './CustomerOverviewCard';
import { customerEntity, deploymentEntity } from '../../__fixtures__/entities';

function renderCard(entity: Entity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <CustomerOverviewCard />
    </EntityProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function fact(label: string): HTMLElement {
  const value = screen.getByText(label, { selector: 'dt' }).nextElementSibling;
  if (!(value instanceof HTMLElement) || value.tagName !== 'DD') {
    throw new Error(`No value next to "${label}"`);
  }
  return value;
}

describe('CustomerOverviewCard', () => {
  it('shows owner, tier, region and how many deployments the customer runs', async () => {
    await renderCard(
      customerEntity({
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/solutions-east' },
          {
            type: 'hasPart',
            targetRef: 'customerdeployment:default/acme-prod',
          },
          { type: 'hasPart', targetRef: 'customerdeployment:default/acme-dr' },
          // Not a deployment, so not counted.
          { type: 'hasPart', targetRef: 'resource:default/acme-bucket' },
        ],
      }),
    );

    expect(await screen.findByText('Customer overview')).toBeInTheDocument();
    const owner = screen.getByRole('link', { name: /solutions-east/ });
    expect(owner).toHaveAttribute(
      'href',
      '/catalog/default/group/solutions-east',
    );
    expect(fact('Owner')).toContainElement(owner);
    expect(fact('Tier')).toHaveTextContent(/^Strategic$/);
    expect(fact('Region')).toHaveTextContent(/^us-east$/);
    expect(fact('Deployments')).toHaveTextContent(/^2 deployments$/);
  });

  it('says when there is no region and no deployment yet', async () => {
    await renderCard(
      customerEntity({ spec: { region: undefined, tier: 'standard' } }),
    );

    expect(await screen.findByText('Customer overview')).toBeInTheDocument();
    expect(fact('Tier')).toHaveTextContent(/^Standard$/);
    expect(fact('Region')).toHaveTextContent(/^Not set$/);
    expect(fact('Deployments')).toHaveTextContent(/^No deployments yet$/);
  });

  it('explains itself on an entity of another kind', async () => {
    await renderCard(deploymentEntity());

    expect(
      await screen.findByText(
        /This card describes Customer entities; acme-prod is of kind CustomerDeployment/,
      ),
    ).toBeInTheDocument();
  });
});
