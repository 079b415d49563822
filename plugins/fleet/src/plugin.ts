import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { fleetApiRef, FleetClient } from './api';
import {
  ChartVersionPicker,
  chartVersionValidation,
} from './components/ChartVersionPicker';
import { GpuSizingField } from './components/GpuSizingField';
import { rootRouteRef } from './routes';

/**
 * Fleetdeck's frontend for apps on the legacy frontend system. Apps on the new frontend system
 * use the default export of `@fleetdeck/plugin-fleet/alpha` instead.
 *
 * @public
 */
export const fleetPlugin = createPlugin({
  id: 'fleet',
  apis: [
    createApiFactory({
      api: fleetApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        identityApi: identityApiRef,
      },
      factory: ({ discoveryApi, fetchApi, identityApi }) =>
        new FleetClient({ discoveryApi, fetchApi, identityApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The fleet page: every CustomerDeployment with its license, journal, GPU and upgrade status,
 * tiles counting what needs attention, filters, search and sorting, all kept in the URL.
 * Mount it in the app's routes, normally at `/fleet`.
 *
 * @public
 */
export const FleetPage: () => JSX.Element = fleetPlugin.provide(
  createRoutableExtension({
    name: 'FleetPage',
    component: () => import('./components/FleetPage').then(m => m.FleetPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * A CustomerDeployment's desired state in words: customer, owner, profile, chart, cluster,
 * license with its expiry, billing and GPUs. For the overview of `customerdeployment` entities.
 *
 * @public
 */
export const EntityDeploymentOverviewCard: () => JSX.Element =
  fleetPlugin.provide(
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
 * A CustomerDeployment's live status from the fleet backend: health and the license, journal,
 * GPU and upgrade signals, each with the reason, and when it was evaluated.
 *
 * @public
 */
export const EntityDeploymentStatusCard: () => JSX.Element =
  fleetPlugin.provide(
    createComponentExtension({
      name: 'EntityDeploymentStatusCard',
      component: {
        lazy: () =>
          import('./components/DeploymentStatusCard').then(
            m => m.DeploymentStatusCard,
          ),
      },
    }),
  );

/**
 * A CustomerDeployment's license: status, id, last valid day, days left and the names of the
 * Secrets holding it (never the key).
 *
 * @public
 */
export const EntityLicenseCard: () => JSX.Element = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityLicenseCard',
    component: {
      lazy: () => import('./components/LicenseCard').then(m => m.LicenseCard),
    },
  }),
);

/**
 * The scaffolder field `FleetChartVersionPicker`: a chart version picked from the releases the
 * fleet backend knows, newest first. Add it inside `<ScaffolderFieldExtensions>` in a legacy
 * app; templates use `ui:field: FleetChartVersionPicker` (`ui:options.chart` for another
 * chart than deepgram-self-hosted).
 *
 * @public
 */
export const FleetChartVersionPickerFieldExtension = fleetPlugin.provide(
  createScaffolderFieldExtension({
    name: 'FleetChartVersionPicker',
    component: ChartVersionPicker,
    validation: chartVersionValidation,
  }),
);

/**
 * The scaffolder field `FleetGpuSizing`: asks for the expected load (concurrent streams) and
 * proposes engine replicas, GPUs per engine, GPU memory, CPU and memory per engine pod from the
 * release policy's sizing table at the chart version the form picked, each editable. Add it
 * inside `<ScaffolderFieldExtensions>` in a legacy app; templates use
 * `ui:field: FleetGpuSizing` on an object (`ui:options.chartVersionField` names the chart
 * version's field when it is not `chartVersion`).
 *
 * @public
 */
export const FleetGpuSizingFieldExtension = fleetPlugin.provide(
  createScaffolderFieldExtension({
    name: 'FleetGpuSizing',
    component: GpuSizingField,
  }),
);

/**
 * The files generated when a CustomerDeployment was onboarded through the portal (Helm values,
 * backup CronJobs, runbook, status collector), each downloadable and all as one `.tar.gz`; says
 * so when the deployment came from elsewhere.
 *
 * @public
 */
export const EntityArtifactsCard: () => JSX.Element = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityArtifactsCard',
    component: {
      lazy: () =>
        import('./components/ArtifactsCard').then(m => m.ArtifactsCard),
    },
  }),
);

/**
 * Whether a CustomerDeployment can be upgraded: current → target, how far behind, and each
 * preflight check with its message and fix; another target can be chosen among newer releases.
 *
 * @public
 */
export const EntityUpgradeReadinessCard: () => JSX.Element =
  fleetPlugin.provide(
    createComponentExtension({
      name: 'EntityUpgradeReadinessCard',
      component: {
        lazy: () =>
          import('./components/UpgradeReadinessCard').then(
            m => m.UpgradeReadinessCard,
          ),
      },
    }),
  );

/**
 * The GPU capacity of a CustomerDeployment, from its live cluster or its latest status report:
 * status and why, allocatable vs requested vs needed per GPU model, the GPU nodes (model,
 * memory, GPUs, sharing, driver, state), pods waiting for GPUs, the data's source and age, and
 * what to do when it is not `ok`.
 *
 * @public
 */
export const EntityGpuCard: (props: { now?: Date }) => JSX.Element =
  fleetPlugin.provide(
    createComponentExtension({
      name: 'EntityGpuCard',
      component: {
        lazy: () => import('./components/GpuCard').then(m => m.GpuCard),
      },
    }),
  );

/**
 * The billing journals of a CustomerDeployment, per billing replica (`deepgram-billing-N`): status
 * in words, when its latest journal was received and captured, and when the next one is due.
 * Deployments that do not bill by journal get a short "not applicable" note.
 *
 * @public
 */
export const EntityJournalCard: () => JSX.Element = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityJournalCard',
    component: {
      lazy: () => import('./components/JournalCard').then(m => m.JournalCard),
    },
  }),
);

/**
 * The content of a "Journals" tab on CustomerDeployment pages that bill by journal: the journal
 * card, an upload dialog (drag and drop, progress and a result per file) and the history of
 * received journals with downloads. Use it in an `EntityLayout.Route`, for example with
 * `if={isJournalBillingDeployment}`.
 *
 * @public
 */
export const EntityJournalsContent: () => JSX.Element = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityJournalsContent',
    component: {
      lazy: () =>
        import('./components/JournalsContent').then(m => m.JournalsContent),
    },
  }),
);

/**
 * The content of a "Fleet" tab on CustomerDeployment pages: the status, license and upgrade
 * readiness cards together, and the journal card for deployments that bill by journal. Use it
 * in an `EntityLayout.Route`.
 *
 * @public
 */
export const EntityFleetContent: () => JSX.Element = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityFleetContent',
    component: {
      lazy: () => import('./components/FleetContent').then(m => m.FleetContent),
    },
  }),
);

/**
 * The content of an "Upgrade" tab on CustomerDeployment pages: the upgrade plan to a target
 * (`?target=` in the URL, else the latest) step by step — values changes, GPU changes, checks,
 * commands, rollback — with its files as a download; the values on record and their upload; the
 * update bundles of air-gapped deployments (hand-out, kit, verification); and the latest backup
 * of each database. Use it in an `EntityLayout.Route` at `path="/upgrade"`, where the upgrade
 * readiness card's "See the upgrade plan" link leads.
 *
 * @public
 */
export const EntityUpgradeContent: () => JSX.Element = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityUpgradeContent',
    component: {
      lazy: () =>
        import('./components/UpgradeContent').then(m => m.UpgradeContent),
    },
  }),
);

/**
 * A Customer at a glance: owner, tier, region and number of deployments. For the overview of
 * `customer` entities.
 *
 * @public
 */
export const EntityCustomerOverviewCard: () => JSX.Element =
  fleetPlugin.provide(
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
export const EntityCustomerDeploymentsCard: () => JSX.Element =
  fleetPlugin.provide(
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
