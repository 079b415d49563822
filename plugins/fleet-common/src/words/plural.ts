/**
 * `count` followed by the right form of the noun: `1 replica`, `3 replicas`,
 * `2 entries` (with `pluralForm`). Every Fleetdeck message counts with it, so they agree.
 *
 * @public
 */
export function plural(
  count: number,
  singular: string,
  pluralForm = `${singular}s`,
): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
