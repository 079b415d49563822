import { useRouteRef } from '@backstage/core-plugin-api';
import type { CustomerDeploymentEntity } from '@fleetdeck/plugin-fleet-common';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

/** The Upgrade tab's path below the entity page (the `/alpha` content mounts it there). */
export const UPGRADE_TAB_PATH = '/upgrade';

/** The search parameter of the Upgrade tab that names the target release. */
export const UPGRADE_TARGET_PARAM = 'target';

/**
 * The Upgrade tab of `entity` with `target` chosen: `/catalog/default/customerdeployment/acme-prod/upgrade?target=0.42.0`.
 * Legacy apps mount the tab at {@link UPGRADE_TAB_PATH} for the link to lead there.
 */
export function useUpgradeTabLink(
  entity: CustomerDeploymentEntity,
  target: string,
): string {
  const entityRoute = useRouteRef(entityRouteRef);
  const params = new URLSearchParams({ [UPGRADE_TARGET_PARAM]: target });
  return `${entityRoute(
    entityRouteParams(entity),
  )}${UPGRADE_TAB_PATH}?${params}`;
}
