/**
 * Fleetdeck's backend plugin: materialised deployment statuses, the fleet API, releases and
 * scheduled refreshes.
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
