import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DAY_MS,
  type EvaluationOptions as DeploymentEvaluationOptions,
} from '@fleetdeck/plugin-fleet-common';
import { resolveConfigKey } from './resolveConfigKey';

/** The evaluation settings of `fleet.status`. */
export type EvaluationOptions = Omit<DeploymentEvaluationOptions, 'target'>;

/**
 * A window of `fleet.status` in whole days, as the evaluators count them: a duration under
 * `window` (`P30D`, `{ days: 30 }`), or a number of days under the deprecated `days` key.
 */
function readWindowDays(
  config: RootConfigService,
  logger: LoggerService,
  keys: { window: string; days: string },
): number | undefined {
  const setting = resolveConfigKey(config, logger, {
    key: `fleet.status.${keys.window}`,
    deprecatedKey: `fleet.status.${keys.days}`,
    newShape: 'a duration such as P30D',
  });
  if (!setting) {
    return undefined;
  }
  const { key } = setting;
  if (setting.deprecated) {
    const value = config.getNumber(key);
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(
        `Invalid ${key} ${value}; it must be a whole number of days, 0 or more`,
      );
    }
    return value;
  }
  const days =
    durationToMilliseconds(readDurationFromConfig(config, { key })) / DAY_MS;
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(
      `Invalid ${key}; it must be a whole number of days, such as P30D or { days: 30 }`,
    );
  }
  return days;
}

/** Reads the evaluation windows of `fleet.status`; unset ones take the evaluators' defaults. */
export function readEvaluationOptions(
  config: RootConfigService,
  logger: LoggerService,
): EvaluationOptions {
  return {
    licenseWarningDays: readWindowDays(config, logger, {
      window: 'licenseWarningWindow',
      days: 'licenseWarningDays',
    }),
    journalDueWindowDays: readWindowDays(config, logger, {
      window: 'journalDueWindow',
      days: 'journalDueWindowDays',
    }),
    upgradeWindowDays: readWindowDays(config, logger, {
      window: 'upgradeWindow',
      days: 'upgradeWindowDays',
    }),
  };
}
