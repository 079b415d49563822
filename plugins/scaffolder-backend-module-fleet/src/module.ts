import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRegisterDeploymentAction } from './actions/registerDeployment.action';
import { createRenderBackupCronJobsAction } from './actions/renderBackupCronJobs.action';
import { createRenderRunbookAction } from './actions/renderRunbook.action';
import { createRenderUpgradePlanAction } from './actions/renderUpgradePlan.action';
import { createRenderValuesAction } from './actions/renderValues.action';

/**
 * Adds the `fleet:*` actions to the scaffolder: onboarding (values, backup CronJobs, runbook,
 * registration) and the upgrade plan.
 *
 * @public
 */
export const scaffolderModuleFleet = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'fleet',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(
          createRenderValuesAction(),
          createRenderBackupCronJobsAction(),
          createRenderRunbookAction(),
          createRegisterDeploymentAction({ discovery, auth }),
          createRenderUpgradePlanAction({ discovery, auth }),
        );
      },
    });
  },
});
