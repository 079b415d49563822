import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/**
 * Fleetdeck's frontend for apps on the legacy frontend system. Apps on the new frontend system
 * use the default export of `@fleetdeck/plugin-fleet/alpha` instead.
 *
 * @public
 */
export const fleetPlugin = createPlugin({
  id: 'fleet',
});

/**
 * A CustomerDeployment's desired state in words: customer, owner, profile, chart, cluster,
 * license with its expiry, billing and GPUs. For the overview of `customerdeployment` entities.
 *
 * @public
 */
export const EntityDeploymentOverviewCard = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityDeploymentOverviewCard',
    component: {
      lazy: () =>
        import('./components/DeploymentOverviewCard').then(
          m => m.DeploymentOverviewCard,
        ),
    },
  }),
);

/**
 * A Customer at a glance: owner, tier, region and number of deployments. For the overview of
 * `customer` entities.
 *
 * @public
 */
export const EntityCustomerOverviewCard = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityCustomerOverviewCard',
    component: {
      lazy: () =>
        import('./components/CustomerOverviewCard').then(
          m => m.CustomerOverviewCard,
        ),
    },
  }),
);

/**
 * A table of a Customer's deployments with lifecycle, profile, chart and Kubernetes versions and
 * license expiry. For the overview of `customer` entities.
 *
 * @public
 */
export const EntityCustomerDeploymentsCard = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityCustomerDeploymentsCard',
    component: {
      lazy: () =>
        import('./components/CustomerDeploymentsCard').then(
          m => m.CustomerDeploymentsCard,
        ),
    },
  }),
);
