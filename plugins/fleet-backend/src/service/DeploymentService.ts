import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  DeploymentListResponse,
  DeploymentQuery,
  DeploymentStatus,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetStore, VisibilityOptions } from '../database/FleetStore';
import { listedStatus } from './listedStatus';
import type { ReleaseService } from './releases/ReleaseService';
import type {
  DeploymentLookup,
  StatusEvaluation,
  StatusRefresh,
} from './seams';

/** What the fleet API serves, from the stored statuses. */
export class DeploymentService {
  private readonly store: FleetStore;
  private readonly deployments: DeploymentLookup;
  private readonly statuses: StatusRefresh & StatusEvaluation;
  private readonly releases: ReleaseService;

  constructor(options: {
    store: FleetStore;
    deployments: DeploymentLookup;
    statuses: StatusRefresh & StatusEvaluation;
    releases: ReleaseService;
  }) {
    this.store = options.store;
    this.deployments = options.deployments;
    this.statuses = options.statuses;
    this.releases = options.releases;
  }

  /**
   * A page of statuses and the counts over every deployment matching the filters, both only
   * over the deployments the caller may see (`visibility`, from the policy). Rows leave out
   * the GPU signal's per-node detail ({@link listedStatus}).
   */
  async list(
    query: DeploymentQuery,
    visibility: VisibilityOptions,
  ): Promise<DeploymentListResponse> {
    // The summary counts the same filtered set, so the page need not count it again.
    const [page, summary] = await Promise.all([
      this.store.listStatuses(query, { ...visibility, count: false }),
      this.store.summarize(query, visibility),
    ]);
    return {
      items: page.items.map(listedStatus),
      totalCount: summary.total,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      summary,
    };
  }

  /**
   * One deployment's stored status or, with `target`, its status evaluated now for an upgrade
   * to that chart version. A deployment registered since the last refresh is evaluated on the
   * spot. The catalog is asked with the caller's credentials, so a deployment the caller
   * cannot see there is not found here either.
   */
  async get(
    ref: { namespace: string; name: string },
    options: { target?: string; credentials: BackstageCredentials },
  ): Promise<DeploymentStatus> {
    const entityRef = stringifyEntityRef({
      kind: CUSTOMER_DEPLOYMENT_KIND,
      ...ref,
    });
    const { target, credentials } = options;

    if (!target) {
      const stored = await this.store.getStatus(entityRef);
      if (stored) {
        return stored;
      }
    }

    const entity = await this.deployments.getDeploymentEntity(
      entityRef,
      credentials,
    );
    if (!entity) {
      throw new NotFoundError(`No deployment ${entityRef}`);
    }

    if (!target) {
      const status = await this.statuses.refresh(entityRef);
      if (!status) {
        throw new NotFoundError(`No deployment ${entityRef}`);
      }
      return status;
    }

    const chart = entity.spec.chart.name;
    const versions = (this.releases.getIndex()[chart] ?? []).map(
      release => release.version,
    );
    if (!versions.includes(target)) {
      throw new InputError(
        versions.length > 0
          ? `Unknown target "${target}" for chart ${chart}; available: ${versions.join(
              ', ',
            )}`
          : `Unknown target "${target}": no releases of chart ${chart} are known${
              this.releases.getReleases().error
                ? ` (${this.releases.getReleases().error})`
                : ''
            }`,
      );
    }
    return this.statuses.evaluateNow(entity, { target });
  }
}
