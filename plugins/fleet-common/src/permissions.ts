import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Upload a billing journal for a deployment.
 *
 * @public
 */
export const fleetJournalCreatePermission = createPermission({
  name: 'fleet.journal.create',
  attributes: { action: 'create' },
});

/**
 * Read a deployment's journal receipts and download journals.
 *
 * @public
 */
export const fleetJournalReadPermission = createPermission({
  name: 'fleet.journal.read',
  attributes: { action: 'read' },
});

/**
 * Send a deployment's status report (GPU capacity and versions from an air-gapped cluster).
 *
 * @public
 */
export const fleetReportCreatePermission = createPermission({
  name: 'fleet.report.create',
  attributes: { action: 'create' },
});

/**
 * Every permission of the fleet plugin.
 *
 * @public
 */
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

export const fleetPermissions = [
  fleetJournalCreatePermission,
  fleetJournalReadPermission,
  fleetReportCreatePermission,
  fleetRegistrationCreatePermission,
];
