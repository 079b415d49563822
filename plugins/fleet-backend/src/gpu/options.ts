import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { resolveConfigKey } from '../service/resolveConfigKey';

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * `fleet.gpu.requestTimeout` (a duration; before, `fleet.gpu.requestTimeoutSeconds`), in
 * milliseconds, for one call to the Kubernetes plugin.
 */
export function readGpuRequestTimeoutMs(
  config: RootConfigService,
  logger: LoggerService,
): number {
  const setting = resolveConfigKey(config, logger, {
    key: 'fleet.gpu.requestTimeout',
    deprecatedKey: 'fleet.gpu.requestTimeoutSeconds',
    newShape: 'a duration such as 30s or PT30S',
  });
  if (!setting) {
    return DEFAULT_REQUEST_TIMEOUT_MS;
  }
  if (setting.deprecated) {
    const seconds = config.getNumber(setting.key);
    return seconds > 0 ? seconds * 1000 : DEFAULT_REQUEST_TIMEOUT_MS;
  }
  const ms = durationToMilliseconds(
    readDurationFromConfig(config, { key: setting.key }),
  );
  if (!(ms > 0)) {
    throw new Error(
      `Invalid ${setting.key}; it must be a duration longer than zero, such as 30s or PT30S`,
    );
  }
  return ms;
}
