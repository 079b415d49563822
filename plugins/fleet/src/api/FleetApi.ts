import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  DeploymentListResponse,
  DeploymentQuery,
  DeploymentStatus,
  ReleasesResponse,
} from '@fleetdeck/plugin-fleet-common';

/**
 * Options of {@link FleetApi.getDeployment}.
 *
 * @public
 */
export interface GetDeploymentOptions {
  /**
   * The chart version to evaluate the upgrade checks for; the backend's default target (normally
   * the newest release) when absent.
   */
  target?: string;
}

/**
 * The fleet backend's HTTP API (`/api/fleet`), as the frontend uses it.
 *
 * @public
 */
export interface FleetApi {
  /**
   * One page of the deployments that match `query`, with the total and a summary of every
   * signal over the whole filtered set (not only this page).
   */
  listDeployments(query?: DeploymentQuery): Promise<DeploymentListResponse>;

  /**
   * The status of one CustomerDeployment. `ref` is its entity ref (a string such as
   * `customerdeployment:default/acme-prod`, or a compound ref); only the namespace and name are
   * sent. Rejects with a `ResponseError` whose `statusCode` is 404 when the backend has not
   * evaluated the deployment.
   */
  getDeployment(
    ref: string | CompoundEntityRef,
    options?: GetDeploymentOptions,
  ): Promise<DeploymentStatus>;

  /** The chart releases the backend knows of, newest first. */
  getReleases(): Promise<ReleasesResponse>;
}

/**
 * The {@link FleetApi}. Apps can replace the implementation (for example with a caching one) by
 * registering their own factory for this ref.
 *
 * @public
 */
export const fleetApiRef = createApiRef<FleetApi>({
  id: 'plugin.fleet.api',
});
