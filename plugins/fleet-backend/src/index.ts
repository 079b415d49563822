/**
 * Fleetdeck's backend plugin: materialised deployment statuses, the fleet API, releases and
 * scheduled refreshes.
 *
 * @packageDocumentation
 */

export { fleetPlugin as default } from './plugin';
