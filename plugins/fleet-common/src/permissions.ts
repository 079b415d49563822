import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of the fleet's per-deployment permissions. Its resource ref is the
 * CustomerDeployment's entity ref (`customerdeployment:<namespace>/<name>`), so a policy may
 * decide per deployment: by owner, customer or profile (see {@link FLEET_DEPLOYMENT_RULES}).
 *
 * @public
 */
export const FLEET_DEPLOYMENT_RESOURCE_TYPE = 'fleet-deployment';

/**
 * A permission about one deployment.
 *
 * @public
 */
export type FleetDeploymentPermission = ResourcePermission<
  typeof FLEET_DEPLOYMENT_RESOURCE_TYPE
>;

/**
 * The rules a conditional policy can use on {@link FLEET_DEPLOYMENT_RESOURCE_TYPE}, with their
 * parameters. The fleet backend applies them as filters on its own tables.
 *
 * @public
 */
export const FLEET_DEPLOYMENT_RULES = {
  /** The deployment's `spec.owner` is among `claims` (for RBAC YAML: `$ownerRefs`). */
  isOwner: 'IS_DEPLOYMENT_OWNER',
  /** The deployment's `spec.customer` is `customer` (a Customer name, case-insensitive). */
  hasCustomer: 'HAS_CUSTOMER',
  /** The deployment's `spec.profile` is `profile` (`saas`, `connected` or `airgapped`). */
  hasProfile: 'HAS_PROFILE',
} as const;

/**
 * Read a deployment's status, checks and GPU capacity (the fleet page and the Fleet tab).
 *
 * @public
 */
export const fleetDeploymentReadPermission = createPermission({
  name: 'fleet.deployment.read',
  attributes: { action: 'read' },
  resourceType: FLEET_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Read the files generated when a deployment was onboarded (values, CronJobs, runbook).
 *
 * @public
 */
export const fleetArtifactReadPermission = createPermission({
  name: 'fleet.artifact.read',
  attributes: { action: 'read' },
  resourceType: FLEET_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Upload a billing journal for a deployment.
 *
 * @public
 */
export const fleetJournalCreatePermission = createPermission({
  name: 'fleet.journal.create',
  attributes: { action: 'create' },
  resourceType: FLEET_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Read a deployment's journal receipts and download journals.
 *
 * @public
 */
export const fleetJournalReadPermission = createPermission({
  name: 'fleet.journal.read',
  attributes: { action: 'read' },
  resourceType: FLEET_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Send a deployment's status report (GPU capacity and versions from an air-gapped cluster).
 *
 * @public
 */
export const fleetReportCreatePermission = createPermission({
  name: 'fleet.report.create',
  attributes: { action: 'create' },
  resourceType: FLEET_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Registers a deployment onboarded through the portal (`POST /api/fleet/registrations`, used by
 * the scaffolder action `fleet:deployment:register` on behalf of the user running the template).
 *
 * @public
 */
export const fleetRegistrationCreatePermission = createPermission({
  name: 'fleet.registration.create',
  attributes: { action: 'create' },
});

/**
 * List the deployments registered through the portal (`GET /api/fleet/registrations`); each
 * item is still shown only when the caller may read that deployment.
 *
 * @public
 */
export const fleetRegistrationReadPermission = createPermission({
  name: 'fleet.registration.read',
  attributes: { action: 'read' },
});

/**
 * Run one of the fleet's scheduled tasks now (the scheduler's trigger route). Only service
 * principals may call that route; this permission says which of them may.
 *
 * @public
 */
export const fleetTaskTriggerPermission = createPermission({
  name: 'fleet.task.trigger',
  attributes: { action: 'update' },
});

/**
 * The fleet's permissions about one deployment.
 *
 * @public
 */
export const fleetDeploymentPermissions: FleetDeploymentPermission[] = [
  fleetDeploymentReadPermission,
  fleetArtifactReadPermission,
  fleetJournalReadPermission,
  fleetJournalCreatePermission,
  fleetReportCreatePermission,
];

/**
 * Every permission of the fleet plugin.
 *
 * @public
 */
export const fleetPermissions = [
  ...fleetDeploymentPermissions,
  fleetRegistrationCreatePermission,
  fleetRegistrationReadPermission,
  fleetTaskTriggerPermission,
];
