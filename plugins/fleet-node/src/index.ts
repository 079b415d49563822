/**
 * Extension points of Fleetdeck's backend (`@fleetdeck/plugin-fleet-backend`), for backend
 * modules that change where the fleet's data comes from.
 *
 * @packageDocumentation
 */

export * from './releases';
