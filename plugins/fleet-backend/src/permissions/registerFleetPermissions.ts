import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  fleetDeploymentPermissions,
  fleetRegistrationCreatePermission,
  fleetRegistrationReadPermission,
  fleetTaskTriggerPermission,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetStore } from '../database/FleetStore';
import { fleetDeploymentRules } from './index';
import {
  fleetDeploymentResourceRef,
  resourceOfEntity,
  type FleetDeploymentResource,
} from './resource';

/**
 * Registers the fleet's permissions and its `fleet-deployment` resource type with its rules,
 * and returns the rules for the plugin's own checks.
 */
export function registerFleetPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  store: Pick<FleetStore, 'getDeploymentResources'>;
  /**
   * A deployment without a stored status yet (registered since the last refresh), from the
   * catalog, so that its owners may already upload for it.
   */
  getEntity(entityRef: string): Promise<CustomerDeploymentEntity | undefined>;
}) {
  const { permissionsRegistry, store, getEntity } = options;
  permissionsRegistry.addPermissions([
    fleetRegistrationCreatePermission,
    fleetRegistrationReadPermission,
    fleetTaskTriggerPermission,
  ]);
  permissionsRegistry.addResourceType({
    resourceRef: fleetDeploymentResourceRef,
    permissions: fleetDeploymentPermissions,
    rules: Object.values(fleetDeploymentRules),
    async getResources(
      entityRefs: string[],
    ): Promise<Array<FleetDeploymentResource | undefined>> {
      const stored = await store.getDeploymentResources(entityRefs);
      return Promise.all(
        entityRefs.map(async ref => {
          const known = stored.get(ref);
          if (known) {
            return known;
          }
          const entity = await getEntity(ref);
          return entity ? resourceOfEntity(entity) : undefined;
        }),
      );
    },
  });
  return permissionsRegistry.getPermissionRuleset(fleetDeploymentResourceRef);
}
