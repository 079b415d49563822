import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import {
  parseIsoDuration,
  type IsoDuration,
} from '@fleetdeck/plugin-fleet-common';
import { resolveConfigKey } from '../service/resolveConfigKey';

/** `fleet.notices.renotifyEvery` by default: a reminder a week. */
export const DEFAULT_RENOTIFY_EVERY = 'P7D';
/** `fleet.notices.licenseNoticeDays` by default. */
export const DEFAULT_LICENSE_NOTICE_DAYS: readonly number[] = [30, 14, 7, 1];

/** The settings of the owner notices, `fleet.notices`. */
export interface NoticeOptions {
  /** How often the owner is reminded while journals stay overdue. */
  renotifyEvery: IsoDuration;
  /** Days left before a license's end at which its owner is told, largest first. */
  licenseNoticeDays: number[];
}

/**
 * `fleet.notices.renotifyEvery`, any duration `readDurationFromConfig` reads; the deprecated
 * `fleet.journals.renotifyEvery` was an ISO 8601 duration only.
 */
function readRenotifyEvery(
  config: RootConfigService,
  logger: LoggerService,
): IsoDuration {
  const setting = resolveConfigKey(config, logger, {
    key: 'fleet.notices.renotifyEvery',
    deprecatedKey: 'fleet.journals.renotifyEvery',
  });
  if (!setting) {
    return parseIsoDuration(DEFAULT_RENOTIFY_EVERY)!;
  }
  const { key } = setting;
  if (setting.deprecated) {
    const every = config.getString(key);
    const renotifyEvery = parseIsoDuration(every);
    if (!renotifyEvery) {
      throw new Error(
        `Invalid ${key} "${every}"; it must be an ISO 8601 duration such as P7D, P1M or PT12H`,
      );
    }
    return renotifyEvery;
  }
  const { milliseconds = 0, ...duration } = readDurationFromConfig(config, {
    key,
  });
  const renotifyEvery: IsoDuration = {
    years: duration.years ?? 0,
    months: duration.months ?? 0,
    weeks: duration.weeks ?? 0,
    days: duration.days ?? 0,
    hours: duration.hours ?? 0,
    minutes: duration.minutes ?? 0,
    seconds: (duration.seconds ?? 0) + milliseconds / 1000,
  };
  if (!Object.values(renotifyEvery).some(value => value > 0)) {
    throw new Error(
      `Invalid ${key}; it must be a duration longer than zero, such as P7D, P1M or PT12H`,
    );
  }
  return renotifyEvery;
}

/** `fleet.notices.licenseNoticeDays` (before, `fleet.status.licenseNoticeDays`), largest first. */
function readLicenseNoticeDays(
  config: RootConfigService,
  logger: LoggerService,
): number[] {
  const setting = resolveConfigKey(config, logger, {
    key: 'fleet.notices.licenseNoticeDays',
    deprecatedKey: 'fleet.status.licenseNoticeDays',
  });
  if (!setting) {
    return [...DEFAULT_LICENSE_NOTICE_DAYS];
  }
  const days = config.get<unknown>(setting.key);
  if (
    !Array.isArray(days) ||
    !days.every(day => Number.isInteger(day) && day >= 0)
  ) {
    throw new Error(
      `Invalid ${setting.key} ${JSON.stringify(
        days,
      )}; it must be a list of whole numbers of days, 0 or more, such as [30, 14, 7, 1]`,
    );
  }
  return [...new Set(days as number[])].sort((a, b) => b - a);
}

/** Reads `fleet.notices`, and the keys it replaces, with a warning for each. */
export function readNoticeOptions(
  config: RootConfigService,
  logger: LoggerService,
): NoticeOptions {
  return {
    renotifyEvery: readRenotifyEvery(config, logger),
    licenseNoticeDays: readLicenseNoticeDays(config, logger),
  };
}
