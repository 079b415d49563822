import { screen } from '@testing-library/react';
import { DeploymentStatusCard } from './DeploymentStatusCard';
import { componentEntity, deploymentEntity } from '../../__fixtures__/entities';
import { mockFleetApi, responseError } from '../../__testUtils__/fleetApi';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { deploymentStatus } from '../../__fixtures__/statuses';

function fact(label: string): HTMLElement {
  const value = screen.getByText(label, { selector: 'dt' }).nextElementSibling;
  if (!(value instanceof HTMLElement) || value.tagName !== 'DD') {
    throw new Error(`No value next to "${label}"`);
  }
  return value;
}

describe('DeploymentStatusCard', () => {
  it('shows health and the four signals in words, with why', async () => {
    const evaluatedAt = new Date(Date.now() - 5 * 60 * 1000).toISOString();
    const fleetApi = mockFleetApi({
      getDeployment: jest
        .fn()
        .mockResolvedValue(deploymentStatus({ evaluatedAt })),
    });
    renderEntityCard(deploymentEntity(), <DeploymentStatusCard />, fleetApi);

    expect(await screen.findByText('Critical')).toBeInTheDocument();
    expect(screen.getByText('Deployment status')).toBeInTheDocument();
    expect(fact('Health')).toHaveTextContent(/^Critical$/);
    expect(fact('License')).toHaveTextContent(/^Expiring· expires in 12 days$/);
    expect(fact('Journals')).toHaveTextContent(
      /^Overdue· 2 of 3 replicas returned · last received 3 days ago$/,
    );
    expect(fact('GPU')).toHaveTextContent(
      /^Tight· 6 allocatable · 4 requested · 6 needed$/,
    );
    expect(fact('Upgrade')).toHaveTextContent(
      /^Ready with warnings· 3 releases \/ 120 days behind → 0\.42\.0$/,
    );
    expect(fact('Evaluated')).toHaveTextContent(
      `${evaluatedAt.slice(0, 16).replace('T', ' ')} UTC (5 minutes ago)`,
    );
    expect(fleetApi.getDeployment).toHaveBeenCalledWith(
      'customerdeployment:default/acme-prod',
    );
  });

  it('says when the fleet backend has not evaluated the deployment yet', async () => {
    renderEntityCard(
      deploymentEntity(),
      <DeploymentStatusCard />,
      mockFleetApi({
        getDeployment: jest
          .fn()
          .mockRejectedValue(
            await responseError(404, 'NotFoundError', 'No such deployment'),
          ),
      }),
    );

    expect(
      await screen.findByText(
        'Fleetdeck has not evaluated this deployment yet',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No such deployment/)).not.toBeInTheDocument();
  });

  it('shows any other error', async () => {
    renderEntityCard(
      deploymentEntity(),
      <DeploymentStatusCard />,
      mockFleetApi({
        getDeployment: jest
          .fn()
          .mockRejectedValue(
            await responseError(503, 'ServiceUnavailableError', 'Store down'),
          ),
      }),
    );

    expect(
      await screen.findByText(/Could not load the fleet status of acme-prod/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Store down/).length).toBeGreaterThan(0);
  });

  it('shows progress while the status loads', async () => {
    renderEntityCard(
      deploymentEntity(),
      <DeploymentStatusCard />,
      mockFleetApi({
        getDeployment: jest.fn().mockReturnValue(new Promise(() => {})),
      }),
    );

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('explains itself on an entity of another kind, without calling the backend', async () => {
    const fleetApi = mockFleetApi();
    renderEntityCard(componentEntity, <DeploymentStatusCard />, fleetApi);

    expect(
      await screen.findByText(
        /This card describes CustomerDeployment entities; speech-api is of kind Component/,
      ),
    ).toBeInTheDocument();
    expect(fleetApi.getDeployment).not.toHaveBeenCalled();
  });
});
