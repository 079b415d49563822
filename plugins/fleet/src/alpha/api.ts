import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/frontend-plugin-api';
import { fleetApiRef, FleetClient } from '../api';

/** `api:fleet` — the fleet backend's client; an app can override it by the same API ref. */
export const fleetApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: fleetApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        identityApi: identityApiRef,
      },
      factory: ({ discoveryApi, fetchApi, identityApi }) =>
        new FleetClient({ discoveryApi, fetchApi, identityApi }),
    }),
});
