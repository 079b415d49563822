import { screen } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { deploymentEntity } from '../__fixtures__/entities';
import { mockFleetApi } from '../__testUtils__/fleetApi';
import { renderJournalsContent } from '../__testUtils__/journalsContent';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';
import { ArtifactsCard } from './ArtifactsCard';
import { DeploymentStatusCard } from './DeploymentStatusCard';
import { GpuCard } from './GpuCard';
import { UpgradeContent } from './UpgradeContent';
import { UpgradeReadinessCard } from './UpgradeReadinessCard';

// A file of its own, every permission denied: `usePermission` caches answers (SWR) per
// permission and resource for the whole module, so an allowance in the same file would leak.
const refusal = (action: string, permission: string) =>
  `You may not ${action} of acme-prod: the permission ${permission} is not granted to you. Ask a platform admin, or the team that owns acme-prod, for access.`;

describe('fleet cards without the permission to read', () => {
  it.each([
    ['Deployment status', <DeploymentStatusCard />],
    ['GPU capacity', <GpuCard />],
    ['Upgrade readiness', <UpgradeReadinessCard />],
  ])(
    'the %s card explains the refusal and asks nothing of the fleet backend',
    async (_title, card) => {
      const fleetApi = mockFleetApi();
      renderEntityCard(deploymentEntity(), card, fleetApi, {
        permission: AuthorizeResult.DENY,
      });
      expect(
        await screen.findByText(
          refusal('see the fleet status', 'fleet.deployment.read'),
        ),
      ).toBeVisible();
      expect(fleetApi.getDeployment).not.toHaveBeenCalled();
    },
  );

  it('the generated files card explains the refusal and lists no files', async () => {
    const fleetApi = mockFleetApi();
    renderEntityCard(deploymentEntity(), <ArtifactsCard />, fleetApi, {
      permission: AuthorizeResult.DENY,
    });
    expect(
      await screen.findByText(
        refusal('download the generated files', 'fleet.artifact.read'),
      ),
    ).toBeVisible();
    expect(fleetApi.listArtifacts).not.toHaveBeenCalled();
  });

  it('the Journals tab hides the history and its downloads without fleet.journal.read', async () => {
    const fleetApi = mockFleetApi();
    renderJournalsContent(fleetApi, {
      canUpload: false,
      denied: ['fleet.journal.read', 'fleet.deployment.read'],
    });
    expect(
      await screen.findByText(
        refusal('read the billing journals', 'fleet.journal.read'),
      ),
    ).toBeVisible();
    expect(screen.queryByTestId('journal-history')).not.toBeInTheDocument();
    expect(fleetApi.listJournals).not.toHaveBeenCalled();
    // The journal card above it shows the status: fleet.deployment.read, refused as well.
    expect(
      screen.getByText(
        refusal('see the fleet status', 'fleet.deployment.read'),
      ),
    ).toBeVisible();
    expect(fleetApi.getDeployment).not.toHaveBeenCalled();
  });

  it('the Upgrade tab explains the refusal and asks nothing of the fleet backend', async () => {
    const fleetApi = mockFleetApi();
    renderEntityCard(deploymentEntity(), <UpgradeContent />, fleetApi, {
      permission: AuthorizeResult.DENY,
    });
    expect(
      await screen.findByText(
        refusal('read the upgrade plan', 'fleet.deployment.read'),
      ),
    ).toBeVisible();
    expect(fleetApi.getUpgradePlan).not.toHaveBeenCalled();
    expect(fleetApi.getValues).not.toHaveBeenCalled();
    expect(fleetApi.listBundles).not.toHaveBeenCalled();
    expect(fleetApi.listBackups).not.toHaveBeenCalled();
  });
});
