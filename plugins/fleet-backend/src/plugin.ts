import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  fleetReleaseSourceExtensionPoint,
  type FleetReleaseSource,
} from '@fleetdeck/plugin-fleet-node';
import { DatabaseFleetStore } from './database/DatabaseFleetStore';
import { DeploymentService } from './service/DeploymentService';
import { DefaultReleaseSource } from './service/releases/DefaultReleaseSource';
import { ReleaseService } from './service/releases/ReleaseService';
import { createRouter } from './service/router';
import {
  readEvaluationOptions,
  StatusRefresher,
} from './service/StatusRefresher';
import { scheduleStatusRefreshTask } from './service/tasks/statusRefreshTask';
import { seedExampleObservations } from './service/examples/exampleObservations';

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

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
      },
      async init({
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        scheduler,
        urlReader,
      }) {
        const store = await DatabaseFleetStore.create({ database });
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

        httpRouter.use(
          await createRouter({
            httpAuth,
            releases,
            deployments: new DeploymentService(store, refresher, releases),
          }),
        );

        await scheduleStatusRefreshTask({
          scheduler,
          config,
          logger,
          refresher,
        });

        // Fill the statuses once at startup rather than after the first scheduled run.
        lifecycle.addStartupHook(async () => {
          try {
            await seedExampleObservations({ config, store, logger });
            await refresher.refreshAll();
          } catch (error) {
            logger.error(`Initial fleet status refresh failed: ${error}`);
          }
        });
      },
    });
  },
});
