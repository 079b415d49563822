import type {
  AuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { registerFleetPermissions } from '../permissions/registerFleetPermissions';
import { FleetAuthorization } from '../service/authorization';
import type { FleetStatuses } from './statuses';

/**
 * The fleet's permissions and its `fleet-deployment` resource type, registered, and the
 * checks the routes make with them.
 */
export function wireAuthorization(options: {
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auth: AuthService;
  statuses: FleetStatuses;
}): FleetAuthorization {
  const { permissions, permissionsRegistry, auth, statuses } = options;
  return new FleetAuthorization(
    permissions,
    registerFleetPermissions({
      permissionsRegistry,
      store: statuses.store,
      getEntity: async ref =>
        statuses.deployments.getDeploymentEntity(
          ref,
          await auth.getOwnServiceCredentials(),
        ),
    }),
  );
}
