import type {
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { BackupService } from '../backups/BackupService';
import { DatabaseBackupStore } from '../backups/DatabaseBackupStore';
import { BundleService } from '../bundles/BundleService';
import { DatabaseBundleStore } from '../bundles/DatabaseBundleStore';
import { DatabaseRegistrationStore } from '../registrations/DatabaseRegistrationStore';
import { readReportMaxClockSkewMs } from '../reports/options';
import type { UpgradeServices } from '../service/upgradeRoutes';
import { UpgradePlanService } from '../upgrades/UpgradePlanService';
import { backfillOnboardingValues } from '../values/backfillOnboardingValues';
import { DatabaseValuesStore } from '../values/DatabaseValuesStore';
import { ValuesService } from '../values/ValuesService';
import type { FleetStatuses } from './statuses';

/**
 * The Helm repository of an https index (`…/index.yaml`): it serves its charts beside it. Only a
 * plain URL, as it becomes a default in the vendor's `assemble-bundle.sh`.
 */
function chartRepositoryOf(index: string | undefined): string | undefined {
  const repository = index?.replace(/\/index\.ya?ml$/i, '');
  return repository &&
    /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~%/-]*)?$/.test(
      repository,
    )
    ? repository
    : undefined;
}

/**
 * What an upgrade needs: plans evaluated from the releases, each deployment's values, offline
 * update bundles and their verification, and database backups — each write merged into the
 * deployment's observations and followed by a refresh of its status.
 */
export function wireUpgrades(options: {
  db: Knex;
  config: RootConfigService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  statuses: FleetStatuses;
}): UpgradeServices {
  const { db, config, lifecycle, logger, statuses } = options;
  const shared = {
    observations: statuses.store,
    deployments: statuses.deployments,
    statuses: statuses.refresher,
    logger,
  };
  const maxClockSkewMs = readReportMaxClockSkewMs(config);
  const chartRepository = chartRepositoryOf(
    config.getOptionalString('fleet.releases.index'),
  );
  const valuesStore = new DatabaseValuesStore(db);
  const values = new ValuesService({ ...shared, store: valuesStore });
  // Deployments registered before the portal kept values get their onboarding values.yaml.
  lifecycle.addStartupHook(async () => {
    try {
      await backfillOnboardingValues({
        registrations: new DatabaseRegistrationStore(db),
        store: valuesStore,
        values,
        logger,
      });
    } catch (error) {
      logger.error(
        `Recording the onboarding values of registered deployments failed: ${error}`,
      );
    }
  });
  return {
    plans: new UpgradePlanService({
      store: statuses.store,
      releases: statuses.releases,
      deployments: statuses.deployments,
      evaluation: statuses.evaluation,
    }),
    values,
    bundles: new BundleService({
      ...shared,
      store: new DatabaseBundleStore(db),
      values: valuesStore,
      releases: statuses.releases,
      maxClockSkewMs,
      ...(chartRepository && { chartRepository }),
    }),
    backups: new BackupService({
      ...shared,
      store: new DatabaseBackupStore(db),
      maxClockSkewMs,
    }),
  };
}
