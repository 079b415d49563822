/**
 * Fleetdeck's shared model: the `Customer` and `CustomerDeployment` catalog kinds with their
 * schemas and validators, the status vocabulary, and the pure functions every other Fleetdeck
 * package builds on.
 *
 * @packageDocumentation
 */

export * from './api';
export * from './bundles';
export * from './gpu';
export * from './kinds';
export * from './permissions';
export * from './releases';
export * from './reports';
export * from './secrets';
export * from './status';
export * from './time';
export * from './upgrades';
export * from './words';
