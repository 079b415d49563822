import Grid from '@mui/material/Grid';
import { DeploymentStatusCard } from '../DeploymentStatusCard';
import { LicenseCard } from '../LicenseCard';
import { UpgradeReadinessCard } from '../UpgradeReadinessCard';

/**
 * The "Fleet" tab of a CustomerDeployment: its live status, license and upgrade readiness
 * together.
 */
export function FleetContent() {
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={6}>
        <DeploymentStatusCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <LicenseCard />
      </Grid>
      <Grid item xs={12}>
        <UpgradeReadinessCard />
      </Grid>
    </Grid>
  );
}
