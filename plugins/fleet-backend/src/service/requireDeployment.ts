import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CustomerDeploymentEntity } from '@fleetdeck/plugin-fleet-common';
import type { DeploymentLookup } from './seams';

/**
 * The deployment from the catalog, with the caller's credentials, or a 404: a service's first
 * step for a request about one deployment, before it reads the body.
 */
export async function requireDeployment(
  deployments: DeploymentLookup,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<CustomerDeploymentEntity> {
  const entity = await deployments.getDeploymentEntity(entityRef, credentials);
  if (!entity) {
    throw new NotFoundError(`No deployment ${entityRef}`);
  }
  return entity;
}
