/**
 * Fleetdeck's shared model: the `Customer` and `CustomerDeployment` catalog kinds with their
 * schemas and validators, and the pure functions every other Fleetdeck package builds on.
 *
 * @packageDocumentation
 */

export * from './kinds';
export * from './secrets';
export * from './time';
