import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  CUSTOMER_KIND,
  FLEET_API_VERSION,
} from '@fleetdeck/plugin-fleet-common';

// Entity predicates (compared case-insensitively), the same test as `isCustomerEntity` and
// `isCustomerDeploymentEntity`; an app can replace them through the extension's `filter` config.
const isDeployment = {
  apiVersion: FLEET_API_VERSION,
  kind: CUSTOMER_DEPLOYMENT_KIND,
};
const isCustomer = { apiVersion: FLEET_API_VERSION, kind: CUSTOMER_KIND };

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
