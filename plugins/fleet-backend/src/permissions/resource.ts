import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  CUSTOMER_KIND,
  FLEET_DEPLOYMENT_RESOURCE_TYPE,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';

/**
 * What the fleet's permission rules look at: the columns of a deployment's stored status that
 * a policy may decide on, lower-cased as they are stored (entity refs are case-insensitive).
 *
 * @public
 */
export type FleetDeploymentResource = {
  /** `customerdeployment:<namespace>/<name>` */
  entityRef: string;
  /** The owning group or user's entity ref, e.g. `group:default/solutions-east`. */
  owner: string;
  /** The Customer's entity ref, e.g. `customer:default/northwind-health`. */
  customer: string;
  /** `saas`, `connected` or `airgapped`. */
  profile: string;
};

/**
 * A rule's condition as the store applies it: the deployment's `column` is one of `values`
 * (lower-cased). An empty `values` matches no deployment.
 *
 * @public
 */
export type FleetDeploymentFilter = {
  column: 'owner' | 'customer' | 'profile';
  values: string[];
};

/**
 * The `fleet-deployment` resource type of the fleet plugin, for `permissionsRegistry`.
 *
 * @public
 */
export const fleetDeploymentResourceRef = createPermissionResourceRef<
  FleetDeploymentResource,
  FleetDeploymentFilter
>().with({ pluginId: 'fleet', resourceType: FLEET_DEPLOYMENT_RESOURCE_TYPE });

/** Lower-cases as the store does, so that a rule's params compare with stored columns. */
export function normalized(value: string): string {
  return value.trim().toLocaleLowerCase('en-US');
}

/**
 * A Customer given to `HAS_CUSTOMER` by name (`northwind-health`) or by ref, as the ref the
 * store keeps.
 */
export function customerRef(customer: string): string {
  return normalized(
    stringifyEntityRef(
      parseEntityRef(customer.trim(), {
        defaultKind: CUSTOMER_KIND,
        defaultNamespace: 'default',
      }),
    ),
  );
}

/**
 * The resource of a deployment known from its entity only (registered, not yet refreshed):
 * its refs completed and lower-cased as `evaluateDeployment` and the store do.
 */
export function resourceOfEntity(
  entity: CustomerDeploymentEntity,
): FleetDeploymentResource {
  const namespace = entity.metadata.namespace ?? 'default';
  const ref = (value: string, defaultKind: string) =>
    normalized(
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
      ),
    );
  return {
    entityRef: stringifyEntityRef(entity),
    owner: ref(entity.spec.owner, 'Group'),
    customer: ref(entity.spec.customer, CUSTOMER_KIND),
    profile: normalized(entity.spec.profile),
  };
}
