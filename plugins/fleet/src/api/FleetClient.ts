import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  DeploymentListResponse,
  DeploymentQuery,
  DeploymentStatus,
  ReleasesResponse,
} from '@fleetdeck/plugin-fleet-common';
import { FleetApi, GetDeploymentOptions } from './FleetApi';

/** The list filters of a {@link DeploymentQuery}, sent comma-separated (`license=expired,missing`). */
const LIST_PARAMS = [
  'license',
  'journal',
  'gpu',
  'upgrade',
  'health',
  'profile',
  'customer',
  'owner',
] as const;

/**
 * The query string of `GET /deployments` for a {@link DeploymentQuery}: each list comma-joined
 * (empty lists left out), then `q`, `orderBy`, `order`, `limit` and `cursor` when set.
 */
export function deploymentQueryParams(
  query: DeploymentQuery = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of LIST_PARAMS) {
    const values = query[key];
    if (values && values.length > 0) {
      params.set(key, values.join(','));
    }
  }
  const q = query.q?.trim();
  if (q) {
    params.set('q', q);
  }
  if (query.orderBy) {
    params.set('orderBy', query.orderBy);
  }
  if (query.order) {
    params.set('order', query.order);
  }
  if (query.limit !== undefined) {
    params.set('limit', String(query.limit));
  }
  if (query.cursor) {
    params.set('cursor', query.cursor);
  }
  return params;
}

/**
 * {@link FleetApi} over HTTP: finds the backend with the discovery API (plugin id `fleet`) and
 * calls it through the fetch API, so the user's credentials go with every request. A response
 * that is not OK becomes a `ResponseError` carrying the backend's error (`InputError`,
 * `NotFoundError`, …) as its `cause`.
 *
 * @public
 */
export class FleetClient implements FleetApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listDeployments(
    query: DeploymentQuery = {},
  ): Promise<DeploymentListResponse> {
    const params = deploymentQueryParams(query).toString();
    return this.get<DeploymentListResponse>(
      `/deployments${params ? `?${params}` : ''}`,
    );
  }

  async getDeployment(
    ref: string | CompoundEntityRef,
    options: GetDeploymentOptions = {},
  ): Promise<DeploymentStatus> {
    const { namespace, name } =
      typeof ref === 'string'
        ? parseEntityRef(ref, {
            defaultKind: CUSTOMER_DEPLOYMENT_KIND,
            defaultNamespace: 'default',
          })
        : ref;
    const path = `/deployments/${encodeURIComponent(
      namespace,
    )}/${encodeURIComponent(name)}`;
    const params = new URLSearchParams();
    if (options.target) {
      params.set('target', options.target);
    }
    const search = params.toString();
    return this.get<DeploymentStatus>(search ? `${path}?${search}` : path);
  }

  async getReleases(): Promise<ReleasesResponse> {
    return this.get<ReleasesResponse>('/releases');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('fleet');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
