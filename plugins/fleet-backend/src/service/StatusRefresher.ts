import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  DeploymentObservations,
  DeploymentStatus,
  evaluateDeployment,
  isCustomerDeploymentEntity,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetStore } from '../database/FleetStore';
import type { EvaluationOptions } from './evaluationOptions';
import type { ReleaseService } from './releases/ReleaseService';
import type { StatusEvaluation, StatusRefresh } from './seams';

/** Deployments read from the catalog per request. */
const CATALOG_PAGE_SIZE = 500;

/** The outcome of a refresh of the whole fleet. */
export interface FleetRefreshResult {
  /** Deployments whose status was evaluated and stored. */
  evaluated: number;
  /** Refs of deployments whose evaluation failed; their previous status is kept. */
  failed: string[];
}

/**
 * Keeps the stored statuses in step with the catalog, the observations and the releases:
 * reads every CustomerDeployment, evaluates it with `evaluateDeployment` and stores the
 * result, so that the API serves statuses without evaluating anything per request.
 */
export class StatusRefresher implements StatusRefresh, StatusEvaluation {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly store: FleetStore;
  private readonly releases: ReleaseService;
  private readonly logger: LoggerService;
  private readonly evaluation: EvaluationOptions;
  private readonly now: () => Date;
  private running?: Promise<FleetRefreshResult | undefined>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    store: FleetStore;
    releases: ReleaseService;
    logger: LoggerService;
    evaluation?: EvaluationOptions;
    /** The clock; tests pin it. */
    now?: () => Date;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.store = options.store;
    this.releases = options.releases;
    this.logger = options.logger;
    this.evaluation = options.evaluation ?? {};
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Re-reads the releases and re-evaluates every deployment in the catalog. A deployment
   * whose evaluation throws is logged and keeps its previous status; when the catalog cannot
   * be read, the error is logged, nothing is changed and `undefined` is returned. A call made
   * while a refresh runs waits for that refresh instead of starting another one.
   */
  refreshAll(): Promise<FleetRefreshResult | undefined> {
    if (!this.running) {
      this.running = this.doRefreshAll().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /**
   * Re-evaluates one deployment with the releases read last, for example when an observation
   * about it arrives, and returns its new status; a deployment gone from the catalog loses its
   * status and `undefined` is returned. Errors are thrown to the caller.
   */
  async refresh(entityRef: string): Promise<DeploymentStatus | undefined> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity || !isCustomerDeploymentEntity(entity)) {
      await this.store.deleteStatus(entityRef);
      return undefined;
    }
    const ref = stringifyEntityRef(entity);
    const now = this.now();
    const observations = await this.observationsOf([ref], now);
    const status = this.evaluate(entity, observations.get(ref) ?? {}, now);
    await this.store.upsertStatus(status);
    return status;
  }

  /**
   * Evaluates a deployment now with its stored observations, without storing the result:
   * what-if evaluations such as readiness for another target version.
   */
  async evaluateNow(
    entity: CustomerDeploymentEntity,
    options: { target?: string } = {},
  ): Promise<DeploymentStatus> {
    const ref = stringifyEntityRef(entity);
    const observations = await this.store.getObservations([ref]);
    return this.evaluate(
      entity,
      observations.get(ref) ?? {},
      this.now(),
      options.target,
    );
  }

  private evaluate(
    entity: CustomerDeploymentEntity,
    observations: DeploymentObservations,
    now: Date,
    target?: string,
  ): DeploymentStatus {
    return evaluateDeployment(
      entity,
      observations,
      this.releases.getIndex(),
      this.releases.getPolicy(),
      now,
      { ...this.evaluation, ...(target ? { target } : {}) },
    );
  }

  private async doRefreshAll(): Promise<FleetRefreshResult | undefined> {
    await this.releases.refresh();
    const now = this.now();

    let entities: CustomerDeploymentEntity[];
    try {
      entities = await this.readDeployments();
    } catch (error) {
      this.logger.error(
        `Could not read CustomerDeployments from the catalog; the last statuses stay: ${error}`,
      );
      return undefined;
    }

    const refs = entities.map(entity => stringifyEntityRef(entity));
    const observations = await this.observationsOf(refs, now);

    const statuses: DeploymentStatus[] = [];
    const failed: string[] = [];
    entities.forEach((entity, i) => {
      try {
        statuses.push(
          this.evaluate(entity, observations.get(refs[i]) ?? {}, now),
        );
      } catch (error) {
        failed.push(refs[i]);
        this.logger.error(
          `Could not evaluate the status of ${refs[i]}; it keeps its previous status: ${error}`,
        );
      }
    });
    const evaluated = statuses.length;
    // A deployment that failed keeps the status it had, rather than vanish from the fleet.
    for (const ref of failed) {
      const previous = await this.store.getStatus(ref);
      if (previous) {
        statuses.push(previous);
      }
    }

    await this.store.replaceStatuses(statuses);
    this.logger.info(
      `Evaluated the status of ${evaluated} deployments${
        failed.length ? `, ${failed.length} failed` : ''
      }`,
    );
    return { evaluated, failed };
  }

  /** Observations of the given deployments, recording deployments seen for the first time. */
  private async observationsOf(
    refs: string[],
    now: Date,
  ): Promise<Map<string, DeploymentObservations>> {
    const observations = await this.store.getObservations(refs);
    const unseen = refs.filter(ref => !observations.has(ref));
    if (unseen.length > 0) {
      await this.store.recordFirstSeen(unseen, now);
      for (const ref of unseen) {
        observations.set(ref, { firstSeenAt: now.toISOString() });
      }
    }
    return observations;
  }

  /** Every CustomerDeployment in the catalog, a page at a time. */
  private async readDeployments(): Promise<CustomerDeploymentEntity[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const deployments: CustomerDeploymentEntity[] = [];
    let cursor: string | undefined;
    do {
      const response = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: CATALOG_PAGE_SIZE }
          : {
              filter: { kind: CUSTOMER_DEPLOYMENT_KIND },
              limit: CATALOG_PAGE_SIZE,
            },
        { credentials },
      );
      for (const entity of response.items as Entity[]) {
        if (isCustomerDeploymentEntity(entity)) {
          deployments.push(entity);
        }
      }
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    return deployments;
  }
}
