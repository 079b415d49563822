import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { DeploymentOverviewCard } from './DeploymentOverviewCard';
import {
  componentEntity,
  deploymentEntity,
  isoDateFromToday,
} from '../../__fixtures__/entities';

function renderCard(entity: Entity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <DeploymentOverviewCard />
    </EntityProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The value shown next to a label in the card's definition list. */
function fact(label: string): HTMLElement {
  const term = screen.getByText(label, { selector: 'dt' });
  const value = term.nextElementSibling;
  if (!(value instanceof HTMLElement) || value.tagName !== 'DD') {
    throw new Error(`No value next to "${label}"`);
  }
  return value;
}

describe('DeploymentOverviewCard', () => {
  it('summarises an air-gapped deployment in words', async () => {
    await renderCard(
      deploymentEntity({
        spec: {
          license: { id: 'LIC-ACME-7', expiresAt: isoDateFromToday(12) },
        },
      }),
    );

    expect(await screen.findByText('Deployment overview')).toBeInTheDocument();
    expect(fact('Lifecycle')).toHaveTextContent(/^production$/);
    expect(fact('Profile')).toHaveTextContent(/^Air-gapped$/);
    expect(fact('Chart')).toHaveTextContent('deepgram-self-hosted 0.40.2');
    expect(fact('Kubernetes')).toHaveTextContent(
      '1.31 · namespace dg-self-hosted',
    );
    expect(fact('License')).toHaveTextContent(
      `LIC-ACME-7, expires ${isoDateFromToday(12)} (in 12 days)`,
    );
    expect(fact('Billing')).toHaveTextContent(
      'Journal billing · 3 replicas on EBS (per-pod claims) · return every 30 days',
    );
    expect(fact('GPU')).toHaveTextContent('2 engine pods × 1 nvidia.com/gpu');
  });

  it('links to the customer and the owning group', async () => {
    await renderCard(deploymentEntity());

    const customer = await screen.findByRole('link', { name: /acme/ });
    expect(customer).toHaveAttribute('href', '/catalog/default/customer/acme');
    expect(fact('Customer')).toContainElement(customer);

    const owner = screen.getByRole('link', { name: /solutions-east/ });
    expect(owner).toHaveAttribute(
      'href',
      '/catalog/default/group/solutions-east',
    );
    expect(fact('Owner')).toContainElement(owner);
  });

  it('follows the relation the catalog made over the ref written in the spec', async () => {
    await renderCard(
      deploymentEntity({
        namespace: 'emea',
        spec: { customer: 'acme' },
        relations: [
          { type: 'partOf', targetRef: 'customer:accounts/acme-group' },
        ],
      }),
    );

    expect(
      await screen.findByRole('link', { name: /acme-group/ }),
    ).toHaveAttribute('href', '/catalog/accounts/customer/acme-group');
  });

  it("resolves the spec's customer in the deployment's namespace when there is no relation", async () => {
    await renderCard(deploymentEntity({ namespace: 'emea' }));

    expect(await screen.findByRole('link', { name: /acme/ })).toHaveAttribute(
      'href',
      '/catalog/emea/customer/acme',
    );
  });

  it('says how long ago an expired license ran out, and names the cluster', async () => {
    await renderCard(
      deploymentEntity({
        spec: {
          license: { id: 'LIC-ACME-6', expiresAt: isoDateFromToday(-9) },
          cluster: {
            kubernetesVersion: '1.30',
            namespace: 'dg',
            name: 'acme-eks-prod',
          },
        },
      }),
    );

    expect(await screen.findByText(/LIC-ACME-6/)).toHaveTextContent(
      `LIC-ACME-6, expired ${isoDateFromToday(-9)} (9 days ago)`,
    );
    expect(fact('Kubernetes')).toHaveTextContent(
      '1.30 · namespace dg · cluster acme-eks-prod',
    );
  });

  it('says an air-gapped deployment has no license on file', async () => {
    await renderCard(deploymentEntity({ spec: { license: undefined } }));

    expect(await screen.findByText('No license on file')).toBeInTheDocument();
  });

  it('says a connected deployment needs no license, and names MIG slices', async () => {
    await renderCard(
      deploymentEntity({
        spec: {
          profile: 'connected',
          license: undefined,
          billing: { mode: 'metered' },
          gpu: {
            resourceName: 'nvidia.com/mig-1g.10gb',
            perEngine: 1,
            engineReplicas: 3,
          },
        },
      }),
    );

    expect(await screen.findByText('Connected on-prem')).toBeInTheDocument();
    expect(fact('License')).toHaveTextContent(
      /^Not required \(Connected on-prem\)$/,
    );
    expect(fact('Billing')).toHaveTextContent(/^Metered billing$/);
    expect(fact('GPU')).toHaveTextContent(
      '3 engine pods × 1 MIG slice nvidia.com/mig-1g.10gb',
    );
  });

  it('explains itself instead of failing on an entity of another kind', async () => {
    await renderCard(componentEntity);

    expect(
      await screen.findByText(
        /This card describes CustomerDeployment entities; speech-api is of kind Component/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('License')).not.toBeInTheDocument();
  });
});
