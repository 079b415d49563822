/**
 * Fleetdeck's backend plugin (`fleet`): every CustomerDeployment's license, journal, GPU and
 * upgrade status, materialised and served filtered, ordered and counted by the fleet API under
 * per-deployment permissions (the `fleet-deployment` resource type and its rules, exported here
 * for policy authors); billing-journal and status-report intake; GPU snapshots of connected
 * clusters; registrations from onboarding; and the scheduled tasks that refresh statuses and
 * notify owners of overdue journals and expiring licenses.
 *
 * @packageDocumentation
 */

export { fleetPlugin as default } from './plugin';
export {
  createFleetDeploymentConditionalDecision,
  fleetDeploymentConditions,
  fleetDeploymentResourceRef,
  fleetDeploymentRules,
  type FleetDeploymentFilter,
  type FleetDeploymentResource,
} from './permissions';
