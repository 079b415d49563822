/**
 * Extension points of Fleetdeck's backend (`@fleetdeck/plugin-fleet-backend`), for backend
 * modules that change where the fleet's data comes from and where journals are kept, and
 * that write observations at start-up.
 *
 * @packageDocumentation
 */

export * from './blobs';
export * from './observations';
export * from './releases';
