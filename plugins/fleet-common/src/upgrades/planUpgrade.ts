import { stringifyEntityRef } from '@backstage/catalog-model';
import { parse } from 'yaml';
import {
  compareChartVersions,
  isSameChartVersion,
} from '../releases/chartVersion';
import type { ReleasePolicy } from '../releases/types';
import type { DeploymentObservations } from '../status/observations';
import {
  evaluateUpgrade,
  type UpgradeEvaluationOptions,
} from '../status/upgrade/evaluateUpgrade';
import { sha256Hex } from '../bundles/sha256';
import { migrateValues } from './migrateValues';
import { planPath } from './planPath';
import type {
  AppliedValuesChange,
  PlannedGpuChange,
  UpgradePlan,
  UpgradeStep,
} from './types';
import { stepCommands } from './upgradeCommands';
import { dottedValuesKeys } from './valuesDocument';

/**
 * What {@link planUpgrade} plans from: the same as an upgrade evaluation.
 *
 * @public
 */
export type UpgradePlanOptions = UpgradeEvaluationOptions;

const inStep = (since: string, from: string, to: string) =>
  compareChartVersions(since, from) > 0 && compareChartVersions(since, to) <= 0;

const matchesKey = (key: string, from: string) =>
  key === from || key.startsWith(`${from}.`) || key.startsWith(`${from}[`);

/** Without a values document: the step's renames and removals among the keys on record. */
function changesOfKeys(
  keys: string[],
  policy: ReleasePolicy | undefined,
  from: string,
  to: string,
): { applied: AppliedValuesChange[]; keys: string[] } {
  const applied: AppliedValuesChange[] = [];
  let after = keys;
  for (const rule of policy?.valuesChanges ?? []) {
    if (!inStep(rule.since, from, to)) {
      continue;
    }
    for (const key of after.filter(k => matchesKey(k, rule.from))) {
      const movedTo = rule.to
        ? `${rule.to}${key.slice(rule.from.length)}`
        : undefined;
      applied.push({
        key,
        ...(movedTo ? { movedTo } : {}),
        kind: movedTo ? 'renamed' : 'removed',
        since: rule.since,
        ...(rule.note ? { note: rule.note } : {}),
        action: movedTo
          ? `in your values file, move ${key} to ${movedTo}`
          : `in your values file, remove ${key}`,
      });
    }
    after = after.flatMap(key => {
      if (!matchesKey(key, rule.from)) {
        return [key];
      }
      return rule.to ? [`${rule.to}${key.slice(rule.from.length)}`] : [];
    });
  }
  return { applied, keys: after };
}

function gpuChangesOf(
  options: UpgradePlanOptions,
  policy: ReleasePolicy | undefined,
  from: string,
  to: string,
): PlannedGpuChange[] {
  const runs = new Set([
    'engine',
    ...(options.entity.spec.gpu?.components ?? []).map(c => c.name),
  ]);
  return (policy?.gpuChanges ?? [])
    .filter(
      change => inStep(change.since, from, to) && runs.has(change.component),
    )
    .map(({ component, since, gpusPerPod, note }) => ({
      component,
      since,
      gpusPerPod,
      ...(note ? { note } : {}),
    }));
}

/** The step's values, or an error that says whose values could not be migrated and why. */
function migrateStep(
  document: string,
  policy: ReleasePolicy | undefined,
  step: { from: string; to: string },
  deployment: string,
) {
  try {
    return migrateValues(document, policy ?? { valuesChanges: [] }, step);
  } catch (error) {
    throw new Error(
      `cannot plan an upgrade of ${deployment}: ${
        (error as Error).message
      } (upload a corrected values file on the deployment's page)`,
    );
  }
}

/**
 * Plans the upgrade of a deployment to a target (default: the newest release), step by step:
 * the required intermediate releases of the policy (a known-bad one replaced by the release
 * that fixes it), then the target; every release passed over is listed in `skipped` with the
 * reason. Each step carries the values changes (applied to the values document on record by
 * {@link migrateValues}, or listed for the SE from the values keys on record), the per-pod
 * GPU changes of the components the deployment runs, the upgrade checks as readiness would
 * judge the step (installed version moved on to the step's start, values as the step
 * installs them), whether it migrates a database, and its commands. A deployment already on
 * the target gets no steps.
 *
 * @throws Error when there is no target to plan to (a requested target that is not a
 * release or is older than the installed one, an installed version the index lacks), when
 * the policy requires an intermediate release the index lacks, or when the values document
 * on record cannot be migrated (not YAML, or holding a secret-like value).
 * @public
 */
export function planUpgrade(options: UpgradePlanOptions): UpgradePlan {
  const { entity, now } = options;
  const policy =
    options.policy?.chart === entity.spec.chart.name
      ? options.policy
      : undefined;
  const overall = evaluateUpgrade(options);
  const deployment = stringifyEntityRef(entity);
  if (!overall.target) {
    const reason = overall.checks.find(check => check.id === 'target');
    throw new Error(
      `cannot plan an upgrade of ${deployment}${
        options.target ? ` to ${options.target}` : ''
      }: ${reason?.message ?? 'no target release'}${
        reason?.fix ? ` (${reason.fix})` : ''
      }`,
    );
  }
  const recorded = options.observations.values;
  const plan: UpgradePlan = {
    deployment,
    chart: entity.spec.chart.name,
    from: overall.current,
    target: overall.target,
    generatedAt: now.toISOString(),
    steps: [],
    skipped: [],
  };
  if (recorded) {
    plan.valuesSource = recorded.source;
  }
  if (
    overall.status === 'up-to-date' ||
    isSameChartVersion(overall.current, overall.target)
  ) {
    return plan;
  }
  const releases = options.releases;
  const { stops, skipped } = planPath({
    releases,
    policy,
    current: overall.current,
    target: overall.target,
  });
  plan.skipped = skipped;

  let position = overall.current;
  let observations: DeploymentObservations = options.observations;
  let document = recorded?.document;
  for (const stop of stops) {
    const from = position;
    const to = stop.version;
    const release = releases.find(r => isSameChartVersion(r.version, to));
    if (!release) {
      throw new Error(
        `cannot plan an upgrade of ${deployment} to ${plan.target}: the release policy requires passing through ${to}, which the chart index does not list (publish ${to} in the index, or correct the policy's requiredIntermediates)`,
      );
    }
    const migrated =
      document === undefined
        ? undefined
        : migrateStep(document, policy, { from, to }, deployment);
    const byKeys = migrated
      ? undefined
      : changesOfKeys(observations.valuesKeys ?? [], policy, from, to);
    const stepObservations: DeploymentObservations = migrated
      ? {
          ...observations,
          valuesKeys: dottedValuesKeys(parse(migrated.document) ?? {}),
          values: {
            document: migrated.document,
            source: recorded!.source,
            recordedAt: recorded!.recordedAt,
            sha256: sha256Hex(migrated.document),
          },
        }
      : observations;
    const databaseReleases = (policy?.databaseChanges ?? [])
      .filter(change => inStep(change.since, from, to))
      .map(change => change.since);
    const migratesDatabase = databaseReleases.length > 0;
    const step: UpgradeStep = {
      from,
      to,
      release,
      reason: stop.reason,
      valuesChanges: migrated?.applied ?? byKeys!.applied,
      gpuChanges: gpuChangesOf(options, policy, from, to),
      checks: evaluateUpgrade({
        ...options,
        observations: stepObservations,
        target: to,
      }).checks,
      migratesDatabase,
      commands: stepCommands({
        entity,
        to,
        databaseReleases,
        hasValues: migrated !== undefined,
      }),
    };
    if (migrated) {
      step.values = migrated.document;
    }
    plan.steps.push(step);

    // the next step starts where this one ends: the chart reported at `to`, values migrated
    position = to;
    document = migrated?.document ?? document;
    observations = {
      ...stepObservations,
      valuesKeys: byKeys ? byKeys.keys : stepObservations.valuesKeys,
      reported: {
        ...observations.reported,
        chartVersion: to,
        observedAt: observations.reported?.observedAt ?? now.toISOString(),
      },
    };
  }
  return plan;
}
