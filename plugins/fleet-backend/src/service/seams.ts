import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  CustomerDeploymentEntity,
  DeploymentStatus,
} from '@fleetdeck/plugin-fleet-common';

/*
 * The small interfaces that the fleet's features hand each other, so that a feature depends
 * on what it calls rather than on the class that `plugin.ts` happens to pass, and a test can
 * stand one in with an object literal.
 */

/**
 * Finds a deployment in the catalog on behalf of a caller, so catalog permissions apply;
 * `CatalogDeploymentLookup` is one.
 *
 * @internal
 */
export interface DeploymentLookup {
  /** The deployment, or `undefined` when it does not exist or the caller may not see it. */
  getDeploymentEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<CustomerDeploymentEntity | undefined>;
}

/**
 * Re-evaluates one deployment's status and stores it, for example when an observation about
 * it arrives; `StatusRefresher` is one.
 *
 * @internal
 */
export interface StatusRefresh {
  /** The new status, or `undefined` when the deployment is gone from the catalog. */
  refresh(entityRef: string): Promise<DeploymentStatus | undefined>;
}

/**
 * Evaluates a deployment as given, with its stored observations, without storing the
 * result; `StatusRefresher` is one.
 *
 * @internal
 */
export interface StatusEvaluation {
  /** With `target`, readiness for an upgrade to that chart version instead of the latest. */
  evaluateNow(
    entity: CustomerDeploymentEntity,
    options?: { target?: string },
  ): Promise<DeploymentStatus>;
}
