import type {
  AuthService,
  LoggerService,
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FleetReleaseSource } from '@fleetdeck/plugin-fleet-node';
import type { Knex } from 'knex';
import { DatabaseFleetStore } from '../database/DatabaseFleetStore';
import { CatalogDeploymentLookup } from '../service/CatalogDeploymentLookup';
import { DefaultReleaseSource } from '../service/releases/DefaultReleaseSource';
import { ReleaseService } from '../service/releases/ReleaseService';
import {
  readEvaluationOptions,
  type EvaluationOptions,
} from '../service/evaluationOptions';
import { StatusRefresher } from '../service/StatusRefresher';

/** The fleet's statuses, which every other feature reads or refreshes. */
export interface FleetStatuses {
  store: DatabaseFleetStore;
  releases: ReleaseService;
  refresher: StatusRefresher;
  /** Deployments from the catalog, with the caller's credentials. */
  deployments: CatalogDeploymentLookup;
  /** The evaluation windows of `fleet.status`, for what-if evaluations such as plans. */
  evaluation: EvaluationOptions;
}

/**
 * The stored statuses, the releases they are evaluated against (from a module's release
 * source, or `fleet.releases`) and the refresher that keeps them in step with the catalog.
 */
export function wireStatuses(options: {
  db: Knex;
  catalog: CatalogService;
  auth: AuthService;
  config: RootConfigService;
  logger: LoggerService;
  urlReader: UrlReaderService;
  releaseSource?: FleetReleaseSource;
}): FleetStatuses {
  const { db, catalog, auth, config, logger, urlReader } = options;
  const store = new DatabaseFleetStore(db);
  const releases = new ReleaseService(
    options.releaseSource ??
      DefaultReleaseSource.fromConfig(config, { urlReader, logger }),
    logger,
  );
  const evaluation = readEvaluationOptions(config, logger);
  const refresher = new StatusRefresher({
    catalog,
    auth,
    store,
    releases,
    logger,
    evaluation,
  });
  const deployments = new CatalogDeploymentLookup(catalog);
  return { store, releases, refresher, deployments, evaluation };
}
