// Small UTC helpers shared by the evaluators; not part of the package's API.

import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time/units';
import { plural } from '../words/plural';

/** Midnight UTC of the calendar day an instant falls on. */
export function startOfUtcDay(instant: Date): Date {
  return new Date(
    Date.UTC(
      instant.getUTCFullYear(),
      instant.getUTCMonth(),
      instant.getUTCDate(),
    ),
  );
}

/** Reads an ISO 8601 instant; undefined when it is not one. */
export function parseInstant(text: string | undefined): Date | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** How long ago `then` was, in words: `5 minutes`, `3 hours`, `2 days`. */
export function describeAge(then: Date, now: Date): string {
  const ms = now.getTime() - then.getTime();
  if (ms < MINUTE_MS) {
    return 'less than a minute';
  }
  if (ms < HOUR_MS) {
    return plural(Math.floor(ms / MINUTE_MS), 'minute');
  }
  if (ms < 2 * DAY_MS) {
    return plural(Math.floor(ms / HOUR_MS), 'hour');
  }
  return plural(Math.floor(ms / DAY_MS), 'day');
}

export function describeDays(days: number): string {
  return plural(days, 'day');
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function formatUtcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
