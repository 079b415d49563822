/**
 * Milliseconds in a minute, an hour and a (UTC, 24-hour) day: the one definition every Fleetdeck
 * package counts time with.
 *
 * @public
 */
export const MINUTE_MS = 60 * 1000;

/** @public */
export const HOUR_MS = 60 * MINUTE_MS;

/** @public */
export const DAY_MS = 24 * HOUR_MS;
