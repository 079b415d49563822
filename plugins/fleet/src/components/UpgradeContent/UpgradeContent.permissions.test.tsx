import { screen } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { UpgradeContent } from './UpgradeContent';
import { deploymentEntity } from '../../__fixtures__/entities';
import { mockFleetApi } from '../../__testUtils__/fleetApi';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';

// A file of its own: `usePermission` caches answers (SWR) per permission for the whole module,
// so a denial of fleet.report.create must not follow an allowance of it in the same file.
describe('the Upgrade tab without fleet.report.create', () => {
  it('shows the plan, the values and the bundles, but offers no upload', async () => {
    const fleetApi = mockFleetApi();
    renderEntityCard(deploymentEntity(), <UpgradeContent />, fleetApi, {
      permission: request =>
        request.permission.name === 'fleet.report.create'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });

    expect(
      await screen.findByText(
        'You may not replace the values of acme-prod (permission fleet.report.create); ask the team that owns it.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'You may not upload a verification for acme-prod (permission fleet.report.create).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Generated at onboarding')).toBeInTheDocument();
    expect(screen.getByText('Step 1: 0.40.2 → 0.41.1')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Save values' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Upload bundle verification' }),
    ).not.toBeInTheDocument();
  });
});
