import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isCustomerDeploymentEntity,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import type { DeploymentLookup } from './seams';

/**
 * Reads deployments from the catalog with the caller's credentials: what the API, the
 * journal intake and the status reports look a deployment up with.
 *
 * @internal
 */
export class CatalogDeploymentLookup implements DeploymentLookup {
  constructor(private readonly catalog: CatalogService) {}

  async getDeploymentEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<CustomerDeploymentEntity | undefined> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity && isCustomerDeploymentEntity(entity) ? entity : undefined;
  }
}
