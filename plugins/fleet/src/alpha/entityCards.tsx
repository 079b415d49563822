import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isCustomer, isDeployment, isJournalDeployment } from './filters';

/** `entity-card:fleet/deployment-overview` */
export const deploymentOverviewEntityCard = EntityCardBlueprint.make({
  name: 'deployment-overview',
  params: {
    filter: isDeployment,
    loader: () =>
      import('../components/DeploymentOverviewCard').then(m => (
        <m.DeploymentOverviewCard />
      )),
  },
});

/** `entity-card:fleet/deployment-status` — health and the four signals. */
export const deploymentStatusEntityCard = EntityCardBlueprint.make({
  name: 'deployment-status',
  params: {
    filter: isDeployment,
    loader: () =>
      import('../components/DeploymentStatusCard').then(m => (
        <m.DeploymentStatusCard />
      )),
  },
});

/** `entity-card:fleet/license` — small, so it sits with the About card. */
export const licenseEntityCard = EntityCardBlueprint.make({
  name: 'license',
  params: {
    type: 'info',
    filter: isDeployment,
    loader: () =>
      import('../components/LicenseCard').then(m => <m.LicenseCard />),
  },
});

/** `entity-card:fleet/upgrade-readiness` — checks and a target selector. */
export const upgradeReadinessEntityCard = EntityCardBlueprint.make({
  name: 'upgrade-readiness',
  params: {
    filter: isDeployment,
    loader: () =>
      import('../components/UpgradeReadinessCard').then(m => (
        <m.UpgradeReadinessCard />
      )),
  },
});

/** `entity-card:fleet/gpu` — GPU capacity from the live cluster or the latest status report. */
export const gpuEntityCard = EntityCardBlueprint.make({
  name: 'gpu',
  params: {
    filter: isDeployment,
    loader: () => import('../components/GpuCard').then(m => <m.GpuCard />),
  },
});

/** `entity-card:fleet/journals` — per billing replica, on deployments that bill by journal. */
export const journalEntityCard = EntityCardBlueprint.make({
  name: 'journals',
  params: {
    filter: isJournalDeployment,
    loader: () =>
      import('../components/JournalCard').then(m => <m.JournalCard />),
  },
});

/** `entity-card:fleet/customer-overview` — small, so it sits with the About card. */
export const customerOverviewEntityCard = EntityCardBlueprint.make({
  name: 'customer-overview',
  params: {
    type: 'info',
    filter: isCustomer,
    loader: () =>
      import('../components/CustomerOverviewCard').then(m => (
        <m.CustomerOverviewCard />
      )),
  },
});

/** `entity-card:fleet/customer-deployments` */
export const customerDeploymentsEntityCard = EntityCardBlueprint.make({
  name: 'customer-deployments',
  params: {
    filter: isCustomer,
    loader: () =>
      import('../components/CustomerDeploymentsCard').then(m => (
        <m.CustomerDeploymentsCard />
      )),
  },
});
