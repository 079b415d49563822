import { screen } from '@testing-library/react';
import { LicenseCard, describeDaysLeft } from './LicenseCard';
import { deploymentEntity } from '../../__fixtures__/entities';
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

describe('LicenseCard', () => {
  it('shows status, id, expiry, days left and the Secret names only', async () => {
    renderEntityCard(deploymentEntity(), <LicenseCard />, mockFleetApi());

    expect(await screen.findByText('LIC-ACME-7')).toBeInTheDocument();
    expect(screen.getByText('License')).toBeInTheDocument();
    expect(fact('Status')).toHaveTextContent(/^Expiring· expires in 12 days$/);
    expect(fact('License ID')).toHaveTextContent(/^LIC-ACME-7$/);
    expect(fact('Expires')).toHaveTextContent(/^2027-03-31$/);
    expect(fact('Days left')).toHaveTextContent(/^12 days$/);
    expect(fact('Key secret')).toHaveTextContent(/^dg-license-key$/);
    expect(fact('File secret')).toHaveTextContent(/^dg-license-file$/);
    expect(
      screen.getByText(/the license key never enters the portal/),
    ).toBeInTheDocument();
  });

  it('says how long ago an expired license ran out', async () => {
    renderEntityCard(
      deploymentEntity(),
      <LicenseCard />,
      mockFleetApi({
        getDeployment: jest.fn().mockResolvedValue(
          deploymentStatus({
            license: {
              status: 'expired',
              expiresAt: '2026-11-13',
              daysLeft: -9,
            },
          }),
        ),
      }),
    );

    expect(await screen.findByText('Expired')).toBeInTheDocument();
    expect(fact('Status')).toHaveTextContent('expired 9 days ago');
    expect(fact('Expires')).toHaveTextContent(/^2026-11-13$/);
    expect(fact('Days left')).toHaveTextContent(/^None, expired 9 days ago$/);
  });

  it('reads well for a connected deployment without a license', async () => {
    renderEntityCard(
      deploymentEntity({ spec: { profile: 'connected', license: undefined } }),
      <LicenseCard />,
      mockFleetApi({
        getDeployment: jest.fn().mockResolvedValue(
          deploymentStatus({
            profile: 'connected',
            license: {
              status: 'not-required',
              expiresAt: undefined,
              daysLeft: undefined,
            },
          }),
        ),
      }),
    );

    expect(await screen.findByText('Not required')).toBeInTheDocument();
    expect(fact('License ID')).toHaveTextContent(/^None on file$/);
    expect(screen.queryByText('Key secret')).not.toBeInTheDocument();
  });

  it('says when the fleet backend has not evaluated the deployment yet', async () => {
    renderEntityCard(
      deploymentEntity(),
      <LicenseCard />,
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
});

describe('describeDaysLeft', () => {
  it('counts to the last valid day', () => {
    expect(describeDaysLeft(1)).toBe('1 day');
    expect(describeDaysLeft(0)).toBe('0 days (today is the last valid day)');
    expect(describeDaysLeft(-1)).toBe('None, expired 1 day ago');
    expect(describeDaysLeft(undefined)).toBe('Unknown');
  });
});
