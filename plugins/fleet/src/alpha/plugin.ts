import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  customerDeploymentsEntityCard,
  customerOverviewEntityCard,
  deploymentOverviewEntityCard,
} from './entityCards';

/**
 * Fleetdeck's frontend for the new frontend system: entity cards for `Customer` and
 * `CustomerDeployment` entities, each shown only on entities of its kind.
 *
 * @alpha
 */
export const fleetPlugin = createFrontendPlugin({
  pluginId: 'fleet',
  title: 'Fleet',
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    deploymentOverviewEntityCard,
    customerOverviewEntityCard,
    customerDeploymentsEntityCard,
  ],
});
