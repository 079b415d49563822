import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  fleetBlobStoreExtensionPoint,
  fleetObservationsExtensionPoint,
  fleetReleaseSourceExtensionPoint,
  type FleetBlobStore,
  type FleetObservationSeeder,
  type FleetReleaseSource,
} from '@fleetdeck/plugin-fleet-node';
import { DatabaseFleetStore } from './database/DatabaseFleetStore';
import { migrateFleetDatabase } from './database/migrateFleetDatabase';
import { DatabaseFlagStore } from './flags/DatabaseFlagStore';
import {
  JournalOverdueChecker,
  readFlagOptions,
} from './flags/JournalOverdueChecker';
import { JournalInbox } from './journals/JournalInbox';
import { JournalService } from './journals/JournalService';
import { DatabaseJournalStore } from './journals/DatabaseJournalStore';
import { LocalFolderBlobStore } from './journals/LocalFolderBlobStore';
import { readJournalOptions } from './journals/options';
import { sweepBlobs } from './journals/sweepBlobs';
import { blobSweepTask } from './service/tasks/blobSweepTask';
import { CatalogDeploymentLookup } from './service/CatalogDeploymentLookup';
import { DeploymentService } from './service/DeploymentService';
import { DefaultReleaseSource } from './service/releases/DefaultReleaseSource';
import { ReleaseService } from './service/releases/ReleaseService';
import { registerFleetPermissions } from './permissions/registerFleetPermissions';
import { FleetAuthorization } from './service/authorization';
import { createRouter } from './service/router';
import { taskTriggerGuardServiceRef } from './service/taskTriggerGuard';
import {
  readEvaluationOptions,
  StatusRefresher,
} from './service/StatusRefresher';
import { scheduleFleetTask } from './service/tasks/scheduleFleetTask';
import { statusRefreshTask } from './service/tasks/statusRefreshTask';
import { journalOverdueTask } from './service/tasks/journalOverdueTask';
import { journalInboxTask } from './service/tasks/journalInboxTask';
import { StatusReportService } from './reports/StatusReportService';
import {
  readReportMaxBytes,
  readReportMaxClockSkewMs,
} from './reports/options';
import { GpuSnapshotService } from './gpu/GpuSnapshotService';
import { KubernetesGpuSource } from './gpu/KubernetesGpuSource';
import { readGpuRequestTimeoutMs } from './gpu/options';
import { gpuSnapshotTask } from './service/tasks/gpuSnapshotTask';
import { RegistrationService } from './registrations/RegistrationService';
import { DatabaseRegistrationStore } from './registrations/DatabaseRegistrationStore';

/**
 * Fleetdeck's backend plugin: the status of every CustomerDeployment, evaluated on a schedule
 * and stored, served filtered, ordered, paged and counted under `/api/fleet`.
 *
 * @public
 */
export const fleetPlugin = createBackendPlugin({
  pluginId: 'fleet',
  register(env) {
    let releaseSource: FleetReleaseSource | undefined;
    env.registerExtensionPoint(fleetReleaseSourceExtensionPoint, {
      setReleaseSource(source) {
        if (releaseSource) {
          throw new Error(
            'A fleet release source is already set; only one module may provide releases',
          );
        }
        releaseSource = source;
      },
    });

    let blobStore: FleetBlobStore | undefined;
    env.registerExtensionPoint(fleetBlobStoreExtensionPoint, {
      setBlobStore(store) {
        if (blobStore) {
          throw new Error(
            'A fleet blob store is already set; only one module may provide it',
          );
        }
        blobStore = store;
      },
    });

    const seeders: FleetObservationSeeder[] = [];
    env.registerExtensionPoint(fleetObservationsExtensionPoint, {
      addSeeder(seeder) {
        seeders.push(seeder);
      },
    });

    env.registerInit({
      deps: {
        // First: it must be mounted before the scheduler mounts its trigger route.
        taskTriggerGuard: taskTriggerGuardServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
      },
      async init({
        auditor,
        auth,
        catalog,
        config,
        database,
        discovery,
        events,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        notifications,
        permissions,
        permissionsRegistry,
        scheduler,
        urlReader,
      }) {
        const db = await migrateFleetDatabase(database);
        const store = new DatabaseFleetStore(db);
        const releases = new ReleaseService(
          releaseSource ??
            DefaultReleaseSource.fromConfig(config, { urlReader }),
          logger,
        );
        const refresher = new StatusRefresher({
          catalog,
          auth,
          store,
          releases,
          logger,
          evaluation: readEvaluationOptions(config),
        });

        const deployments = new CatalogDeploymentLookup(catalog);

        const authorization = new FleetAuthorization(
          permissions,
          registerFleetPermissions({
            permissionsRegistry,
            store,
            getEntity: async ref =>
              deployments.getDeploymentEntity(
                ref,
                await auth.getOwnServiceCredentials(),
              ),
          }),
        );

        // Billing journals: blobs in the store, receipts in the database.
        const journalOptions = readJournalOptions(config);
        if (!blobStore && !journalOptions.blobStorePathConfigured) {
          logger.warn(
            `fleet.journals.blobStore.path is not set; journals are kept in ${journalOptions.blobStorePath}`,
          );
        }
        const blobs =
          blobStore ?? new LocalFolderBlobStore(journalOptions.blobStorePath);
        const journalStore = new DatabaseJournalStore(db);
        const journals = new JournalService({
          blobStore: blobs,
          journalStore,
          fleetStore: store,
          deployments,
          statuses: refresher,
          logger,
          limits: journalOptions,
        });

        // Air-gapped status reports, from the API and the inbox.
        const reports = {
          service: new StatusReportService({
            store,
            deployments,
            statuses: refresher,
            logger,
            maxClockSkewMs: readReportMaxClockSkewMs(config),
          }),
          maxBytes: readReportMaxBytes(config),
        };

        httpRouter.use(
          await createRouter({
            reports,
            httpAuth,
            authorization,
            auditor,
            releases,
            deployments: new DeploymentService({
              store,
              deployments,
              statuses: refresher,
              releases,
            }),
            journals,
            registrations: new RegistrationService({
              store: new DatabaseRegistrationStore(db),
              catalog,
              auth,
              events,
              statuses: {
                evaluateNow: entity => refresher.evaluateNow(entity),
                upsertStatus: status => store.upsertStatus(status),
              },
              logger,
            }),
          }),
        );

        const tasks = { scheduler, config, logger };
        await scheduleFleetTask({
          ...tasks,
          task: statusRefreshTask,
          run: () => refresher.refreshAll(),
        });

        await scheduleFleetTask({
          ...tasks,
          task: blobSweepTask,
          run: () => sweepBlobs({ blobs, receipts: journalStore, logger }),
        });

        if (journalOptions.inbox) {
          const inbox = new JournalInbox({
            root: journalOptions.inbox.path,
            minFileAgeMs: journalOptions.inbox.minFileAgeMs,
            journals,
            reports,
            auth,
            logger,
          });
          await scheduleFleetTask({
            ...tasks,
            task: journalInboxTask,
            run: () => inbox.run(),
          });
        }

        // Connected clusters' GPUs, through the Kubernetes plugin.
        const snapshots = new GpuSnapshotService({
          catalog,
          auth,
          store,
          source: new KubernetesGpuSource({
            auth,
            discovery,
            timeoutMs: readGpuRequestTimeoutMs(config),
          }),
          statuses: refresher,
          logger,
        });
        await scheduleFleetTask({
          ...tasks,
          task: gpuSnapshotTask,
          run: abortSignal => snapshots.run(abortSignal),
        });

        // Flags overdue journals and expiring licenses, and tells the owners.
        const checker = new JournalOverdueChecker({
          store,
          flags: new DatabaseFlagStore(db),
          notifications,
          logger,
          options: readFlagOptions(config),
        });
        await scheduleFleetTask({
          ...tasks,
          task: journalOverdueTask,
          run: () => checker.run(),
        });

        // Fill the statuses once at startup rather than after the first scheduled run.
        lifecycle.addStartupHook(async () => {
          for (const seeder of seeders) {
            try {
              await seeder.seed(store);
            } catch (error) {
              logger.error(`Seeding fleet observations failed: ${error}`);
            }
          }
          try {
            await refresher.refreshAll();
          } catch (error) {
            logger.error(`Initial fleet status refresh failed: ${error}`);
          }
        });
      },
    });
  },
});
