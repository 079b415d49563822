import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { GpuSnapshotService } from '../gpu/GpuSnapshotService';
import { KubernetesGpuSource } from '../gpu/KubernetesGpuSource';
import { readGpuRequestTimeoutMs } from '../gpu/options';
import type { FleetStatuses } from './statuses';

/** Connected clusters' GPUs, through the Kubernetes plugin. */
export function wireGpuSnapshots(options: {
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
  config: RootConfigService;
  logger: LoggerService;
  statuses: FleetStatuses;
}): GpuSnapshotService {
  const { catalog, auth, discovery, config, logger, statuses } = options;
  return new GpuSnapshotService({
    catalog,
    auth,
    store: statuses.store,
    source: new KubernetesGpuSource({
      auth,
      discovery,
      timeoutMs: readGpuRequestTimeoutMs(config, logger),
    }),
    statuses: statuses.refresher,
    logger,
  });
}
