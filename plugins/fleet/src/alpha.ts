/**
 * Fleetdeck's frontend for the new frontend system. Apps that discover plugins
 * (`app.packages: all`) pick up the default export; others add it to `features`.
 *
 * @packageDocumentation
 */

export { fleetPlugin as default } from './alpha/plugin';
