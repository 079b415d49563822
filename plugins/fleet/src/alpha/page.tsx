import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { FleetIcon } from '../components/shared/FleetIcon';

/**
 * `page:fleet` at `/fleet`. Its route ref, title and icon make the app's navigation list it as
 * "Customer fleet"; the page layout supplies the header, so the content comes without one.
 */
export const fleetPage = PageBlueprint.make({
  params: {
    path: '/fleet',
    title: 'Customer fleet',
    icon: <FleetIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/FleetPage').then(m => <m.FleetPageContent />),
  },
});
