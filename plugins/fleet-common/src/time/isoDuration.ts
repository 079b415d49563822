/**
 * A calendar duration as written in ISO 8601 (`P30D`, `P1M`, `PT12H`, `P1W`).
 *
 * Months and years are kept as such rather than converted to days, so that "every month" from
 * 31 January lands on the last day of February, as a person reading the contract expects.
 *
 * @public
 */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const ISO_DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * Parses an ISO-8601 duration of whole units; returns undefined for anything else, including
 * a zero duration, which no schedule can mean.
 *
 * @public
 */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match) {
    return undefined;
  }
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map(part => (part === undefined ? 0 : Number(part)));
  const duration = { years, months, weeks, days, hours, minutes, seconds };
  return Object.values(duration).some(value => value > 0)
    ? duration
    : undefined;
}

/**
 * Adds a duration to an instant in UTC. Month arithmetic clamps to the month's last day.
 *
 * @public
 */
export function addIsoDuration(start: Date, duration: IsoDuration): Date {
  const result = new Date(start.getTime());
  const totalMonths = duration.years * 12 + duration.months;
  if (totalMonths > 0) {
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + totalMonths);
    const lastDay = new Date(
      Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
    ).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
  }
  const seconds =
    (duration.weeks * 7 + duration.days) * 86400 +
    duration.hours * 3600 +
    duration.minutes * 60 +
    duration.seconds;
  return new Date(result.getTime() + seconds * 1000);
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a `YYYY-MM-DD` calendar date that really exists (no 30 February) to UTC midnight.
 *
 * @public
 */
export function parseCalendarDate(text: string): Date | undefined {
  const match = CALENDAR_DATE.exec(text);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
    ? date
    : undefined;
}
