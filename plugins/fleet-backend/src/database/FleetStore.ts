import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  DeploymentObservations,
  DeploymentQuery,
  DeploymentStatus,
  DeploymentSummary,
} from '@fleetdeck/plugin-fleet-common';
import type {
  DeploymentObservationsPatch,
  FleetObservationWriter,
} from '@fleetdeck/plugin-fleet-node';
import type {
  FleetDeploymentFilter,
  FleetDeploymentResource,
} from '../permissions/resource';

export type { DeploymentObservationsPatch };

/**
 * One page of deployment statuses.
 *
 * @internal
 */
export interface DeploymentStatusPage {
  items: DeploymentStatus[];
  /**
   * How many deployments match the query's filters, over all pages; absent when the caller
   * asked not to count (it has the count from {@link FleetStore.summarize}).
   */
  totalCount?: number;
  /** Pass as `cursor`, with the same query, to get the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * What a caller may see of the fleet: a policy's conditions, translated by the fleet's
 * permission rules, applied to the statuses together with the query's own filters.
 *
 * @internal
 */
export interface VisibilityOptions {
  /** Only deployments matching these conditions; every deployment without. */
  filter?: PermissionCriteria<FleetDeploymentFilter>;
}

/** @internal */
export interface ListStatusesOptions extends VisibilityOptions {
  /** Whether to count every matching deployment (`totalCount`); default true. */
  count?: boolean;
}

/**
 * The fleet backend's storage: the materialised status of every deployment, which the API
 * filters, orders, pages and counts without evaluating anything, and the observations the
 * statuses are computed from, merged by `setObservations` ({@link FleetObservationWriter}).
 *
 * @internal
 */
export interface FleetStore extends FleetObservationWriter {
  /**
   * Stores the statuses of the whole fleet in one transaction: inserts or updates each one and
   * deletes the statuses of deployments that are not in the list any more.
   */
  replaceStatuses(statuses: DeploymentStatus[]): Promise<void>;

  /** Inserts or updates the status of one deployment. */
  upsertStatus(status: DeploymentStatus): Promise<void>;

  /** Removes the status of a deployment that went away. */
  deleteStatus(entityRef: string): Promise<void>;

  /**
   * A page of statuses matching the query's filters, in its order. Throws an `InputError` for
   * a cursor that is malformed or was issued for a different query.
   */
  listStatuses(
    query: DeploymentQuery,
    options?: ListStatusesOptions,
  ): Promise<DeploymentStatusPage>;

  /** How many deployments matching the query's filters are in each status of each signal. */
  summarize(
    query: DeploymentQuery,
    options?: VisibilityOptions,
  ): Promise<DeploymentSummary>;

  /**
   * What the permission rules look at for each of the given deployments that has a stored
   * status, by entity ref.
   */
  getDeploymentResources(
    entityRefs: string[],
  ): Promise<Map<string, FleetDeploymentResource>>;

  getStatus(entityRef: string): Promise<DeploymentStatus | undefined>;

  /**
   * The observations of each of the given deployments that has any, with `firstSeenAt`.
   */
  getObservations(
    entityRefs: string[],
  ): Promise<Map<string, DeploymentObservations>>;

  /**
   * Records `at` as the moment the fleet first saw each of the given deployments; deployments
   * seen before keep their first-seen time.
   */
  recordFirstSeen(entityRefs: string[], at: Date): Promise<void>;
}
