import { createBackendModule } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * `$daysFromNow: N` in a catalog file becomes the `YYYY-MM-DD` date N days after the day the
 * catalog reads it (UTC), so the example fleet shows valid, expiring and expired licenses on
 * whatever day the portal is started. Catalog refreshes re-read files, so the dates move on.
 */
export function resolveDaysFromNow(value: JsonValue, now: Date): string {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(
      `$daysFromNow must be a whole number of days, e.g. 30 or -9, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  const day = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + value),
  );
  return day.toISOString().slice(0, 10);
}

export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fleetdeck-relative-dates',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addPlaceholderResolver('daysFromNow', async ({ value }) =>
          resolveDaysFromNow(value, new Date()),
        );
      },
    });
  },
});
