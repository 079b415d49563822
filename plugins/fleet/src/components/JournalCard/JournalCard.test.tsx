import { screen, within } from '@testing-library/react';
import { JournalCard } from './JournalCard';
import { componentEntity, deploymentEntity } from '../../__fixtures__/entities';
import { mockFleetApi, responseError } from '../../__testUtils__/fleetApi';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { deploymentStatus, isoDaysAgo } from '../../__fixtures__/statuses';

/** The cells of the replica's row, by column title. */
function replicaRow(name: string): Record<string, HTMLElement> {
  const table = screen.getByRole('table', {
    name: 'Journals per billing replica',
  });
  const headers = within(table)
    .getAllByRole('columnheader')
    .map(header => header.textContent ?? '');
  const row = within(table).getByRole('rowheader', { name }).closest('tr');
  if (!row) {
    throw new Error(`No row for ${name}`);
  }
  const cells = Array.from(row.querySelectorAll<HTMLElement>('th, td'));
  return Object.fromEntries(headers.map((header, i) => [header, cells[i]]));
}

describe('JournalCard', () => {
  it('shows each billing replica with its status, last receipt, capture and due date in words', async () => {
    const fleetApi = mockFleetApi({
      getDeployment: jest.fn().mockResolvedValue(
        deploymentStatus({
          journal: {
            status: 'never-received',
            lastReceivedAt: isoDaysAgo(40),
            replicas: [
              {
                name: 'deepgram-billing-0',
                status: 'fresh',
                lastReceivedAt: isoDaysAgo(25),
                capturedAt: isoDaysAgo(26),
                dueAt: isoDaysAgo(-5),
              },
              {
                name: 'deepgram-billing-1',
                status: 'overdue',
                lastReceivedAt: isoDaysAgo(40),
                dueAt: isoDaysAgo(10),
              },
              { name: 'deepgram-billing-2', status: 'never-received' },
            ],
          },
        }),
      ),
    });
    renderEntityCard(deploymentEntity(), <JournalCard />, fleetApi);

    expect(
      await screen.findByRole('table', {
        name: 'Journals per billing replica',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Billing journals')).toBeInTheDocument();
    expect(screen.getByText('30 days')).toBeInTheDocument();

    const first = replicaRow('deepgram-billing-0');
    expect(first.Status).toHaveTextContent(/^Fresh$/);
    expect(first['Last received']).toHaveTextContent(/^25 days ago/);
    expect(first.Captured).toHaveTextContent(/^26 days ago/);
    expect(first['Next due']).toHaveTextContent(/^Due in 5 days/);

    const second = replicaRow('deepgram-billing-1');
    expect(second.Status).toHaveTextContent(/^Overdue$/);
    expect(second.Captured).toHaveTextContent(/^Unknown$/);
    expect(second['Next due']).toHaveTextContent(/^Overdue by 10 days/);

    const third = replicaRow('deepgram-billing-2');
    expect(third.Status).toHaveTextContent(/^Never received$/);
    expect(third['Last received']).toHaveTextContent(/^Never$/);
    expect(third['Next due']).toHaveTextContent(/^Already due$/);

    // The status is a word next to core's icon, not a colour.
    expect(within(second.Status).getByTestId('status-error')).toBeVisible();
    expect(fleetApi.getDeployment).toHaveBeenCalledWith(
      'customerdeployment:default/acme-prod',
    );
  });

  it('says journals do not apply to a deployment with another billing mode, without calling the backend', async () => {
    const fleetApi = mockFleetApi();
    renderEntityCard(
      deploymentEntity({
        name: 'acme-staging',
        spec: { profile: 'connected', billing: { mode: 'metered' } },
      }),
      <JournalCard />,
      fleetApi,
    );

    expect(screen.getByText('Not applicable')).toBeInTheDocument();
    expect(
      screen.getByText(
        /acme-staging uses metered billing, so it returns no journals/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('status-aborted')).toBeInTheDocument();
    expect(fleetApi.getDeployment).not.toHaveBeenCalled();
  });

  it('says when the fleet backend has not evaluated the deployment yet', async () => {
    renderEntityCard(
      deploymentEntity(),
      <JournalCard />,
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
  });

  it('shows progress, and explains itself on another kind of entity', async () => {
    const fleetApi = mockFleetApi({
      getDeployment: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    const { unmount } = renderEntityCard(
      deploymentEntity(),
      <JournalCard />,
      fleetApi,
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    unmount();

    renderEntityCard(componentEntity, <JournalCard />, fleetApi);
    expect(
      screen.getByText(/This card describes CustomerDeployment entities/),
    ).toBeInTheDocument();
  });
});
