import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { deploymentEntity } from '../__fixtures__/entities';
import { mockFleetApi, responseError } from '../__testUtils__/fleetApi';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';
import { fleetApiRef } from '../api';
import { ArtifactsCard } from './ArtifactsCard';
import { DeploymentStatusCard } from './DeploymentStatusCard';
import { FleetOverview } from './FleetPage/FleetPage';

// The frontend's permission answer allowed it, the backend refused (403): a policy that
// changed meanwhile, or a condition only the backend can apply. The refusal is explained.
const refused = () => responseError(403, 'NotAllowedError', 'Unauthorized');

describe('a refusal of the fleet backend', () => {
  it('is explained on a status card instead of a raw error', async () => {
    const fleetApi = mockFleetApi({
      getDeployment: jest.fn().mockRejectedValue(await refused()),
    });
    renderEntityCard(deploymentEntity(), <DeploymentStatusCard />, fleetApi);
    expect(
      await screen.findByText(
        'You may not see the fleet status of acme-prod: the permission fleet.deployment.read is not granted to you. Ask a platform admin, or the team that owns acme-prod, for access.',
      ),
    ).toBeVisible();
    expect(screen.queryByText(/Unauthorized/)).not.toBeInTheDocument();
  });

  it('is explained on the generated files card', async () => {
    const fleetApi = mockFleetApi({
      listArtifacts: jest.fn().mockRejectedValue(await refused()),
    });
    renderEntityCard(deploymentEntity(), <ArtifactsCard />, fleetApi);
    expect(
      await screen.findByText(
        /^You may not download the generated files of acme-prod: the permission fleet\.artifact\.read is not granted to you/,
      ),
    ).toBeVisible();
  });

  it('leaves the fleet page empty, not failed', async () => {
    const fleetApi = mockFleetApi({
      listDeployments: jest.fn().mockRejectedValue(await refused()),
    });
    await renderInTestApp(<FleetOverview />, {
      apis: [[fleetApiRef, fleetApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: ['/fleet'],
    });
    expect(await screen.findByText('No deployments you may see')).toBeVisible();
    expect(
      screen.getByText(/the permission fleet\.deployment\.read is not granted/),
    ).toBeVisible();
    expect(
      screen.queryByText('Could not load the fleet'),
    ).not.toBeInTheDocument();
  });
});
