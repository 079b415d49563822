import type { RootConfigService } from '@backstage/backend-plugin-api';

/** `fleet.gpu.requestTimeoutSeconds`, in milliseconds, for one call to the Kubernetes plugin. */
export function readGpuRequestTimeoutMs(config: RootConfigService): number {
  const value = config.getOptionalNumber('fleet.gpu.requestTimeoutSeconds');
  return value !== undefined && value > 0 ? value * 1000 : 30_000;
}
