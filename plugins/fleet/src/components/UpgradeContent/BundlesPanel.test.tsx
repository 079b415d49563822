import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UpgradeContent } from './UpgradeContent';
import { deploymentEntity } from '../../__fixtures__/entities';
import { bundleObservation } from '../../__fixtures__/upgrades';
import { mockFleetApi, responseError } from '../../__testUtils__/fleetApi';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';

const ACME_PROD = 'customerdeployment:default/acme-prod';

const verified = bundleObservation({
  id: 'a'.repeat(64),
  target: '0.41.1',
  deliveredAt: '2026-11-01T09:00:00.000Z',
  verification: 'verified',
  verifiedAt: '2026-11-02T08:00:00.000Z',
});
const failed = bundleObservation({
  id: 'b'.repeat(64),
  deliveredAt: '2026-11-20T09:00:00.000Z',
  verification: 'failed',
  verifiedAt: '2026-11-21T08:00:00.000Z',
  failedFiles: [
    'images/engine-release-260801.tar',
    'charts/deepgram-self-hosted-0.42.0.tgz',
  ],
});
const unverified = bundleObservation({
  id: 'c'.repeat(64),
  deliveredAt: '2026-12-01T09:00:00.000Z',
});

function renderTab(fleetApi = mockFleetApi(), url?: string) {
  renderEntityCard(deploymentEntity(), <UpgradeContent />, fleetApi, { url });
  return fleetApi;
}

/** The bundles table's body rows, each as its cells' text. */
async function bundleRows(): Promise<string[][]> {
  const [table] = within(await screen.findByTestId('bundle-list')).getAllByRole(
    'table',
  );
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      Array.from(row.querySelectorAll('td')).map(
        cell => cell.textContent ?? '',
      ),
    );
}

describe('BundlesPanel', () => {
  beforeEach(() => {
    URL.createObjectURL = jest.fn(() => 'blob:fleet');
    URL.revokeObjectURL = jest.fn();
  });
  afterEach(() => jest.restoreAllMocks());

  it('lists the bundles handed out, newest first, with what the customer’s check found', async () => {
    renderTab(
      mockFleetApi({
        listBundles: jest
          .fn()
          .mockResolvedValue({ items: [verified, failed, unverified] }),
      }),
    );

    expect(await bundleRows()).toEqual([
      [
        '0.40.2 → 0.42.0',
        '2026-12-01 09:00 UTC',
        'jane.se',
        'Not verified yetNo bundle-verification.json has come back.',
        'Download kit',
      ],
      [
        '0.40.2 → 0.42.0',
        '2026-11-20 09:00 UTC',
        'jane.se',
        'Failed · 2026-11-21 08:00 UTCMissing or changed: images/engine-release-260801.tar, charts/deepgram-self-hosted-0.42.0.tgz',
        'Download kit',
      ],
      [
        '0.40.2 → 0.41.1',
        '2026-11-01 09:00 UTC',
        'jane.se',
        'Verified · 2026-11-02 08:00 UTC',
        'Download kit',
      ],
    ]);
  });

  it('says so when no bundle was handed out yet', async () => {
    renderTab(
      mockFleetApi({ listBundles: jest.fn().mockResolvedValue({ items: [] }) }),
    );

    expect(
      await screen.findByText(
        'No bundle has been handed out for acme-prod yet.',
      ),
    ).toBeInTheDocument();
  });

  it('hands out a bundle for the target in the URL and lists it', async () => {
    const fleetApi = mockFleetApi({
      listBundles: jest
        .fn()
        .mockResolvedValueOnce({ items: [] })
        .mockResolvedValue({ items: [unverified] }),
    });
    renderTab(fleetApi, '/?target=0.42.0');

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Create update bundle for 0.42.0',
      }),
    );

    expect(
      await screen.findByText(
        'A bundle from 0.40.2 to 0.42.0 was handed out; download its kit below and send it to the customer.',
      ),
    ).toBeInTheDocument();
    expect(fleetApi.handOutBundle).toHaveBeenCalledWith(ACME_PROD, {
      target: '0.42.0',
    });
    expect(await bundleRows()).toHaveLength(1);
  });

  it('hands out a bundle for the target of the plan on screen when the URL names none', async () => {
    const fleetApi = renderTab();

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Create update bundle for 0.42.0',
      }),
    );

    await waitFor(() =>
      expect(fleetApi.handOutBundle).toHaveBeenCalledWith(ACME_PROD, {
        target: '0.42.0',
      }),
    );
  });

  it("shows the backend's refusal of a hand-out as it is", async () => {
    const message =
      'The release index has no digest for deepgram-self-hosted 0.42.0; the bundle cannot be checked on site';
    renderTab(
      mockFleetApi({
        // No plan to go by: the backend picks the target.
        getUpgradePlan: jest
          .fn()
          .mockRejectedValue(await responseError(500, 'Error', 'no policy')),
        handOutBundle: jest
          .fn()
          .mockRejectedValue(await responseError(400, 'InputError', message)),
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Create update bundle for the latest release',
      }),
    );

    expect(await screen.findByText(message)).toBeInTheDocument();
  });

  it('downloads the kit of a bundle', async () => {
    const fleetApi = renderTab();

    await userEvent.click(
      await screen.findByRole('button', {
        name: /Download the kit of the bundle to 0\.42\.0/,
      }),
    );

    await waitFor(() =>
      expect(fleetApi.downloadBundleKit).toHaveBeenCalledWith(
        ACME_PROD,
        'd'.repeat(64),
      ),
    );
    expect(URL.createObjectURL).toHaveBeenCalled();
  });

  it('uploads a bundle-verification.json as it is and says what it found', async () => {
    const verification =
      '{"apiVersion":"fleetdeck.io/v1alpha1","kind":"BundleVerification"}';
    const fleetApi = mockFleetApi({
      uploadBundleVerification: jest.fn().mockResolvedValue({ bundle: failed }),
    });
    renderTab(fleetApi);
    await screen.findByRole('button', {
      name: 'Upload bundle verification',
    });

    await userEvent.upload(
      screen.getByLabelText('Bundle verification file'),
      new File([verification], 'bundle-verification.json', {
        type: 'application/json',
      }),
    );

    expect(
      await screen.findByText(
        'The bundle to 0.42.0: failed. Missing or changed: images/engine-release-260801.tar, charts/deepgram-self-hosted-0.42.0.tgz.',
      ),
    ).toBeInTheDocument();
    expect(fleetApi.uploadBundleVerification).toHaveBeenCalledWith(
      ACME_PROD,
      verification,
    );
    await waitFor(() => expect(fleetApi.listBundles).toHaveBeenCalledTimes(2));
  });

  it('says a file that is not JSON is not a verification, without sending it', async () => {
    const fleetApi = renderTab();
    await screen.findByRole('button', {
      name: 'Upload bundle verification',
    });

    await userEvent.upload(
      screen.getByLabelText('Bundle verification file'),
      new File(['OK: 14 files'], 'bundle-verification.json'),
    );

    expect(
      await screen.findByText(
        'bundle-verification.json is not JSON; upload the bundle-verification.json that verify-bundle.sh wrote, as it is.',
      ),
    ).toBeInTheDocument();
    expect(fleetApi.uploadBundleVerification).not.toHaveBeenCalled();
  });

  it('is offered to air-gapped deployments only', async () => {
    const fleetApi = mockFleetApi();
    renderEntityCard(
      deploymentEntity({ spec: { profile: 'connected' } }),
      <UpgradeContent />,
      fleetApi,
    );

    expect(
      await screen.findByText('Step 1: 0.40.2 → 0.41.1'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Update bundles')).not.toBeInTheDocument();
    expect(fleetApi.listBundles).not.toHaveBeenCalled();
  });
});
