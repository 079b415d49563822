import type {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { FleetBlobStore } from '@fleetdeck/plugin-fleet-node';
import type { Knex } from 'knex';
import { DatabaseJournalStore } from '../journals/DatabaseJournalStore';
import { JournalInbox } from '../journals/JournalInbox';
import { JournalService } from '../journals/JournalService';
import { LocalFolderBlobStore } from '../journals/LocalFolderBlobStore';
import { readJournalOptions } from '../journals/options';
import type { FleetReports } from './reports';
import type { FleetStatuses } from './statuses';
import type { UpgradeServices } from '../service/upgradeRoutes';

/** The billing-journal intake and what its tasks work on. */
export interface FleetJournals {
  service: JournalService;
  receipts: DatabaseJournalStore;
  blobs: FleetBlobStore;
  /** The inbox folder's reader, when `fleet.journals.inbox` is set. */
  inbox?: JournalInbox;
}

/**
 * Billing journals: blobs in a module's blob store or a local folder, receipts in the
 * database, and the inbox that takes journals, status reports, bundle verifications and backup
 * manifests dropped into a folder.
 */
export function wireJournals(options: {
  db: Knex;
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  blobStore?: FleetBlobStore;
  statuses: FleetStatuses;
  reports: FleetReports;
  /** Bundle verifications and backup manifests, dropped beside journals. */
  upgrades: Pick<UpgradeServices, 'bundles' | 'backups'>;
}): FleetJournals {
  const { db, config, logger, auth, statuses, reports, upgrades } = options;
  const journalOptions = readJournalOptions(config);
  if (!options.blobStore && !journalOptions.blobStorePathConfigured) {
    logger.warn(
      `fleet.journals.blobStore.path is not set; journals are kept in ${journalOptions.blobStorePath}`,
    );
  }
  const blobs =
    options.blobStore ?? new LocalFolderBlobStore(journalOptions.blobStorePath);
  const receipts = new DatabaseJournalStore(db);
  const service = new JournalService({
    blobStore: blobs,
    journalStore: receipts,
    fleetStore: statuses.store,
    deployments: statuses.deployments,
    statuses: statuses.refresher,
    logger,
    limits: journalOptions,
  });
  const inbox =
    journalOptions.inbox &&
    new JournalInbox({
      root: journalOptions.inbox.path,
      minFileAgeMs: journalOptions.inbox.minFileAgeMs,
      journals: service,
      reports,
      documents: {
        BundleVerification: async (entityRef, document, credentials) => {
          const bundle = await upgrades.bundles.acceptVerification(
            entityRef,
            document,
            credentials,
          );
          return {
            message: `bundle ${bundle.id.slice(0, 12)} ${bundle.verification}`,
          };
        },
        BackupManifest: (entityRef, document, credentials) =>
          upgrades.backups.accept(entityRef, document, credentials, 'inbox'),
      },
      auth,
      logger,
    });
  return { service, receipts, blobs, ...(inbox && { inbox }) };
}
