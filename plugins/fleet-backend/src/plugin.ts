import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { migrateFleetDatabase } from './database/migrateFleetDatabase';
import { taskTriggerGuardServiceRef } from './service/taskTriggerGuard';
import { wireAuthorization } from './wiring/authorization';
import { registerFleetExtensionPoints } from './wiring/extensionPoints';
import { wireFlags } from './wiring/flags';
import { wireGpuSnapshots } from './wiring/gpu';
import { wireJournals } from './wiring/journals';
import { wireRegistrations } from './wiring/registrations';
import { wireReports } from './wiring/reports';
import { wireRouter } from './wiring/router';
import { wireStartup } from './wiring/startup';
import { wireStatuses } from './wiring/statuses';
import { wireTasks } from './wiring/tasks';
import { wireUpgrades } from './wiring/upgrades';

/**
 * Fleetdeck's backend plugin: the status of every CustomerDeployment, evaluated on a schedule
 * and stored, served filtered, ordered, paged and counted under `/api/fleet`.
 *
 * @public
 */
export const fleetPlugin = createBackendPlugin({
  pluginId: 'fleet',
  register(env) {
    const extensions = registerFleetExtensionPoints(env);

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
      async init(deps) {
        const db = await migrateFleetDatabase(deps.database);

        const statuses = wireStatuses({
          ...deps,
          db,
          releaseSource: extensions.releaseSource(),
        });
        const authorization = wireAuthorization({ ...deps, statuses });
        const reports = wireReports({ ...deps, statuses });
        const upgrades = wireUpgrades({ ...deps, db, statuses });
        const journals = wireJournals({
          ...deps,
          db,
          blobStore: extensions.blobStore(),
          statuses,
          reports,
          upgrades,
        });
        const registrations = wireRegistrations({
          ...deps,
          db,
          statuses,
          values: upgrades.values,
        });
        const gpu = wireGpuSnapshots({ ...deps, statuses });
        const flags = wireFlags({ ...deps, db, statuses });

        await wireRouter({
          ...deps,
          authorization,
          statuses,
          reports,
          journals,
          registrations,
          upgrades,
        });
        await wireTasks({ ...deps, statuses, journals, gpu, flags });
        wireStartup({ ...deps, seeders: extensions.seeders(), statuses });
      },
    });
  },
});
