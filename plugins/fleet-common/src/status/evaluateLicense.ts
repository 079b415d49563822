import type { CustomerDeploymentSpec } from '../kinds';
import { parseCalendarDate } from '../time';
import { DAY_MS } from '../time/units';
import { startOfUtcDay } from './time';
import type { LicenseSignal } from './types';

/**
 * The default license warning window, in days.
 *
 * @public
 */
export const DEFAULT_LICENSE_WARNING_DAYS = 30;

/** @public */
export interface LicenseEvaluationOptions {
  /** A license is `expiring` when this many days or fewer are left (default 30). */
  warningDays?: number;
}

/**
 * Evaluates a deployment's license on a given day.
 *
 * - `expiresAt` is the last valid day: the license is valid through that whole UTC day.
 * - `daysLeft` counts whole UTC calendar days from today to `expiresAt`: 0 on the last valid
 *   day, -1 the day after.
 * - `expired` when `daysLeft < 0`; `expiring` when `daysLeft <= warningDays` (so exactly 30
 *   days out is expiring and 31 is valid, and the last day itself is expiring); else `valid`.
 * - Without a license block: `missing` for an air-gapped deployment, which cannot run without
 *   one, and `not-required` for saas and connected deployments. A connected or saas deployment
 *   that does declare a license is evaluated like any other.
 * - An `expiresAt` that is not a real `YYYY-MM-DD` date (the catalog refuses those) counts as
 *   `missing`: there is no usable license on record.
 *
 * @public
 */
export function evaluateLicense(
  spec: CustomerDeploymentSpec,
  now: Date,
  options: LicenseEvaluationOptions = {},
): LicenseSignal {
  const { warningDays = DEFAULT_LICENSE_WARNING_DAYS } = options;
  const { license } = spec;
  if (!license) {
    return {
      status: spec.profile === 'airgapped' ? 'missing' : 'not-required',
    };
  }
  const lastDay = parseCalendarDate(license.expiresAt);
  if (!lastDay) {
    return { status: 'missing', expiresAt: license.expiresAt };
  }
  const daysLeft = Math.round(
    (lastDay.getTime() - startOfUtcDay(now).getTime()) / DAY_MS,
  );
  let status: LicenseSignal['status'] = 'valid';
  if (daysLeft < 0) {
    status = 'expired';
  } else if (daysLeft <= warningDays) {
    status = 'expiring';
  }
  return { status, expiresAt: license.expiresAt, daysLeft };
}
