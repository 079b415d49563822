import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  type EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { FleetApi, fleetApiRef } from '../api';

/**
 * Renders an entity card in a test app with the given FleetApi; every permission is granted
 * unless `permission` says otherwise (one answer, or one per request). `url` is the page's
 * address (for cards that read the query string); `alertApi` records what the card posts.
 */
export function renderEntityCard(
  entity: Entity,
  element: JSX.Element,
  fleetApi: FleetApi,
  options: {
    permission?:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY
      | ((
          request: EvaluatePermissionRequest,
        ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY);
    url?: string;
    alertApi?: ReturnType<typeof mockApis.alert>;
  } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    {
      apis: [
        [fleetApiRef, fleetApi],
        mockApis.permission({
          authorize: options.permission ?? AuthorizeResult.ALLOW,
        }),
        options.alertApi ?? mockApis.alert(),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      ...(options.url && { initialRouteEntries: [options.url] }),
    },
  );
}
