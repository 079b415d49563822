import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  readReportMaxBytes,
  readReportMaxClockSkewMs,
} from '../reports/options';
import { StatusReportService } from '../reports/StatusReportService';
import type { FleetStatuses } from './statuses';

/** Air-gapped deployments' status reports, as the API and the inbox take them. */
export interface FleetReports {
  service: StatusReportService;
  maxBytes: number;
}

/** Air-gapped status reports, from the API and the inbox. */
export function wireReports(options: {
  config: RootConfigService;
  logger: LoggerService;
  statuses: FleetStatuses;
}): FleetReports {
  const { config, logger, statuses } = options;
  return {
    service: new StatusReportService({
      store: statuses.store,
      deployments: statuses.deployments,
      statuses: statuses.refresher,
      logger,
      maxClockSkewMs: readReportMaxClockSkewMs(config),
    }),
    maxBytes: readReportMaxBytes(config),
  };
}
