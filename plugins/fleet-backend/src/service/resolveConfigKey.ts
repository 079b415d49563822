import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** A setting that moved to `key`; `deprecatedKey` is still read for one release. */
export interface MovedSetting {
  key: string;
  deprecatedKey: string;
  /** How the value changes on the move, for the warning: "a duration such as P30D". */
  newShape?: string;
}

/**
 * Which key a setting is read from: `key` when it is set, else `deprecatedKey` — accepted for
 * one release, with a warning that names `key` — else none, and the default applies.
 */
export function resolveConfigKey(
  config: Config,
  logger: LoggerService,
  setting: MovedSetting,
): { key: string; deprecated: boolean } | undefined {
  const { key, deprecatedKey, newShape } = setting;
  if (config.has(key)) {
    if (config.has(deprecatedKey)) {
      logger.warn(
        `Config key ${deprecatedKey} is deprecated and ignored, since ${key} is set; remove it`,
      );
    }
    return { key, deprecated: false };
  }
  if (config.has(deprecatedKey)) {
    logger.warn(
      `Config key ${deprecatedKey} is deprecated and is read for one more release only; use ${key} instead${
        newShape ? `, ${newShape}` : ''
      }`,
    );
    return { key: deprecatedKey, deprecated: true };
  }
  return undefined;
}
