import type { CustomerDeploymentEntity } from '../../kinds';
import {
  compareChartVersions,
  isSameChartVersion,
  normalizeVersion,
} from '../../releases/chartVersion';
import type { ChartRelease, ReleasePolicy } from '../../releases/types';
import { DAY_MS } from '../../time/units';
import type { DeploymentObservations } from '../observations';
import { parseInstant } from '../time';
import type { UpgradeCheck, UpgradeCheckId, UpgradeSignal } from '../types';
import type { CheckOutcome, UpgradeStatus } from '../vocabulary';
import {
  type Finding,
  newer,
  type UpgradeCheckDefinition,
  type UpgradeContext,
} from './context';
import { backupCheck } from './backup';
import { bundleCheck } from './bundle';
import { featuresCheck } from './features';
import { gpuCheck } from './gpu';
import { journalCheck } from './journal';
import { kubernetesCheck } from './kubernetes';
import { licenseCheck } from './license';
import { pathCheck } from './path';
import { requiredValuesCheck } from './requiredValues';
import { chooseTarget, targetCheck } from './target';
import { valuesCheck } from './values';

/** The checks, in the order they are reported; a new check is a file and a line here. */
const UPGRADE_CHECKS = [
  targetCheck,
  kubernetesCheck,
  licenseCheck,
  journalCheck,
  gpuCheck,
  featuresCheck,
  valuesCheck,
  requiredValuesCheck,
  pathCheck,
  bundleCheck,
  backupCheck,
];

function titlesOf<Id extends string>(
  checks: readonly UpgradeCheckDefinition<Id>[],
): Record<Id, string> {
  return Object.fromEntries(
    checks.map(check => [check.id, check.title]),
  ) as Record<Id, string>;
}

/**
 * The title of each upgrade check, in the order the checks are reported.
 *
 * @public
 */
export const UPGRADE_CHECK_TITLES = titlesOf(UPGRADE_CHECKS);

/**
 * The checks without which an upgrade cannot be judged at all: when either is `unknown`, so
 * is the upgrade. An `unknown` in any other check only lowers the status to
 * `ready-with-warnings`.
 *
 * @public
 */
export const ESSENTIAL_UPGRADE_CHECKS: readonly UpgradeCheckId[] =
  UPGRADE_CHECKS.filter(check => check.essential).map(check => check.id);

/**
 * The default number of days ahead in which an expiring license makes the upgrade's license
 * check warn.
 *
 * @public
 */
export const DEFAULT_UPGRADE_WINDOW_DAYS = 30;

/**
 * What {@link evaluateUpgrade} judges: one deployment, its chart's releases and policy, at
 * `now`, with the knobs that have defaults.
 *
 * @public
 */
export interface UpgradeEvaluationOptions {
  entity: CustomerDeploymentEntity;
  observations: DeploymentObservations;
  /** This chart's releases, in any order (they are sorted newest first). */
  releases: ChartRelease[];
  /** The chart's release policy; a policy for another chart is ignored. */
  policy?: ReleasePolicy;
  now: Date;
  /** The chart version to evaluate the upgrade to; defaults to the newest release. */
  target?: string;
  /** The license check warns when the license ends within this many days (default 30). */
  upgradeWindowDays?: number;
  /** Passed to the journal evaluation (default 7). */
  journalDueWindowDays?: number;
}

const OUTCOME_SEVERITY: Record<CheckOutcome, number> = {
  pass: 0,
  unknown: 1,
  warn: 2,
  fail: 3,
};

/** A check's findings as one result: the worst outcome, the messages and fixes joined. */
function report<Id extends UpgradeCheckId>(
  definition: UpgradeCheckDefinition<Id>,
  ctx: UpgradeContext,
): UpgradeCheck {
  const findings: Finding[] = [definition.evaluate(ctx)].flat();
  const outcome = findings.reduce<CheckOutcome>(
    (worst, finding) =>
      OUTCOME_SEVERITY[finding.outcome] > OUTCOME_SEVERITY[worst]
        ? finding.outcome
        : worst,
    'pass',
  );
  const result: UpgradeCheck = {
    id: definition.id,
    title: definition.title,
    outcome,
    message: findings.map(finding => finding.message).join('; '),
  };
  const fixes = findings
    .map(finding => finding.fix)
    .filter((fix): fix is string => Boolean(fix));
  if (fixes.length) {
    result.fix = fixes.join('; ');
  }
  return result;
}

function upgradeStatus(checks: UpgradeCheck[]): UpgradeStatus {
  if (checks.some(c => c.outcome === 'fail')) {
    return 'blocked';
  }
  if (
    checks.some(
      c => c.outcome === 'unknown' && ESSENTIAL_UPGRADE_CHECKS.includes(c.id),
    )
  ) {
    return 'unknown';
  }
  if (checks.some(c => c.outcome === 'warn' || c.outcome === 'unknown')) {
    return 'ready-with-warnings';
  }
  return 'ready';
}

const isStable = (version: string) => {
  const normalized = normalizeVersion(version);
  return normalized !== undefined && !/^[^+]*-/.test(normalized);
};

/**
 * Evaluates whether a deployment can be upgraded, troubleshoot.sh style: eleven checks, each
 * `pass`, `warn`, `fail` or `unknown` with a message an SE can act on and, where there is one,
 * a fix. A check that lacks the data it needs says `unknown` and why; it never passes.
 *
 * - `target`: the newest release newer than the installed one (or `options.target`; an
 *   unknown or older requested target fails). The installed version is the one last reported
 *   by the cluster, else `spec.chart.version`; when it is not in the index the check is
 *   `unknown`. Pre-releases are not offered as the newest release unless the installed
 *   version is itself a pre-release.
 * - `kubernetes`: the target's `kubeVersion` against the cluster's version (reported wins over
 *   `spec.cluster.kubernetesVersion`), with Helm's rules ({@link satisfiesKubeVersion}).
 * - `license`: fail when expired (or missing for air-gapped), warn when it ends within
 *   `upgradeWindowDays` (default 30), pass otherwise or when none is required.
 * - `journal`: for journal billing, fail when any replica is overdue or never returned a
 *   journal, warn when any is due, pass when all are fresh; passes as not applicable otherwise.
 * - `gpu`: the GPUs the target needs (policy `gpuChanges` with `since` in (current, target],
 *   for components the deployment runs) against those allocatable and free; warns when no
 *   engine pod's worth is left for a rolling update; checks `policy.minimumDriver` against the
 *   observed driver when both exist.
 * - `features`: the features the deployment uses (journal billing, MIG resource names) against
 *   the policy's `featureMinimums` for the target: fail below a minimum ("go to ≥ X").
 * - `values`: values keys on record that policy `valuesChanges` removes or renames for `since`
 *   in (current, target].
 * - `required-values`: policy `requiredValues` and `exclusiveValues` for `since` in (current,
 *   target], judged on the values document on record (`unknown` without one).
 * - `path`: required intermediate releases skipped (fail, "upgrade to X first"), a target or
 *   intermediate that is known-bad (fail, fix: its `fixedIn`), an installed release that is
 *   known-bad (warn).
 * - `bundle`: air-gapped only: fail without an update bundle for the target or when its
 *   verification on site failed, warn while it is unverified.
 * - `backup`: when a release in (current, target] changes a database (`databaseChanges`), fail
 *   for each declared database (`spec.databases`) without a backup newer than 24 hours.
 *
 * Status: `up-to-date` when there is nothing newer to go to (and no other target was asked
 * for) — then only the `target` check, and `path` when the installed release is known-bad, are
 * reported; otherwise `blocked` when any check fails, `unknown` when `target` or `kubernetes`
 * is unknown, `ready-with-warnings` when any check warns or is unknown, else `ready`.
 *
 * @public
 */
export function evaluateUpgrade(
  options: UpgradeEvaluationOptions,
): UpgradeSignal {
  const { entity, observations, policy, now } = options;
  const { spec } = entity;
  const current = observations.reported?.chartVersion ?? spec.chart.version;
  const releases = [...options.releases].sort((a, b) =>
    compareChartVersions(b.version, a.version),
  );
  const offered = isStable(current)
    ? releases.filter(r => isStable(r.version))
    : releases;
  const latest = offered[0];
  const installed = releases.find(r => isSameChartVersion(r.version, current));
  const target = chooseTarget(releases, installed, latest, options.target);
  const upToDate =
    installed !== undefined &&
    target !== undefined &&
    !newer(target.version, installed.version);
  const ctx: UpgradeContext = {
    entity,
    observations,
    releases,
    policy: policy?.chart === spec.chart.name ? policy : undefined,
    now,
    current,
    installed,
    latest,
    requested: options.target,
    target,
    upToDate,
    upgradeWindowDays: options.upgradeWindowDays ?? DEFAULT_UPGRADE_WINDOW_DAYS,
    journalDueWindowDays: options.journalDueWindowDays,
  };

  const signal: UpgradeSignal = { status: 'unknown', current, checks: [] };
  if (latest) {
    signal.latest = latest.version;
  }
  if (installed && latest) {
    signal.versionsBehind = offered.filter(r =>
      newer(r.version, installed.version),
    ).length;
    const from = parseInstant(installed.created);
    const to = parseInstant(latest.created);
    if (from && to) {
      signal.daysBehind = Math.max(
        0,
        Math.floor((to.getTime() - from.getTime()) / DAY_MS),
      );
    }
  }
  if (target) {
    signal.target = target.version;
  }

  const checks = upToDate
    ? UPGRADE_CHECKS.filter(check => check.reportsWhenUpToDate?.(ctx))
    : UPGRADE_CHECKS;
  signal.checks = checks.map(check => report(check, ctx));
  signal.status = upToDate ? 'up-to-date' : upgradeStatus(signal.checks);
  return signal;
}
