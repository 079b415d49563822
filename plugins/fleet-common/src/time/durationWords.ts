import { plural } from '../words/plural';
import { parseIsoDuration, type IsoDuration } from './isoDuration';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './units';

// The one way every Fleetdeck package puts a length of time into words, so that the page, the
// API's messages, the notifications and the runbook read alike. Counts go through `plural`.

const YEAR_MS = 365.25 * DAY_MS;

/**
 * A span of time in the largest unit that fits, rounded down: `less than a minute`,
 * `12 minutes`, `3 hours` (up to two days), `9 days`, `35 years`. For "… old", "… ago" and
 * "… ahead" in messages.
 *
 * @public
 */
export function describeSpan(ms: number): string {
  if (ms < MINUTE_MS) {
    return 'less than a minute';
  }
  if (ms < HOUR_MS) {
    return plural(Math.floor(ms / MINUTE_MS), 'minute');
  }
  if (ms < 2 * DAY_MS) {
    return plural(Math.floor(ms / HOUR_MS), 'hour');
  }
  if (ms < YEAR_MS) {
    return plural(Math.floor(ms / DAY_MS), 'day');
  }
  return plural(Math.floor(ms / YEAR_MS), 'year');
}

/**
 * A count of days: `1 day`, `9 days`. Counted phrases use it as they are — `expired 1 day ago`,
 * `overdue by 1 day`, `in 45 days` — where {@link describeRelativeDays} would name the day.
 *
 * @public
 */
export function describeDays(days: number): string {
  return plural(days, 'day');
}

const utcDay = (date: Date) =>
  Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());

/**
 * Calendar days (UTC) from `now` to the ISO timestamp or date `iso`: 0 the same day, -3 three
 * days before. Undefined when `iso` is not a date.
 *
 * @public
 */
export function calendarDaysFrom(iso: string, now: Date): number | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return undefined;
  }
  return Math.round((utcDay(date) - utcDay(now)) / DAY_MS);
}

/**
 * A day offset in plain words: `today`, `tomorrow`, `yesterday`, `in 12 days`, `9 days ago`,
 * `in 5 months`, `2 years ago`. Days up to two months, then months up to two years, then years.
 *
 * @public
 */
export function describeRelativeDays(days: number): string {
  if (days === 0) {
    return 'today';
  }
  if (days === 1) {
    return 'tomorrow';
  }
  if (days === -1) {
    return 'yesterday';
  }
  const size = Math.abs(days);
  let span = describeDays(size);
  if (size >= 730) {
    span = plural(Math.round(size / 365.25), 'year');
  } else if (size >= 60) {
    span = plural(Math.round(size / 30.4375), 'month');
  }
  return days > 0 ? `in ${span}` : `${span} ago`;
}

/**
 * A moment near `now` in words, with the unit that fits: `just now`, `5 minutes ago`,
 * `in 3 hours`, then calendar days as {@link describeRelativeDays} says them (`yesterday`,
 * `12 days ago`). Undefined when `iso` is not a date.
 *
 * @public
 */
export function describeMoment(iso: string, now: Date): string | undefined {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) {
    return undefined;
  }
  // to the second, so that 59.6 seconds is a minute, as a clock would show it
  const ms = Math.round((time - now.getTime()) / 1000) * 1000;
  const size = Math.abs(ms);
  if (size < MINUTE_MS) {
    return 'just now';
  }
  const count =
    size < HOUR_MS
      ? plural(Math.round(size / MINUTE_MS), 'minute')
      : size < DAY_MS && plural(Math.round(size / HOUR_MS), 'hour');
  if (count) {
    return ms > 0 ? `in ${count}` : `${count} ago`;
  }
  return describeRelativeDays(calendarDaysFrom(iso, now) ?? 0);
}

const DURATION_UNITS: Array<[keyof IsoDuration, string]> = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
  ['seconds', 'second'],
];

/**
 * An ISO 8601 duration as it follows "every": `P30D` → `30 days`, `P1M` → `month`,
 * `P1M15D` → `1 month and 15 days`. Undefined when it is not a duration.
 *
 * @public
 */
export function describeIsoDuration(iso: string): string | undefined {
  const duration = parseIsoDuration(iso);
  if (!duration) {
    return undefined;
  }
  const parts = DURATION_UNITS.filter(([unit]) => duration[unit] > 0).map(
    ([unit, noun]) => plural(duration[unit], noun),
  );
  if (parts.length === 1 && parts[0].startsWith('1 ')) {
    return parts[0].slice(2);
  }
  return parts.length > 1
    ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
    : parts[0];
}
