import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  formatEntityErrors,
  summarizeStatusReport,
  validateStatusReport,
  type GpuSignal,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetStore } from '../database/FleetStore';
import type { DeploymentLookup, StatusRefresh } from '../service/seams';
import { checkGeneratedAt, isAheadOfClock } from './clockSkew';

/**
 * What became of a report: `applied` false when the deployment already has newer
 * observations (an old report never overwrites a newer one).
 */
export interface StatusReportResult {
  applied: boolean;
  entityRef: string;
  /** The report's `generatedAt`, normalised (ISO 8601). */
  generatedAt: string;
  message: string;
  /** The deployment's GPU signal after the report, when it could be evaluated. */
  gpu?: GpuSignal;
}

/**
 * Whether the deployment named in a report is the one addressed: `acme-prod` names it in
 * its own namespace, `namespace/acme-prod` in full.
 */
function namesDeployment(named: string, entityRef: string): boolean {
  const target = parseEntityRef(entityRef);
  const [namespace, name] = named.includes('/')
    ? named.split('/', 2)
    : [target.namespace, named];
  return namespace === target.namespace && name === target.name;
}

/**
 * Accepts air-gapped deployments' status reports (from the API and the inbox): validates
 * them, keeps only the GPU facts and versions derived from them — never the nodes and pods,
 * whose env may hold secrets — and re-evaluates the deployment's status.
 */
export class StatusReportService {
  private readonly store: FleetStore;
  private readonly deployments: DeploymentLookup;
  private readonly statuses: StatusRefresh;
  private readonly logger: LoggerService;
  private readonly maxClockSkewMs: number;
  private readonly now: () => Date;

  constructor(options: {
    store: FleetStore;
    deployments: DeploymentLookup;
    statuses: StatusRefresh;
    logger: LoggerService;
    /** How far `generatedAt` may be ahead of the portal's clock (`fleet.reports.maxClockSkew`). */
    maxClockSkewMs: number;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.deployments = options.deployments;
    this.statuses = options.statuses;
    this.logger = options.logger;
    this.maxClockSkewMs = options.maxClockSkewMs;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Takes a parsed report for a deployment. Throws `InputError` naming each bad field, when
   * the report is for another deployment, or when it is dated ahead of the portal's clock; `NotFoundError` when the deployment is not in
   * the catalog (or not visible to the caller).
   */
  async accept(
    entityRef: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<StatusReportResult> {
    // The deployment first: a report for one that does not exist is a 404 whatever it holds.
    const entity = await this.deployments.getDeploymentEntity(
      entityRef,
      credentials,
    );
    if (!entity) {
      throw new NotFoundError(`No deployment ${entityRef}`);
    }
    const validation = validateStatusReport(body);
    if (!validation.valid) {
      throw new InputError(
        `Invalid status report: ${formatEntityErrors(validation.errors)}`,
      );
    }
    const { report } = validation;
    checkGeneratedAt(
      report.metadata.generatedAt,
      this.now(),
      this.maxClockSkewMs,
    );
    if (!namesDeployment(report.metadata.deployment, entityRef)) {
      throw new InputError(
        `Invalid status report: metadata.deployment is "${report.metadata.deployment}" but it was sent for ${entityRef}; send it to that deployment's address, or fix metadata.deployment`,
      );
    }
    // Pods of another namespace are another release: their GPUs are not this deployment's.
    if (report.spec.namespace !== entity.spec.cluster.namespace) {
      throw new InputError(
        `Invalid status report: spec.namespace is "${report.spec.namespace}" but ${entityRef} runs in "${entity.spec.cluster.namespace}" (spec.cluster.namespace); run the collector for that namespace, or correct the entity`,
      );
    }

    const derived = summarizeStatusReport(report, {
      resourceName: entity.spec.gpu?.resourceName,
    });
    const generatedAt = derived.reported.observedAt;
    // Decided under the row lock: of two reports racing, the newer one wins either way.
    // Stored observations dated ahead of the clock (a report accepted before such reports
    // were refused) are not newer than anything: a genuine report replaces them.
    let newer: string | undefined;
    await this.store.setObservations(entityRef, stored => {
      const now = this.now();
      newer = [stored.gpu?.observedAt, stored.reported?.observedAt].find(
        at =>
          at !== undefined &&
          Date.parse(at) > Date.parse(generatedAt) &&
          !isAheadOfClock(at, now, this.maxClockSkewMs),
      );
      return newer
        ? undefined
        : { gpu: derived.gpu, reported: derived.reported };
    });
    if (newer) {
      this.logger.info(
        `Status report of ${generatedAt} for ${entityRef} not applied: observations of ${newer} are newer`,
      );
      return {
        applied: false,
        entityRef,
        generatedAt,
        message: `Not applied: the deployment already has newer observations (${newer}) than this report (${generatedAt})`,
      };
    }

    let gpu: GpuSignal | undefined;
    try {
      gpu = (await this.statuses.refresh(entityRef))?.gpu;
    } catch (error) {
      // The observations are stored; the next scheduled refresh evaluates them.
      this.logger.warn(
        `Status report for ${entityRef} stored, but its status could not be re-evaluated now: ${error}`,
      );
    }
    this.logger.info(
      `Status report of ${generatedAt} for ${entityRef}: chart ${derived.reported.chartVersion}, Kubernetes ${derived.reported.kubernetesVersion}, ${derived.gpu.allocatable} ${derived.gpu.resourceName} allocatable, ${derived.gpu.requested} requested, ${derived.gpu.pendingGpuPods} pending`,
    );
    return {
      applied: true,
      entityRef,
      generatedAt,
      message: `Applied: GPU capacity and versions of ${generatedAt}`,
      ...(gpu && { gpu }),
    };
  }
}
