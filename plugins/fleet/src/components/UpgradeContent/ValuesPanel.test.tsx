import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UpgradeContent } from './UpgradeContent';
import { deploymentEntity } from '../../__fixtures__/entities';
import { valuesObservation } from '../../__fixtures__/upgrades';
import { mockFleetApi, responseError } from '../../__testUtils__/fleetApi';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';

const ACME_PROD = 'customerdeployment:default/acme-prod';
const VALUES = 'scaling:\n  replicas:\n    engine: 3\n';

function renderTab(fleetApi = mockFleetApi()) {
  renderEntityCard(deploymentEntity(), <UpgradeContent />, fleetApi);
  return fleetApi;
}

describe('ValuesPanel', () => {
  it('says where the values on record came from and when, and shows them on request', async () => {
    renderTab();

    expect(
      await screen.findByText('Generated at onboarding'),
    ).toBeInTheDocument();
    expect(screen.getByText('2026-11-26 10:00 UTC')).toBeInTheDocument();
    const panel = screen.getByRole('region', { name: 'Values on record' });
    expect(within(panel).queryByText(/deepgramLicenseSecretRef/)).toBeNull();

    await userEvent.click(
      within(panel).getByRole('button', { name: 'View the values' }),
    );

    await waitFor(() =>
      expect(
        within(panel).getByText(/deepgramLicenseSecretRef/, {
          selector: 'code *',
        }),
      ).toBeInTheDocument(),
    );
  });

  it('says so when no values are on record', async () => {
    renderTab(mockFleetApi({ getValues: jest.fn().mockResolvedValue({}) }));

    expect(
      await screen.findByText(/No values of acme-prod are on record/),
    ).toBeInTheDocument();
  });

  it('saves pasted values, shows them as uploaded and plans again from them', async () => {
    const fleetApi = mockFleetApi({
      getValues: jest
        .fn()
        .mockResolvedValueOnce({ values: valuesObservation() })
        .mockResolvedValue({
          values: valuesObservation({
            document: VALUES,
            source: 'upload',
            recordedAt: '2026-12-04T11:00:00.000Z',
          }),
        }),
    });
    renderTab(fleetApi);
    await screen.findByText('Generated at onboarding');
    await screen.findByText('Step 1: 0.40.2 → 0.41.1');
    expect(fleetApi.getUpgradePlan).toHaveBeenCalledTimes(1);
    const save = screen.getByRole('button', { name: 'Save values' });
    expect(save).toBeDisabled();

    await userEvent.click(
      screen.getByRole('textbox', { name: 'Values (YAML)' }),
    );
    await userEvent.paste(VALUES);
    await userEvent.click(save);

    expect(
      await screen.findByText(
        'The values of acme-prod were saved; the plan now starts from them.',
      ),
    ).toBeInTheDocument();
    expect(fleetApi.uploadValues).toHaveBeenCalledWith(ACME_PROD, VALUES);
    expect(await screen.findByText('Uploaded')).toBeInTheDocument();
    expect(screen.getByText('2026-12-04 11:00 UTC')).toBeInTheDocument();
    await waitFor(() =>
      expect(fleetApi.getUpgradePlan).toHaveBeenCalledTimes(2),
    );
    expect(screen.getByRole('textbox', { name: 'Values (YAML)' })).toHaveValue(
      '',
    );
  });

  it('reads a chosen values file into the form', async () => {
    const fleetApi = renderTab();
    await screen.findByText('Generated at onboarding');

    await userEvent.upload(
      screen.getByLabelText('Values file'),
      new File([VALUES], 'values.yaml', { type: 'text/yaml' }),
    );

    await waitFor(() =>
      expect(
        screen.getByRole('textbox', { name: 'Values (YAML)' }),
      ).toHaveValue(VALUES),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save values' }));
    expect(fleetApi.uploadValues).toHaveBeenCalledWith(ACME_PROD, VALUES);
  });

  it("shows the backend's 400 message as it is, and keeps the document", async () => {
    const message =
      'values line 2: global.deepgramApiKey holds a secret value; refer to a Secret by name (global.deepgramSecretRef) instead';
    const fleetApi = renderTab(
      mockFleetApi({
        uploadValues: jest
          .fn()
          .mockRejectedValue(await responseError(400, 'InputError', message)),
      }),
    );
    await screen.findByText('Generated at onboarding');

    await userEvent.click(
      screen.getByRole('textbox', { name: 'Values (YAML)' }),
    );
    await userEvent.paste('global:\n  deepgramApiKey: abc\n');
    await userEvent.click(screen.getByRole('button', { name: 'Save values' }));

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Values (YAML)' })).toHaveValue(
      'global:\n  deepgramApiKey: abc\n',
    );
    expect(fleetApi.getValues).toHaveBeenCalledTimes(1);
  });

  it('refuses a document larger than the backend keeps before sending it', async () => {
    const fleetApi = renderTab();
    await screen.findByText('Generated at onboarding');

    await userEvent.upload(
      screen.getByLabelText('Values file'),
      new File([`a: "${'x'.repeat(256 * 1024)}"\n`], 'values.yaml'),
    );

    expect(
      await screen.findByText(
        '257 KiB: the portal keeps values files up to 256 KiB.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save values' })).toBeDisabled();
    expect(fleetApi.uploadValues).not.toHaveBeenCalled();
  });
});
