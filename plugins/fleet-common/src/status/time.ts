// Small UTC helpers shared by the evaluators; not part of the package's API.

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

/** `YYYY-MM-DD` of an instant, in UTC. */
export function formatUtcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
