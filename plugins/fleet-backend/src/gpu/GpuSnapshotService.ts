import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  isCustomerDeploymentEntity,
  redactSecretLike,
  summarizeGpuCapacity,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetStore } from '../database/FleetStore';
import type { StatusRefresh } from '../service/seams';
import type { KubernetesGpuSource } from './KubernetesGpuSource';

/** The annotation that connects an entity to its workloads in the Kubernetes plugin. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

const CATALOG_PAGE_SIZE = 500;

/** Deployments read at the same time. */
const CONCURRENCY = 4;

/** What one run did. */
export interface GpuSnapshotRunResult {
  /** Deployments whose snapshot was taken and stored. */
  updated: string[];
  /** Deployments whose cluster could not be read, with why; their last good snapshot stays. */
  failed: Array<{ entityRef: string; error: string }>;
  /**
   * Deployments left as they were: the Kubernetes plugin has no cluster at all, or the run
   * reached its timeout before their turn.
   */
  skipped: string[];
}

/**
 * Takes a GPU snapshot of every connected CustomerDeployment (annotation
 * `backstage.io/kubernetes-id`) through the Kubernetes plugin, and stores it as the
 * deployment's GPU observation (source `cluster`). A deployment whose cluster cannot be read
 * (unreachable, timeout, 403…) keeps its last good snapshot, marked with the error, so its
 * GPU status becomes `unknown` with the reason and the snapshot's age; the others go on.
 */
export class GpuSnapshotService {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly store: FleetStore;
  private readonly source: KubernetesGpuSource;
  private readonly statuses: StatusRefresh;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    store: FleetStore;
    source: KubernetesGpuSource;
    statuses: StatusRefresh;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.store = options.store;
    this.source = options.source;
    this.statuses = options.statuses;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Snapshots every connected deployment, a few at a time so that one slow cluster does not
   * hold up the whole fleet. When `signal` aborts (the task's timeout), no further
   * deployment is started; those already under way finish.
   */
  async run(signal?: AbortSignal): Promise<GpuSnapshotRunResult> {
    const result: GpuSnapshotRunResult = {
      updated: [],
      failed: [],
      skipped: [],
    };
    const deployments = await this.connectedDeployments();
    if ((await this.source.hasClusters()) === false) {
      // No cluster configured (a demo portal): nothing can be read, and nothing is wrong
      // with any one deployment's cluster; reports and earlier snapshots stay as they are.
      result.skipped = deployments.map(entity => stringifyEntityRef(entity));
      this.logger.info(
        `GPU snapshots: the Kubernetes plugin has no clusters; ${result.skipped.length} connected deployments skipped`,
      );
      return result;
    }
    const queue = [...deployments];
    const worker = async () => {
      for (let entity = queue.shift(); entity; entity = queue.shift()) {
        if (signal?.aborted) {
          result.skipped.push(stringifyEntityRef(entity));
          continue;
        }
        await this.snapshotAndRefresh(entity, result);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker),
    );
    this.logger.info(
      `GPU snapshots: ${result.updated.length} updated, ${
        result.failed.length
      } failed${
        result.skipped.length
          ? `, ${result.skipped.length} not started before the task's timeout`
          : ''
      }`,
    );
    return result;
  }

  private async snapshotAndRefresh(
    entity: CustomerDeploymentEntity,
    result: GpuSnapshotRunResult,
  ): Promise<void> {
    const entityRef = stringifyEntityRef(entity);
    const error = await this.snapshot(entity, entityRef);
    if (error) {
      result.failed.push({ entityRef, error });
    } else {
      result.updated.push(entityRef);
    }
    try {
      await this.statuses.refresh(entityRef);
    } catch (refreshError) {
      // Stored; the next scheduled status refresh evaluates it.
      this.logger.warn(
        `GPU snapshot of ${entityRef} stored, but its status could not be re-evaluated now: ${refreshError}`,
      );
    }
  }

  /** Takes and stores one snapshot; returns the error, if any, after recording it. */
  private async snapshot(
    entity: CustomerDeploymentEntity,
    entityRef: string,
  ): Promise<string | undefined> {
    const at = this.now().toISOString();
    try {
      const { cluster, ...objects } = await this.source.read(entity);
      await this.store.setObservations(entityRef, {
        gpu: summarizeGpuCapacity({
          ...objects,
          resourceName: entity.spec.gpu?.resourceName ?? 'nvidia.com/gpu',
          observedAt: at,
          source: 'cluster',
        }),
        gpuFailure: undefined,
      });
      return undefined;
    } catch (error) {
      // A cluster's error quotes the API server, which may quote anything: kept, shown and
      // logged, so redacted when it looks like it carries a secret.
      const message = redactSecretLike(
        (error as Error).name === 'GpuSourceError'
          ? (error as Error).message
          : `unexpected error: ${error}`,
      );
      this.logger.warn(
        `GPU snapshot of ${entityRef} failed; its last good snapshot stays: ${message}`,
      );
      // The last good snapshot keeps its figures, marked; without one, the failure is kept on
      // its own so that the GPU signal can say why it is unknown.
      await this.store.setObservations(entityRef, current =>
        current.gpu
          ? { gpu: { ...current.gpu, error: message, failedAt: at } }
          : { gpuFailure: { error: message, failedAt: at } },
      );
      return message;
    }
  }

  private async connectedDeployments(): Promise<CustomerDeploymentEntity[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const found: CustomerDeploymentEntity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: CATALOG_PAGE_SIZE }
          : {
              filter: { kind: CUSTOMER_DEPLOYMENT_KIND },
              limit: CATALOG_PAGE_SIZE,
            },
        { credentials },
      );
      for (const entity of page.items as Entity[]) {
        if (
          isCustomerDeploymentEntity(entity) &&
          entity.metadata.annotations?.[KUBERNETES_ID_ANNOTATION]
        ) {
          found.push(entity);
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return found;
  }
}
