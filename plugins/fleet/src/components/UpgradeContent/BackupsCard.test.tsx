import { screen, within } from '@testing-library/react';
import type { DeploymentDatabase } from '@fleetdeck/plugin-fleet-common';
import { BackupsCard } from './BackupsCard';
import { deploymentEntity } from '../../__fixtures__/entities';
import { backupObservation } from '../../__fixtures__/upgrades';
import { mockFleetApi, responseError } from '../../__testUtils__/fleetApi';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';

const now = new Date('2026-12-04T12:00:00.000Z');
const hoursAgo = (hours: number) =>
  new Date(now.getTime() - hours * 3600_000).toISOString();

function database(name: string, db: string): DeploymentDatabase {
  return {
    name,
    engine: 'postgresql',
    host: 'pg.acme.internal',
    database: db,
    credentialsSecretRef: `${name}-credentials`,
  };
}

const withDatabases = deploymentEntity({
  spec: {
    databases: [
      database('transcripts-db', 'transcripts'),
      database('jobs-db', 'jobs'),
      database('audit-db', 'audit'),
    ],
  },
});

function renderCard(
  fleetApi: ReturnType<typeof mockFleetApi>,
  entity = withDatabases,
) {
  renderEntityCard(entity, <BackupsCard entity={entity} now={now} />, fleetApi);
  return fleetApi;
}

/** Each row's latest-backup cell: its tone and text, by database. */
async function latestBackups(): Promise<Record<string, [string, string]>> {
  const [table] = await screen.findAllByRole('table');
  return Object.fromEntries(
    within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => {
        const cells = row.querySelectorAll('td');
        const latest = cells[1].querySelector('[data-tone]');
        return [
          cells[0].querySelector('p')?.textContent ?? '',
          [latest?.getAttribute('data-tone') ?? '', cells[1].textContent ?? ''],
        ];
      }),
  );
}

describe('BackupsCard', () => {
  it('judges each database’s latest backup against the 24 h the upgrade needs', async () => {
    const fleetApi = renderCard(
      mockFleetApi({
        listBackups: jest.fn().mockResolvedValue({
          items: [
            backupObservation(0, { takenAt: hoursAgo(9) }),
            backupObservation(0, {
              component: 'jobs-db',
              database: 'jobs',
              takenAt: hoursAgo(30),
              bytes: 3 * 1024 * 1024 * 1024,
            }),
          ],
        }),
      }),
    );

    expect(await latestBackups()).toEqual({
      'transcripts-db': ['ok', 'Freshtaken 9 hours ago'],
      'jobs-db': [
        'warning',
        'Staletaken yesterday: 30 hours old, older than the 24 h the upgrade needs.',
      ],
      'audit-db': [
        'warning',
        'No backup received yetNo backup manifest of audit-db has reached the portal.',
      ],
    });
    expect(screen.getByText('512 MB')).toBeInTheDocument();
    expect(screen.getByText('3.0 GB')).toBeInTheDocument();
    expect(screen.getByText('2026-12-04 03:00 UTC')).toBeInTheDocument();
    // How to send one, for the database without any.
    expect(screen.getByText(/manifest\.json/).closest('p')).toHaveTextContent(
      'drop them into the fleet inbox',
    );
    expect(fleetApi.listBackups).toHaveBeenCalledWith(
      'customerdeployment:default/acme-prod',
    );
  });

  it('marks a backup two daily runs old as an error', async () => {
    renderCard(
      mockFleetApi({
        listBackups: jest.fn().mockResolvedValue({
          items: [backupObservation(0, { takenAt: hoursAgo(72) })],
        }),
      }),
      deploymentEntity({
        spec: { databases: [database('transcripts-db', 'transcripts')] },
      }),
    );

    expect(await latestBackups()).toEqual({
      'transcripts-db': [
        'error',
        'Staletaken 3 days ago: 3 days old, older than the 24 h the upgrade needs.',
      ],
    });
    expect(screen.queryByText(/drop them into the fleet inbox/)).toBeNull();
  });

  it('says no backup is needed when the deployment declares no database, without asking', async () => {
    const fleetApi = renderCard(mockFleetApi(), deploymentEntity());

    expect(
      await screen.findByText(/declares no databases/),
    ).toBeInTheDocument();
    expect(fleetApi.listBackups).not.toHaveBeenCalled();
  });

  it('shows the error when the backups cannot be read', async () => {
    renderCard(
      mockFleetApi({
        listBackups: jest
          .fn()
          .mockRejectedValue(
            await responseError(
              503,
              'ServiceUnavailableError',
              'database down',
            ),
          ),
      }),
    );

    expect(
      await screen.findByText(/Could not load the backups of acme-prod/),
    ).toBeInTheDocument();
  });
});
