import type { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';

/** Default largest status report: a big cluster's full node and pod JSON fits. */
export const DEFAULT_REPORT_MAX_BYTES = 10 * 1024 * 1024;

/** `fleet.reports.maxBytes`, checked. */
export function readReportMaxBytes(config: RootConfigService): number {
  const value = config.getOptionalNumber('fleet.reports.maxBytes');
  if (value === undefined) {
    return DEFAULT_REPORT_MAX_BYTES;
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Invalid fleet.reports.maxBytes ${value}; it must be a whole number of bytes, 1 or more`,
    );
  }
  return value;
}

/** Default tolerance for a report dated ahead of the portal's clock. */
const DEFAULT_REPORT_MAX_CLOCK_SKEW: HumanDuration = { minutes: 10 };

/** `fleet.reports.maxClockSkew` (an ISO 8601 duration or a duration object), in milliseconds. */
export function readReportMaxClockSkewMs(config: RootConfigService): number {
  const key = 'fleet.reports.maxClockSkew';
  const skew = config.has(key)
    ? readDurationFromConfig(config, { key })
    : DEFAULT_REPORT_MAX_CLOCK_SKEW;
  return durationToMilliseconds(skew);
}
