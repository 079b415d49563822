import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  CheckOutcomeLabel,
  GpuStatusLabel,
  LicenseStatusLabel,
  StatusLabel,
} from './StatusLabel';

describe('StatusLabel', () => {
  it('shows the word next to the icon, where assistive technology reads it', async () => {
    await renderInTestApp(
      <LicenseStatusLabel signal={{ status: 'expired', daysLeft: -9 }} />,
    );

    const word = screen.getByText('Expired');
    expect(word.closest('[aria-hidden="true"]')).toBeNull();
    expect(screen.getByTestId('status-error')).toBeInTheDocument();
    expect(screen.getByText('· expired 9 days ago')).toBeInTheDocument();
  });

  it('gives each tone a different icon as well as its word', async () => {
    await renderInTestApp(
      <>
        <StatusLabel kind="license" status="valid" />
        <StatusLabel kind="license" status="expiring" />
        <StatusLabel kind="gpu" status="unknown" />
        <StatusLabel kind="journal" status="not-applicable" />
      </>,
    );

    expect(screen.getByText('Valid')).toBeInTheDocument();
    expect(screen.getByTestId('status-ok')).toBeInTheDocument();
    expect(screen.getByText('Expiring')).toBeInTheDocument();
    expect(screen.getByTestId('status-warning')).toBeInTheDocument();
    expect(screen.getByText('Unknown')).toBeInTheDocument();
    expect(screen.getByTestId('status-pending')).toBeInTheDocument();
    expect(screen.getByText('Not applicable')).toBeInTheDocument();
    expect(screen.getByTestId('status-aborted')).toBeInTheDocument();
  });

  it('can leave the detail out', async () => {
    await renderInTestApp(
      <GpuStatusLabel
        detail={false}
        signal={{ status: 'insufficient', models: [], allocatable: 2 }}
      />,
    );

    expect(screen.getByText('Insufficient')).toBeInTheDocument();
    expect(screen.queryByText(/allocatable/)).not.toBeInTheDocument();
  });

  it('names check outcomes', async () => {
    await renderInTestApp(<CheckOutcomeLabel outcome="fail" />);

    expect(screen.getByText('Fail')).toBeInTheDocument();
    expect(screen.getByTestId('status-error')).toBeInTheDocument();
  });
});
