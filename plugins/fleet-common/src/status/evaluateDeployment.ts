import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { DeploymentSummary } from '../api/types';
import { CUSTOMER_KIND, type CustomerDeploymentEntity } from '../kinds';
import type { ReleaseIndex, ReleasePolicy } from '../releases/types';
import { evaluateGpu } from './evaluateGpu';
import { evaluateJournal } from './evaluateJournal';
import { evaluateLicense } from './evaluateLicense';
import { evaluateUpgrade } from './upgrade';
import { deploymentHealth } from './health';
import type { DeploymentObservations } from './observations';
import type { DeploymentStatus } from './types';
import {
  DEPLOYMENT_HEALTHS,
  GPU_STATUSES,
  JOURNAL_STATUSES,
  LICENSE_STATUSES,
  UPGRADE_STATUSES,
} from './vocabulary';

/**
 * Knobs of {@link evaluateDeployment}; every one has a default.
 *
 * @public
 */
export interface EvaluationOptions {
  /** A license is `expiring` with this many days or fewer left (default 30). */
  licenseWarningDays?: number;
  /** A journal is `due` from this many days before its due date (default 7). */
  journalDueWindowDays?: number;
  /** The upgrade's license check warns when the license ends within this many days (default 30). */
  upgradeWindowDays?: number;
  /** Evaluate the upgrade to this chart version instead of the newest release. */
  target?: string;
}

/**
 * Computes everything Fleetdeck shows about one deployment — license, journals, GPUs, upgrade
 * readiness and overall health — from its entity (desired facts) and observations (what was
 * seen), the chart's releases and release policy, at `now`. Pure: the page, the API, the
 * scheduled tasks and the tests all call this and agree.
 *
 * `customer` and `owner` are full entity refs (`customer:<namespace>/<name>`,
 * `group:<namespace>/<name>`), defaulting to the deployment's namespace. `chartVersion` is the
 * installed version: the one last reported by the cluster, else `spec.chart.version`. The GPU
 * signal is for the installed version; the upgrade's GPU check is for the target.
 *
 * @public
 */
export function evaluateDeployment(
  entity: CustomerDeploymentEntity,
  observations: DeploymentObservations,
  releases: ReleaseIndex,
  policy: ReleasePolicy | undefined,
  now: Date,
  options: EvaluationOptions = {},
): DeploymentStatus {
  const { spec, metadata } = entity;
  const namespace = metadata.namespace ?? 'default';
  const chartVersion =
    observations.reported?.chartVersion ?? spec.chart.version;
  const chartPolicy =
    policy && policy.chart === spec.chart.name ? policy : undefined;

  const license = evaluateLicense(spec, now, {
    warningDays: options.licenseWarningDays,
  });
  const journal = evaluateJournal(spec, observations, now, {
    dueWindowDays: options.journalDueWindowDays,
  });
  const gpu = evaluateGpu(spec, observations, now, {
    policy: chartPolicy,
    current: chartVersion,
  });
  const upgrade = evaluateUpgrade({
    entity,
    observations,
    releases: releases[spec.chart.name] ?? [],
    policy: chartPolicy,
    now,
    target: options.target,
    upgradeWindowDays: options.upgradeWindowDays,
    journalDueWindowDays: options.journalDueWindowDays,
  });

  return {
    entityRef: stringifyEntityRef(entity),
    title: metadata.title ?? metadata.name,
    customer: stringifyEntityRef(
      parseEntityRef(spec.customer, {
        defaultKind: CUSTOMER_KIND,
        defaultNamespace: namespace,
      }),
    ),
    profile: spec.profile,
    owner: stringifyEntityRef(
      parseEntityRef(spec.owner, {
        defaultKind: 'Group',
        defaultNamespace: namespace,
      }),
    ),
    chartVersion,
    health: deploymentHealth({ license, journal, gpu, upgrade }),
    license,
    journal,
    gpu,
    upgrade,
    evaluatedAt: now.toISOString(),
  };
}

function zeros<T extends string>(values: readonly T[]): Record<T, number> {
  return Object.fromEntries(values.map(value => [value, 0])) as Record<
    T,
    number
  >;
}

/**
 * Counts deployments by every status of every signal, zeros included, so a UI can show each
 * status without checking for its presence.
 *
 * @public
 */
export function summarizeStatuses(
  statuses: DeploymentStatus[],
): DeploymentSummary {
  const summary: DeploymentSummary = {
    total: statuses.length,
    health: zeros(DEPLOYMENT_HEALTHS),
    license: zeros(LICENSE_STATUSES),
    journal: zeros(JOURNAL_STATUSES),
    gpu: zeros(GPU_STATUSES),
    upgrade: zeros(UPGRADE_STATUSES),
  };
  for (const status of statuses) {
    summary.health[status.health] += 1;
    summary.license[status.license.status] += 1;
    summary.journal[status.journal.status] += 1;
    summary.gpu[status.gpu.status] += 1;
    summary.upgrade[status.upgrade.status] += 1;
  }
  return summary;
}
