import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The fleet page. Legacy apps mount `FleetPage` on a path of their choice (normally `/fleet`);
 * the new frontend system mounts it at `/fleet`.
 */
export const rootRouteRef = createRouteRef({ id: 'fleet' });
