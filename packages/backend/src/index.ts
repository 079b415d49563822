/*
 * The Fleetdeck portal's backend: stock Backstage plugins plus the Fleetdeck modules.
 */

import { createBackend } from '@backstage/backend-defaults';
import {
  catalogModuleFleetEntityModel,
  catalogModuleFleetRegistrationsProvider,
} from '@fleetdeck/plugin-catalog-backend-module-fleet';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: guest sign-in for the local portal (as an example person), the other example people as
// further choices (dev only); see README for real providers
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('./modules/examplePeople'));

// catalog, with Fleetdeck's kinds
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Fleetdeck's kinds (validation, relations), and the deployments registered through onboarding
backend.add(catalogModuleFleetEntityModel);
backend.add(catalogModuleFleetRegistrationsProvider);
backend.add(import('./modules/relativeDates'));
backend.add(import('./modules/localText'));

// fleet: deployment statuses, the fleet API (/api/fleet) and release data
backend.add(import('@fleetdeck/plugin-fleet-backend'));
// demo only: the example fleet's journals, GPU capacity and reports (fleet.examples.observations)
backend.add(import('./modules/exampleObservations'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// fleet:* onboarding actions (values, backup CronJobs, runbook, registration)
backend.add(import('@fleetdeck/plugin-scaffolder-backend-module-fleet'));

// permissions: the policy set as files (permission.rbac in app-config.yaml, examples/rbac/), in
// the community RBAC backend's shapes; see README "Access"
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/filePolicy'));

// search, with the in-memory engine and the catalog collator
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// kubernetes: cluster data for connected deployments
backend.add(import('@backstage/plugin-kubernetes-backend'));

// events: lets the fleet backend tell the catalog module about new registrations, across
// backend instances too
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
