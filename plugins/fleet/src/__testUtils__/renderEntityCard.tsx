import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { FleetApi, fleetApiRef } from '../api';

/** Renders an entity card in a test app with the given FleetApi. */
export function renderEntityCard(
  entity: Entity,
  element: JSX.Element,
  fleetApi: FleetApi,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    {
      apis: [[fleetApiRef, fleetApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
