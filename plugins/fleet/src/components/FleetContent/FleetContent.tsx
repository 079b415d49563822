import Grid from '@mui/material/Grid';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isCustomerDeploymentEntity } from '@fleetdeck/plugin-fleet-common';
import { DeploymentStatusCard } from '../DeploymentStatusCard';
import { GpuCard } from '../GpuCard';
import { JournalCard } from '../JournalCard';
import { LicenseCard } from '../LicenseCard';
import { UpgradeReadinessCard } from '../UpgradeReadinessCard';
import { billsByJournal } from '../shared/describeJournal';

/**
 * The "Fleet" tab of a CustomerDeployment: its live status, license, GPU capacity and upgrade
 * readiness together, and the journals per billing replica when the deployment bills by
 * journal (for other deployments that card would only say "not applicable").
 */
export function FleetContent() {
  const { entity } = useEntity();
  const journals = isCustomerDeploymentEntity(entity) && billsByJournal(entity);
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={6}>
        <DeploymentStatusCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <LicenseCard />
      </Grid>
      {journals ? (
        <Grid item xs={12}>
          <JournalCard />
        </Grid>
      ) : null}
      <Grid item xs={12}>
        <GpuCard />
      </Grid>
      <Grid item xs={12}>
        <UpgradeReadinessCard />
      </Grid>
    </Grid>
  );
}
