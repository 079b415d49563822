import type {
  AuditorService,
  HttpAuthService,
  HttpRouterService,
} from '@backstage/backend-plugin-api';
import type { RegistrationService } from '../registrations/RegistrationService';
import type { FleetAuthorization } from '../service/authorization';
import { DeploymentService } from '../service/DeploymentService';
import { createRouter } from '../service/router';
import type { FleetJournals } from './journals';
import type { FleetReports } from './reports';
import type { FleetStatuses } from './statuses';
import type { UpgradeServices } from '../service/upgradeRoutes';

/** The fleet API (`/api/fleet`), on the features it serves. */
export async function wireRouter(options: {
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorization: FleetAuthorization;
  statuses: FleetStatuses;
  reports: FleetReports;
  journals: FleetJournals;
  registrations: RegistrationService;
  upgrades: UpgradeServices;
}): Promise<void> {
  const { httpRouter, httpAuth, auditor, authorization, statuses } = options;
  httpRouter.use(
    await createRouter({
      reports: options.reports,
      httpAuth,
      authorization,
      auditor,
      releases: statuses.releases,
      deployments: new DeploymentService({
        store: statuses.store,
        deployments: statuses.deployments,
        statuses: statuses.refresher,
        releases: statuses.releases,
      }),
      journals: options.journals.service,
      registrations: options.registrations,
      upgrades: options.upgrades,
    }),
  );
}
