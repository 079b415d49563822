import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isSameChartVersion,
  planUpgrade,
  releaseNotesBetween,
  renderCollectStatus,
  renderUpgradePlan,
  type CustomerDeploymentEntity,
  type DeploymentObservations,
  type PlanFile,
  type UpgradePlanFilesResponse,
  type UpgradePlanResponse,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetStore } from '../database/FleetStore';
import type { EvaluationOptions } from '../service/evaluationOptions';
import type { ReleaseService } from '../service/releases/ReleaseService';
import { requireDeployment } from '../service/requireDeployment';
import type { DeploymentLookup } from '../service/seams';

/** The collector the plan runs before and after each step, as onboarding generated it. */
function collectorOf(entity: CustomerDeploymentEntity): PlanFile {
  return {
    path: 'collect-status.sh',
    content: renderCollectStatus({
      deploymentName: entity.metadata.name,
      namespace: entity.spec.cluster.namespace,
    }),
    mode: 0o755,
  };
}

/**
 * Upgrade plans: per deployment and target, every step on the path with its migrated values,
 * checks and commands ({@link planUpgrade}), and the files an SE takes to the customer
 * (`UPGRADE.md`, `values/<version>.yaml` per step, `collect-status.sh`). Nothing is stored: a
 * plan is evaluated from the releases and the deployment's observations when it is asked for.
 */
export class UpgradePlanService {
  constructor(
    private readonly options: {
      store: Pick<FleetStore, 'getObservations'>;
      releases: ReleaseService;
      deployments: DeploymentLookup;
      evaluation: EvaluationOptions;
      now?: () => Date;
    },
  ) {}

  /**
   * `InputError` for a target the release index does not have, or an upgrade that cannot be
   * planned (see {@link planUpgrade}); 404 for an unknown deployment.
   */
  async plan(
    entityRef: string,
    target: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<
    UpgradePlanResponse & {
      entity: CustomerDeploymentEntity;
      observations: DeploymentObservations;
    }
  > {
    const { deployments, releases, store, evaluation } = this.options;
    const entity = await requireDeployment(deployments, entityRef, credentials);
    const chart = entity.spec.chart.name;
    const available = releases.getIndex()[chart] ?? [];
    if (target && !available.some(r => isSameChartVersion(r.version, target))) {
      throw new InputError(
        available.length > 0
          ? `Unknown target "${target}" for chart ${chart}; available: ${available
              .map(r => r.version)
              .join(', ')}`
          : `Unknown target "${target}": no releases of chart ${chart} are known${
              releases.getReleases().error
                ? ` (${releases.getReleases().error})`
                : ''
            }`,
      );
    }
    const observations =
      (await store.getObservations([entityRef])).get(entityRef) ?? {};
    let plan;
    try {
      plan = planUpgrade({
        upgradeWindowDays: evaluation.upgradeWindowDays,
        journalDueWindowDays: evaluation.journalDueWindowDays,
        entity,
        observations,
        releases: available,
        policy: releases.getPolicy(),
        now: this.options.now?.() ?? new Date(),
        ...(target ? { target } : {}),
      });
    } catch (error) {
      // Its refusals say what to do: a target older than the installed release, values on
      // record it cannot migrate (upload corrected ones), an intermediate the index lacks.
      throw new InputError(
        `Cannot plan the upgrade of ${entityRef}: ${(error as Error).message}`,
      );
    }
    return { plan, entity, observations };
  }

  /** The plan and the files it renders to, with the release notes between its ends. */
  async files(
    entityRef: string,
    target: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<UpgradePlanFilesResponse> {
    const { plan, entity, observations } = await this.plan(
      entityRef,
      target,
      credentials,
    );
    const changelog = this.options.releases.getChangelog();
    const files = renderUpgradePlan(plan, {
      entity,
      ...(observations.values && { startValues: observations.values.document }),
      ...(changelog && plan.steps.length > 0
        ? {
            releaseNotes: releaseNotesBetween(
              changelog,
              plan.from,
              plan.target,
            ),
          }
        : {}),
      collector: collectorOf(entity),
    });
    return { plan, files };
  }
}
