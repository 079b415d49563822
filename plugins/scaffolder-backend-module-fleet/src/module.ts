import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRegisterDeploymentAction } from './actions/registerDeployment.action';
import { createRenderBackupCronJobsAction } from './actions/renderBackupCronJobs.action';
import { createRenderRunbookAction } from './actions/renderRunbook.action';
import { createRenderValuesAction } from './actions/renderValues.action';

/**
 * Adds the `fleet:*` onboarding actions to the scaffolder.
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
        );
      },
    });
  },
});
