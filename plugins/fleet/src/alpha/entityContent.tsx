import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isDeployment } from './filters';

/** `entity-content:fleet` — a "Fleet" tab on CustomerDeployments with the three status cards. */
export const fleetEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/fleet',
    title: 'Fleet',
    filter: isDeployment,
    loader: () =>
      import('../components/FleetContent').then(m => <m.FleetContent />),
  },
});
