import { createApiFactory } from '@backstage/core-plugin-api';
import { SidebarItem } from '@backstage/core-components';
import { createDevApp } from '@backstage/dev-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fleetApiRef, fleetPlugin, FleetPage } from '../src';
import { FleetIcon } from '../src/components/shared/FleetIcon';
import { DevEntityPage } from './DevEntityPage';
import { ExampleFleetApi } from './exampleFleetApi';

// The fleet page and an entity page on the package's fixtures: no backend, every permission
// granted (the cards' refusals are covered by the tests).
createDevApp()
  .registerPlugin(fleetPlugin)
  .registerApi(createApiFactory(fleetApiRef, new ExampleFleetApi()))
  .registerApi(
    createApiFactory(permissionApiRef, {
      authorize: async () => ({ result: AuthorizeResult.ALLOW }),
    }),
  )
  .addPage({
    element: <FleetPage />,
    title: 'Fleet',
    path: '/fleet',
    icon: FleetIcon,
  })
  .addPage({
    element: <DevEntityPage />,
    path: '/catalog/:namespace/:kind/:name',
  })
  .addSidebarItem(
    <SidebarItem
      key="acme-prod"
      to="/catalog/default/customerdeployment/acme-prod"
      text="acme-prod"
      icon={FleetIcon}
    />,
  )
  .render();
