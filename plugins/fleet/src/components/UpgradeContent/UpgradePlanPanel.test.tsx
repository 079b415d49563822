import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { mockApis } from '@backstage/frontend-test-utils';
import { UpgradeContent } from './UpgradeContent';
import { deploymentEntity } from '../../__fixtures__/entities';
import { upgradePlan, upToDatePlan } from '../../__fixtures__/upgrades';
import { mockFleetApi, responseError } from '../../__testUtils__/fleetApi';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';

const ACME_PROD = 'customerdeployment:default/acme-prod';

/** The query string of the page, as the tab wrote it. */
function LocationProbe() {
  return <output aria-label="Location">{useLocation().search}</output>;
}

function renderTab(
  fleetApi = mockFleetApi(),
  options: Parameters<typeof renderEntityCard>[3] = {},
) {
  renderEntityCard(
    deploymentEntity(),
    <>
      <UpgradeContent />
      <LocationProbe />
    </>,
    fleetApi,
    options,
  );
  return fleetApi;
}

/** The rows of the values changes table of `version`, each as its cells' text. */
function valuesChangeRows(version: string): string[][] {
  const section = screen.getByRole('region', {
    name: `Values changes in ${version}`,
  });
  const [table] = within(section).getAllByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      Array.from(row.querySelectorAll('td')).map(
        cell => cell.textContent ?? '',
      ),
    );
}

describe('UpgradePlanPanel', () => {
  beforeEach(() => {
    URL.createObjectURL = jest.fn(() => 'blob:fleet');
    URL.revokeObjectURL = jest.fn();
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows a multi-step plan: the path, the skipped version and why, each step with its values changes, GPU changes, checks and commands', async () => {
    renderTab();

    expect(
      await screen.findByText('Step 1: 0.40.2 → 0.41.1'),
    ).toBeInTheDocument();
    expect(screen.getByText('Required intermediate')).toBeInTheDocument();
    expect(screen.getByText('Step 2: 0.41.1 → 0.42.0')).toBeInTheDocument();
    expect(screen.getByText('Target')).toBeInTheDocument();
    expect(
      screen.getByText(/^0\.40\.2 → 0\.42\.0 · planned 2026-12-04 10:00 UTC$/),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('region', { name: 'Skipped versions' }),
    ).toHaveTextContent(
      '0.41.0: Known bad: its API pods crash on start (fixed in 0.41.1).',
    );

    // The renamed key, applied, with where it went.
    expect(valuesChangeRows('0.41.1')).toEqual([
      [
        'scaling.static.engine.replicas',
        'Renamed (applied)',
        'scaling.replicas.engine',
        'Moved under scaling.replicas (CHANGELOG 0.41.1).',
      ],
    ]);
    // A key that becomes required, flagged with what the SE must do.
    expect(valuesChangeRows('0.42.0')).toEqual([
      [
        'fluxTts.maxBatchSize',
        'Required: act',
        '—',
        'Required from 0.42.0 (CHANGELOG 0.42.0).Action: Set fluxTts.maxBatchSize to the batch size the customer sized for.',
      ],
    ]);
    expect(
      screen.getByText(/1 values change the SE must act on/),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('region', { name: 'GPU changes' }),
    ).toHaveTextContent(
      'agent-text-to-speech: 2 GPUs per pod from 0.42.0. Each agent pod asks for 2 GPUs.',
    );
    expect(
      within(screen.getByRole('list', { name: 'Checks for 0.42.0' })).getByText(
        'agent-text-to-speech asks for 2 GPUs per pod; 1 is free on any node.',
      ),
    ).toBeInTheDocument();
    // The code blocks' highlighter loads on its own.
    await waitFor(() =>
      expect(
        screen.getByRole('region', { name: 'Upgrade to 0.42.0' }),
      ).toHaveTextContent(
        'helm upgrade deepgram deepgram/deepgram-self-hosted --version 0.42.0 -n dg-self-hosted -f values/0.42.0.yaml',
      ),
    );
    expect(
      screen.getByRole('region', { name: 'Values for 0.42.0' }),
    ).toHaveTextContent('maxBatchSize: 8');
  });

  it('restores the database in the rollback of a step that migrates it, and only there', async () => {
    renderTab();

    const migrating = await screen.findByRole('region', {
      name: 'Roll back to 0.41.1 (restores the database)',
    });
    await waitFor(() =>
      expect(migrating).toHaveTextContent(
        'pg_restore --clean --if-exists -d transcripts transcripts-db-0.41.1.dump',
      ),
    );
    expect(migrating).toHaveTextContent(
      'helm rollback deepgram -n dg-self-hosted',
    );
    expect(
      screen.getByText(
        '0.42.0 migrates the database. Take a backup first (the preflight does); the rollback restores it.',
      ),
    ).toBeInTheDocument();

    const plain = screen.getByRole('region', { name: 'Roll back to 0.40.2' });
    expect(plain).toHaveTextContent('helm rollback deepgram -n dg-self-hosted');
    expect(plain).not.toHaveTextContent('pg_restore');
  });

  it('plans for the target in the URL, and writes another chosen target back to it', async () => {
    const fleetApi = mockFleetApi({
      getUpgradePlan: jest.fn().mockImplementation(async (_ref, options) => ({
        plan:
          options?.target === '0.41.1'
            ? upgradePlan({
                target: '0.41.1',
                steps: [upgradePlan().steps[0]],
                skipped: [],
              })
            : upgradePlan(),
      })),
    });
    renderTab(fleetApi, { url: '/?target=0.42.0' });

    expect(
      await screen.findByText('Step 2: 0.41.1 → 0.42.0'),
    ).toBeInTheDocument();
    expect(fleetApi.getUpgradePlan).toHaveBeenCalledWith(ACME_PROD, {
      target: '0.42.0',
    });

    await userEvent.click(
      await screen.findByRole('combobox', { name: 'Target version' }),
    );
    await userEvent.click(screen.getByRole('option', { name: /0\.41\.1/ }));

    await waitFor(() =>
      expect(screen.queryByText('Step 2: 0.41.1 → 0.42.0')).toBeNull(),
    );
    expect(
      await screen.findByText('Step 1: 0.40.2 → 0.41.1'),
    ).toBeInTheDocument();
    expect(fleetApi.getUpgradePlan).toHaveBeenLastCalledWith(ACME_PROD, {
      target: '0.41.1',
    });
    expect(screen.getByRole('status', { name: 'Location' })).toHaveTextContent(
      '?target=0.41.1',
    );
  });

  it('downloads the plan for its target as a .tar.gz', async () => {
    const fleetApi = renderTab();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Download plan (.tar.gz)' }),
    );

    await waitFor(() =>
      expect(fleetApi.downloadUpgradePlanArchive).toHaveBeenCalledWith(
        ACME_PROD,
        { target: '0.42.0' },
      ),
    );
    expect(URL.createObjectURL).toHaveBeenCalled();
  });

  it("lists the plan's files on request, each to download", async () => {
    const saved: string[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        saved.push(this.download);
      });
    const fleetApi = renderTab(
      mockFleetApi({
        getUpgradePlanFiles: jest.fn().mockResolvedValue({
          plan: upgradePlan(),
          files: [
            { path: 'UPGRADE.md', content: '# Upgrade acme-prod\n' },
            { path: 'values/0.42.0.yaml', content: 'fluxTts: {}\n' },
            {
              path: 'collect-status.sh',
              content: '#!/bin/sh\n',
              mode: 0o755,
            },
          ],
        }),
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: "Show the plan's files" }),
    );

    const files = await screen.findByRole('region', { name: 'Plan files' });
    expect(
      within(files)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'UPGRADE.md20 B',
      'values/0.42.0.yaml12 B',
      'collect-status.sh10 B',
    ]);
    expect(fleetApi.getUpgradePlanFiles).toHaveBeenCalledWith(ACME_PROD, {
      target: '0.42.0',
    });

    await userEvent.click(
      within(files).getByRole('button', {
        name: 'Download values/0.42.0.yaml',
      }),
    );
    expect(saved).toEqual(['values-0.42.0.yaml']);
  });

  it('says a refused download is for want of fleet.artifact.read', async () => {
    const alertApi = mockApis.alert();
    renderTab(
      mockFleetApi({
        downloadUpgradePlanArchive: jest
          .fn()
          .mockRejectedValue(
            await responseError(403, 'NotAllowedError', 'Unauthorized'),
          ),
      }),
      { alertApi },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Download plan (.tar.gz)' }),
    );

    await waitFor(() =>
      expect(alertApi.getAlerts().map(alert => alert.message)).toEqual([
        'You may not download the upgrade plan of acme-prod: the permission fleet.artifact.read is not granted to you. Ask a platform admin, or the team that owns acme-prod, for access.',
      ]),
    );
  });

  it("shows each step's values diff: the first from the values on record, the next from the step before", async () => {
    renderTab();

    // (text content is matched with its whitespace collapsed)
    const first = await screen.findByRole('region', {
      name: 'Values diff for 0.41.1',
    });
    expect(first).toHaveTextContent('--- values before 0.41.1');
    expect(first).toHaveTextContent('+++ values/0.41.1.yaml');
    expect(first).toHaveTextContent('- static:');
    expect(first).toHaveTextContent('+ replicas:');
    const second = screen.getByRole('region', {
      name: 'Values diff for 0.42.0',
    });
    expect(second).toHaveTextContent('+fluxTts:');
    expect(second).toHaveTextContent('+ maxBatchSize: 8');
    expect(second).not.toHaveTextContent('- static:');
  });

  it('lists the releases passed over for the same reason on one line, and a known-bad one on its own', async () => {
    const notAStop =
      'not a required stop: the upgrade to 0.42.0 takes in its changes';
    renderTab(
      mockFleetApi({
        getUpgradePlan: jest.fn().mockResolvedValue({
          plan: upgradePlan({
            skipped: [
              { version: '0.39.0', reason: notAStop },
              { version: '0.40.2', reason: 'known-bad: engine images fail' },
              { version: '0.41.0', reason: notAStop },
            ],
          }),
        }),
      }),
    );

    const skipped = await screen.findByRole('region', {
      name: 'Skipped versions',
    });
    expect(
      within(skipped)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      `0.39.0, 0.41.0: ${notAStop}`,
      '0.40.2: known-bad: engine images fail',
    ]);
  });

  it('says the deployment is up to date when there is no step, and offers no download', async () => {
    renderTab(
      mockFleetApi({
        getUpgradePlan: jest.fn().mockResolvedValue({ plan: upToDatePlan }),
      }),
    );

    expect(
      await screen.findByText(
        'acme-prod is up to date: it runs 0.42.0, and there is nothing to upgrade to.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Download plan (.tar.gz)' }),
    ).not.toBeInTheDocument();
  });

  it("says the user may not read the deployment's plan when the backend refuses it", async () => {
    renderTab(
      mockFleetApi({
        getUpgradePlan: jest
          .fn()
          .mockRejectedValue(
            await responseError(403, 'NotAllowedError', 'Unauthorized'),
          ),
      }),
    );

    expect(
      await screen.findByText(
        'You may not read the upgrade plan of acme-prod: the permission fleet.deployment.read is not granted to you. Ask a platform admin, or the team that owns acme-prod, for access.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Step 1/)).not.toBeInTheDocument();
  });

  it('shows the error of a plan that could not be drawn up', async () => {
    renderTab(
      mockFleetApi({
        getUpgradePlan: jest
          .fn()
          .mockRejectedValue(
            await responseError(
              500,
              'Error',
              'the release policy could not be read',
            ),
          ),
      }),
    );

    expect(
      await screen.findByText(/Could not plan the upgrade of acme-prod$/),
    ).toBeInTheDocument();
  });
});
