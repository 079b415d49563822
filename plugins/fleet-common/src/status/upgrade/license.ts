import { evaluateLicense } from '../evaluateLicense';
import { describeDays } from '../../time/durationWords';
import { defineUpgradeCheck } from './context';

/**
 * Fails when the license expired (or is missing for air-gapped), warns when it ends within the
 * upgrade window, passes otherwise or when none is required.
 */
export const licenseCheck = defineUpgradeCheck({
  id: 'license',
  title: 'License',
  evaluate(ctx) {
    const { spec } = ctx.entity;
    const signal = evaluateLicense(spec, ctx.now, {
      warningDays: ctx.upgradeWindowDays,
    });
    const id = spec.license?.id ? `license ${spec.license.id}` : 'the license';
    const days = Math.abs(signal.daysLeft ?? 0);
    switch (signal.status) {
      case 'not-required':
        return {
          outcome: 'pass',
          message: `a ${spec.profile} deployment needs no license of its own`,
        };
      case 'missing':
        return {
          outcome: 'fail',
          message: spec.license
            ? `${id} has no readable expiry date (${JSON.stringify(
                spec.license.expiresAt,
              )})`
            : 'an air-gapped deployment cannot run without a license, and none is on record',
          fix: 'record the license in spec.license (id, expiresAt and the names of its Secrets)',
        };
      case 'expired':
        return {
          outcome: 'fail',
          message: `${id} expired: its last valid day was ${
            signal.expiresAt
          }, ${describeDays(days)} ago`,
          fix: `renew ${id}, update the license Secrets and spec.license.expiresAt, then upgrade`,
        };
      case 'expiring':
        return {
          outcome: 'warn',
          message: `${id} ends within the ${
            ctx.upgradeWindowDays
          }-day upgrade window: last valid day ${signal.expiresAt} (${
            days === 0 ? 'today' : `in ${describeDays(days)}`
          })`,
          fix: `renew ${id} before upgrading, so the upgraded deployment does not stop soon after`,
        };
      default:
        return {
          outcome: 'pass',
          message: `${id} is valid through ${signal.expiresAt} (${describeDays(
            days,
          )} left)`,
        };
    }
  },
});
