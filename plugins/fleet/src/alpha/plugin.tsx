import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { FleetIcon } from '../components/shared/FleetIcon';
import { fleetApi } from './api';
import { fleetPage } from './page';
import {
  customerDeploymentsEntityCard,
  customerOverviewEntityCard,
  deploymentOverviewEntityCard,
  deploymentStatusEntityCard,
  gpuEntityCard,
  journalEntityCard,
  licenseEntityCard,
  upgradeReadinessEntityCard,
  artifactsEntityCard,
} from './entityCards';
import {
  fleetEntityContent,
  journalsEntityContent,
  upgradeEntityContent,
} from './entityContent';
import { chartVersionPickerFormField, gpuSizingFormField } from './formFields';

/**
 * Fleetdeck's frontend for the new frontend system: the fleet page at `/fleet` (listed in the
 * navigation as "Customer fleet"), the fleet backend's API, entity cards for `Customer` and
 * `CustomerDeployment` entities (each shown only on entities of its kind), a "Fleet" tab on
 * deployments (with the GPU card), an "Upgrade" tab on deployments (plan, values, update bundles,
 * backups), and the journal card and a "Journals" tab (upload and history) on deployments that
 * bill by journal.
 *
 * @alpha
 */
export const fleetPlugin = createFrontendPlugin({
  pluginId: 'fleet',
  title: 'Fleet',
  icon: <FleetIcon />,
  info: { packageJson: () => import('../../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [
    fleetApi,
    fleetPage,
    deploymentOverviewEntityCard,
    deploymentStatusEntityCard,
    licenseEntityCard,
    upgradeReadinessEntityCard,
    gpuEntityCard,
    journalEntityCard,
    artifactsEntityCard,
    chartVersionPickerFormField,
    gpuSizingFormField,
    fleetEntityContent,
    journalsEntityContent,
    upgradeEntityContent,
    customerOverviewEntityCard,
    customerDeploymentsEntityCard,
  ],
});
