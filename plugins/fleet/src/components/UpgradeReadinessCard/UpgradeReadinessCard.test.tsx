import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UpgradeReadinessCard } from './UpgradeReadinessCard';
import { newerReleases } from '../shared/TargetVersionSelect';
import { sortChecks } from '../shared/UpgradeCheckList';
import type { ReleasesResponse } from '@fleetdeck/plugin-fleet-common';
import { deploymentEntity } from '../../__fixtures__/entities';
import { mockFleetApi, responseError } from '../../__testUtils__/fleetApi';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import {
  deploymentStatus,
  releasesResponse,
} from '../../__fixtures__/statuses';

const toLatest = deploymentStatus({
  upgrade: {
    status: 'blocked',
    target: '0.42.0',
    checks: [
      {
        id: 'kubernetes',
        title: 'Kubernetes version',
        outcome: 'pass',
        message: 'Kubernetes 1.31 satisfies >=1.28.0-0.',
      },
      {
        id: 'gpu',
        title: 'GPUs',
        outcome: 'fail',
        message:
          'agent-text-to-speech asks for 2 GPUs per pod since 0.35.0; 1 is free.',
        fix: 'Add a GPU node or scale the agent to zero before upgrading.',
      },
      {
        id: 'values',
        title: 'Values keys',
        outcome: 'warn',
        message: 'engine.modelManager.models.links moved to models.add.',
        fix: 'Rename the key in the customer values file.',
      },
      {
        id: 'journal',
        title: 'Journals',
        outcome: 'unknown',
        message: 'No journal received yet.',
      },
    ],
  },
});

const toIntermediate = deploymentStatus({
  upgrade: {
    status: 'ready',
    target: '0.41.1',
    versionsBehind: 3,
    daysBehind: 120,
    checks: [
      {
        id: 'path',
        title: 'Upgrade path',
        outcome: 'pass',
        message: '0.41.1 fixes the image regression of 0.40.2.',
      },
    ],
  },
});

/** The check items, each as its text. */
function checkItems(): string[] {
  return within(screen.getByRole('list', { name: 'Upgrade checks' }))
    .getAllByRole('listitem')
    .map(item => item.textContent ?? '');
}

describe('UpgradeReadinessCard', () => {
  it('lists every check with its outcome in words, its message and its fix, failures first', async () => {
    renderEntityCard(
      deploymentEntity(),
      <UpgradeReadinessCard />,
      mockFleetApi({ getDeployment: jest.fn().mockResolvedValue(toLatest) }),
    );

    expect(
      await screen.findByRole('list', { name: 'Upgrade checks' }),
    ).toBeInTheDocument();
    expect(checkItems()).toEqual([
      'FailGPUsagent-text-to-speech asks for 2 GPUs per pod since 0.35.0; 1 is free.Fix: Add a GPU node or scale the agent to zero before upgrading.',
      'WarnValues keysengine.modelManager.models.links moved to models.add.Fix: Rename the key in the customer values file.',
      'UnknownJournalsNo journal received yet.',
      'PassKubernetes versionKubernetes 1.31 satisfies >=1.28.0-0.',
    ]);
    expect(screen.getByText('Blocked')).toBeInTheDocument();
    expect(
      screen.getByText(
        '· 3 releases / 120 days behind → 0.42.0 · 1 check failed',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('0.40.2 → 0.42.0')).toBeInTheDocument();
    expect(screen.getByText('3 releases · 120 days')).toBeInTheDocument();
  });

  it('offers the releases newer than the installed one, and re-evaluates for the chosen target', async () => {
    const fleetApi = mockFleetApi({
      getDeployment: jest
        .fn()
        .mockImplementation(async (_ref, options) =>
          options?.target === '0.41.1' ? toIntermediate : toLatest,
        ),
    });
    renderEntityCard(deploymentEntity(), <UpgradeReadinessCard />, fleetApi);

    const select = await screen.findByRole('combobox', {
      name: 'Target version',
    });
    expect(select).toHaveTextContent('0.42.0 (latest)');
    await userEvent.click(select);
    const options = within(screen.getByRole('listbox'))
      .getAllByRole('option')
      .map(option => option.textContent);
    expect(options).toEqual([
      '0.42.0 (latest) · 2026-10-01',
      '0.41.1 · 2026-08-20',
      '0.41.0 · 2026-08-01',
    ]);

    await userEvent.click(screen.getByRole('option', { name: /0\.41\.1/ }));

    expect(
      await screen.findByText('0.41.1 fixes the image regression of 0.40.2.'),
    ).toBeInTheDocument();
    expect(fleetApi.getDeployment).toHaveBeenLastCalledWith(
      'customerdeployment:default/acme-prod',
      { target: '0.41.1' },
    );
    expect(fleetApi.getDeployment).toHaveBeenCalledTimes(2);
    expect(screen.getByText('0.40.2 → 0.41.1')).toBeInTheDocument();
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(
      screen.getByRole('combobox', { name: 'Target version' }),
    ).toHaveTextContent('0.41.1');
    expect(fleetApi.getReleases).toHaveBeenCalledTimes(1);
    expect(
      screen.getByRole('link', { name: 'See the upgrade plan to 0.41.1' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/customerdeployment/acme-prod/upgrade?target=0.41.1',
    );
  });

  it('keeps the checks when the releases cannot be read', async () => {
    renderEntityCard(
      deploymentEntity(),
      <UpgradeReadinessCard />,
      mockFleetApi({
        getDeployment: jest.fn().mockResolvedValue(toLatest),
        getReleases: jest
          .fn()
          .mockRejectedValue(new Error('index.yaml unreachable')),
      }),
    );

    expect(
      await screen.findByText(/The chart releases could not be read/),
    ).toHaveTextContent('index.yaml unreachable');
    expect(checkItems()).toHaveLength(4);
    expect(
      screen.queryByRole('combobox', { name: 'Target version' }),
    ).not.toBeInTheDocument();
  });

  it('says so when the deployment runs the newest release', async () => {
    renderEntityCard(
      deploymentEntity({
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.42.0' } },
      }),
      <UpgradeReadinessCard />,
      mockFleetApi({
        getDeployment: jest.fn().mockResolvedValue(
          deploymentStatus({
            chartVersion: '0.42.0',
            upgrade: {
              status: 'up-to-date',
              current: '0.42.0',
              target: undefined,
              versionsBehind: 0,
              daysBehind: 0,
              checks: [],
            },
          }),
        ),
      }),
    );

    expect(
      await screen.findByText(
        'No release of deepgram-self-hosted is newer than 0.42.0.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Up to date')).toBeInTheDocument();
    expect(screen.getByText('· on 0.42.0, the latest')).toBeInTheDocument();
    expect(screen.getByText('Not behind')).toBeInTheDocument();
    expect(screen.queryByText('Checks')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /See the upgrade plan/ }),
    ).not.toBeInTheDocument();
  });

  it('says when the fleet backend has not evaluated the deployment yet', async () => {
    renderEntityCard(
      deploymentEntity(),
      <UpgradeReadinessCard />,
      mockFleetApi({
        getDeployment: jest
          .fn()
          .mockRejectedValue(await responseError(404, 'NotFoundError', 'x')),
      }),
    );

    expect(
      await screen.findByText(
        'Fleetdeck has not evaluated this deployment yet',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error of a target that cannot be evaluated, and keeps the last checks', async () => {
    const failure = await responseError(
      400,
      'InputError',
      'Unknown target 0.41.0',
    );
    renderEntityCard(
      deploymentEntity(),
      <UpgradeReadinessCard />,
      mockFleetApi({
        getDeployment: jest.fn().mockImplementation(async (_ref, options) => {
          if (options?.target === '0.41.0') {
            throw failure;
          }
          return toLatest;
        }),
      }),
    );

    await userEvent.click(
      await screen.findByRole('combobox', { name: 'Target version' }),
    );
    await userEvent.click(screen.getByRole('option', { name: /0\.41\.0/ }));

    expect(
      await screen.findByText(/Could not evaluate the upgrade to 0\.41\.0/),
    ).toBeInTheDocument();
    await waitFor(() => expect(checkItems()).toHaveLength(4));
  });
});

describe('newerReleases and sortChecks', () => {
  it('keeps only newer releases of the chart, newest first', () => {
    expect(
      newerReleases(releasesResponse, 'deepgram-self-hosted', '0.40.2').map(
        release => release.version,
      ),
    ).toEqual(['0.42.0', '0.41.1', '0.41.0']);
    expect(newerReleases(releasesResponse, 'other-chart', '0.1.0')).toEqual([]);
    expect(newerReleases(undefined, 'deepgram-self-hosted', '0.1.0')).toEqual(
      [],
    );
  });

  it('orders a pre-release before its release (SemVer, as the backend does)', () => {
    const withCandidates: ReleasesResponse = {
      charts: [
        {
          name: 'deepgram-self-hosted',
          releases: ['0.41.0-rc.1', '0.41.0', '0.40.2', '0.42.0-rc.2'].map(
            version => ({
              version,
              appVersion: `release-${version}`,
              created: '2026-11-01T00:00:00Z',
            }),
          ),
        },
      ],
    };
    expect(
      newerReleases(withCandidates, 'deepgram-self-hosted', '0.40.2').map(
        release => release.version,
      ),
    ).toEqual(['0.42.0-rc.2', '0.41.0', '0.41.0-rc.1']);
    // The release candidate of an installed release is not newer than it.
    expect(
      newerReleases(withCandidates, 'deepgram-self-hosted', '0.41.0').map(
        release => release.version,
      ),
    ).toEqual(['0.42.0-rc.2']);
  });

  it('puts failures first and keeps the order within an outcome', () => {
    expect(sortChecks(toLatest.upgrade.checks).map(check => check.id)).toEqual([
      'gpu',
      'values',
      'journal',
      'kubernetes',
    ]);
  });
});
