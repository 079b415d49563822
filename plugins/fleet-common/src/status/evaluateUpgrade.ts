import type { CustomerDeploymentEntity } from '../kinds';
import {
  compareChartVersions,
  isSameChartVersion,
  normalizeVersion,
} from '../releases/chartVersion';
import {
  satisfiesKubeVersion,
  satisfiesVersionRange,
} from '../releases/kubeVersion';
import { compareDriverVersions } from '../releases/driverVersion';
import type { ChartRelease, ReleasePolicy } from '../releases/types';
import { evaluateJournal } from './evaluateJournal';
import { computeGpuRequirement, describeGpuRequirement } from './evaluateGpu';
import { evaluateLicense } from './evaluateLicense';
import type { DeploymentObservations } from './observations';
import { DAY_MS } from '../time/units';
import { plural } from '../words/plural';
import { describeAge, describeDays, parseInstant } from './time';
import type { UpgradeCheck, UpgradeCheckId, UpgradeSignal } from './types';
import type { CheckOutcome, UpgradeStatus } from './vocabulary';

/**
 * The default number of days ahead in which an expiring license makes the upgrade's license
 * check warn.
 *
 * @public
 */
export const DEFAULT_UPGRADE_WINDOW_DAYS = 30;

/** @public */
export interface UpgradeEvaluationOptions {
  /** The chart version to evaluate the upgrade to; defaults to the newest release. */
  target?: string;
  /** The license check warns when the license ends within this many days (default 30). */
  upgradeWindowDays?: number;
  /** Passed to the journal evaluation (default 7). */
  journalDueWindowDays?: number;
}

/**
 * The title of each upgrade check, in the order the checks are reported.
 *
 * @public
 */
export const UPGRADE_CHECK_TITLES: Record<UpgradeCheckId, string> = {
  target: 'Target release',
  kubernetes: 'Kubernetes version',
  license: 'License',
  journal: 'Billing journals',
  gpu: 'GPU capacity',
  values: 'Values keys',
  path: 'Upgrade path',
};

/**
 * The checks without which an upgrade cannot be judged at all: when either is `unknown`, so
 * is the upgrade. An `unknown` in any other check only lowers the status to
 * `ready-with-warnings`.
 *
 * @public
 */
export const ESSENTIAL_UPGRADE_CHECKS: readonly UpgradeCheckId[] = [
  'target',
  'kubernetes',
];

const OUTCOME_SEVERITY: Record<CheckOutcome, number> = {
  pass: 0,
  unknown: 1,
  warn: 2,
  fail: 3,
};

type Finding = { outcome: CheckOutcome; message: string; fix?: string };

function check(id: UpgradeCheckId, ...findings: Finding[]): UpgradeCheck {
  const outcome = findings.reduce<CheckOutcome>(
    (worst, finding) =>
      OUTCOME_SEVERITY[finding.outcome] > OUTCOME_SEVERITY[worst]
        ? finding.outcome
        : worst,
    'pass',
  );
  const result: UpgradeCheck = {
    id,
    title: UPGRADE_CHECK_TITLES[id],
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

const isStable = (version: string) => {
  const normalized = normalizeVersion(version);
  return normalized !== undefined && !/^[^+]*-/.test(normalized);
};

const newer = (a: string, b: string) => compareChartVersions(a, b) > 0;

/** Versions strictly after `from` up to and including `to`. */
const inRange = (version: string, from: string, to: string) =>
  newer(version, from) && !newer(version, to);

function listVersions(releases: ChartRelease[], max = 8): string {
  const shown = releases.slice(0, max).map(release => release.version);
  return releases.length > max
    ? `${shown.join(', ')}, … (${releases.length} releases)`
    : shown.join(', ');
}

interface UpgradeContext {
  entity: CustomerDeploymentEntity;
  observations: DeploymentObservations;
  releases: ChartRelease[];
  policy?: ReleasePolicy;
  now: Date;
  current: string;
  target?: ChartRelease;
  upgradeWindowDays: number;
  journalDueWindowDays?: number;
}

function kubernetesCheck(ctx: UpgradeContext): UpgradeCheck {
  const { entity, observations, target, releases, current } = ctx;
  const reported = observations.reported?.kubernetesVersion;
  const cluster = reported ?? entity.spec.cluster.kubernetesVersion;
  const source = reported
    ? 'as last reported by the cluster'
    : 'as declared in spec.cluster.kubernetesVersion';
  if (!target) {
    return check('kubernetes', {
      outcome: 'unknown',
      message: 'no target release to check the cluster against',
    });
  }
  if (!target.kubeVersion?.trim()) {
    return check('kubernetes', {
      outcome: 'pass',
      message: `${target.version} declares no kubeVersion, so Helm installs it on any Kubernetes`,
    });
  }
  const range = target.kubeVersion;
  const fits = satisfiesKubeVersion(range, cluster);
  if (fits === undefined) {
    return normalizeVersion(cluster)
      ? check('kubernetes', {
          outcome: 'unknown',
          message: `cannot read ${
            target.version
          }'s kubeVersion ${JSON.stringify(range)}`,
        })
      : check('kubernetes', {
          outcome: 'unknown',
          message: `cannot read the cluster's Kubernetes version ${JSON.stringify(
            cluster,
          )} (${source})`,
          fix: 'set spec.cluster.kubernetesVersion to what `kubectl version` reports, e.g. v1.31.4-eks-2d5f260',
        });
  }
  if (fits) {
    return check('kubernetes', {
      outcome: 'pass',
      message: `Kubernetes ${cluster} (${source}) satisfies ${target.version}'s kubeVersion ${range}`,
    });
  }
  const normalized = normalizeVersion(cluster)!;
  const core = normalized.replace(/[-+].*$/, '');
  const suffixOnly =
    core !== normalized.replace(/\+.*$/, '') &&
    satisfiesKubeVersion(range, core) === true;
  const supported = releases.find(
    release =>
      newer(release.version, current) &&
      !newer(release.version, target.version) &&
      (!release.kubeVersion ||
        satisfiesKubeVersion(release.kubeVersion, cluster) === true),
  );
  const fixes = [
    suffixOnly
      ? `Helm reads the vendor suffix of ${cluster} as a pre-release, which ${range} (no "-0") does not admit; the chart's kubeVersion would need "-0" (e.g. ">=1.28.0-0")`
      : `upgrade the cluster to a Kubernetes version that satisfies ${range} before upgrading the chart`,
  ];
  if (supported) {
    fixes.push(
      `or upgrade only to ${supported.version}, the newest release that supports Kubernetes ${cluster}`,
    );
  }
  return check('kubernetes', {
    outcome: 'fail',
    message: `${target.version} needs Kubernetes ${range}; the cluster runs ${cluster} (${source})`,
    fix: fixes.join(', '),
  });
}

function licenseCheck(ctx: UpgradeContext): UpgradeCheck {
  const { spec } = ctx.entity;
  const signal = evaluateLicense(spec, ctx.now, {
    warningDays: ctx.upgradeWindowDays,
  });
  const id = spec.license?.id ? `license ${spec.license.id}` : 'the license';
  const days = Math.abs(signal.daysLeft ?? 0);
  switch (signal.status) {
    case 'not-required':
      return check('license', {
        outcome: 'pass',
        message: `a ${spec.profile} deployment needs no license of its own`,
      });
    case 'missing':
      return check('license', {
        outcome: 'fail',
        message: spec.license
          ? `${id} has no readable expiry date (${JSON.stringify(
              spec.license.expiresAt,
            )})`
          : 'an air-gapped deployment cannot run without a license, and none is on record',
        fix: 'record the license in spec.license (id, expiresAt and the names of its Secrets)',
      });
    case 'expired':
      return check('license', {
        outcome: 'fail',
        message: `${id} expired: its last valid day was ${
          signal.expiresAt
        }, ${describeDays(days)} ago`,
        fix: `renew ${id}, update the license Secrets and spec.license.expiresAt, then upgrade`,
      });
    case 'expiring':
      return check('license', {
        outcome: 'warn',
        message: `${id} ends within the ${
          ctx.upgradeWindowDays
        }-day upgrade window: last valid day ${signal.expiresAt} (${
          days === 0 ? 'today' : `in ${describeDays(days)}`
        })`,
        fix: `renew ${id} before upgrading, so the upgraded deployment does not stop soon after`,
      });
    default:
      return check('license', {
        outcome: 'pass',
        message: `${id} is valid through ${signal.expiresAt} (${describeDays(
          days,
        )} left)`,
      });
  }
}

function journalCheck(ctx: UpgradeContext): UpgradeCheck {
  const { spec } = ctx.entity;
  if (spec.billing?.mode !== 'journal') {
    return check('journal', {
      outcome: 'pass',
      message: `does not apply: this deployment bills by ${
        spec.billing?.mode ?? 'no declared mode'
      }, not by journals`,
    });
  }
  const signal = evaluateJournal(spec, ctx.observations, ctx.now, {
    dueWindowDays: ctx.journalDueWindowDays,
  });
  const late = signal.replicas.filter(
    r => r.status === 'overdue' || r.status === 'never-received',
  );
  const due = signal.replicas.filter(r => r.status === 'due');
  const before =
    'the billing pods restart during the upgrade, so return their journals first';
  if (late.length) {
    const lines = late.map(r =>
      r.status === 'overdue'
        ? `${r.name} is overdue (due ${r.dueAt})`
        : `${r.name} has never returned a journal`,
    );
    return check('journal', {
      outcome: 'fail',
      message: lines.join(', '),
      fix: `collect and return the journals of ${late
        .map(r => r.name)
        .join(', ')} before upgrading; ${before}`,
    });
  }
  if (due.length) {
    return check('journal', {
      outcome: 'warn',
      message: due.map(r => `${r.name} is due by ${r.dueAt}`).join(', '),
      fix: `return the journals of ${due
        .map(r => r.name)
        .join(', ')} before upgrading; ${before}`,
    });
  }
  return check('journal', {
    outcome: 'pass',
    message: `the journals of all ${plural(
      signal.replicas.length,
      'billing replica',
    )} are fresh (next due ${signal.dueAt})`,
  });
}

function gpuCheck(ctx: UpgradeContext): UpgradeCheck {
  const { entity, observations, policy, current, target, now } = ctx;
  const gpu = entity.spec.gpu;
  if (!target) {
    return check('gpu', {
      outcome: 'unknown',
      message: 'no target release to compute the GPUs for',
    });
  }
  if (!gpu) {
    return check('gpu', {
      outcome: 'unknown',
      message:
        'spec.gpu is not declared, so the GPUs this deployment needs are unknown',
      fix: 'declare spec.gpu (resourceName, perEngine, engineReplicas and GPU components)',
    });
  }
  const observed = observations.gpu;
  if (!observed) {
    return check('gpu', {
      outcome: 'unknown',
      message:
        'no GPU capacity has been observed for this deployment (no cluster snapshot or status report)',
      fix: 'connect the cluster through the Kubernetes plugin, or have the customer send a status report',
    });
  }
  const observedAt = parseInstant(observed.observedAt);
  const age = observedAt ? describeAge(observedAt, now) : 'an unknown time';
  if (observed.error) {
    return check('gpu', {
      outcome: 'unknown',
      message: `the latest GPU observation failed (${observed.error}); the last good snapshot is ${age} old`,
      fix: 'fix the cluster connection or ask for a fresh status report',
    });
  }
  const before = computeGpuRequirement(gpu, { from: current, to: current });
  const after = computeGpuRequirement(gpu, {
    policy,
    from: current,
    to: target.version,
  });
  const unit = after.resourceName;
  const extra = Math.max(0, after.required - before.required);
  const freeAfter = observed.allocatable - observed.requested - extra;
  const findings: Finding[] = [];
  const needs = `${target.version} needs ${
    after.required
  } ${unit} (${describeGpuRequirement(after)})`;
  if (after.required > observed.allocatable) {
    findings.push({
      outcome: 'fail',
      message: `${needs}; only ${observed.allocatable} are allocatable (snapshot ${age} old)`,
      fix: `add ${
        after.required - observed.allocatable
      } ${unit} or reduce replicas before upgrading`,
    });
  } else if (observed.pendingGpuPods > 0) {
    findings.push({
      outcome: 'fail',
      message: `${plural(
        observed.pendingGpuPods,
        'pod',
      )} already pending for want of ${unit} (snapshot ${age} old)`,
      fix: 'resolve the pending pods before upgrading',
    });
  } else if (freeAfter < 0) {
    findings.push({
      outcome: 'fail',
      message: `${needs}, ${extra} more than now; only ${
        observed.allocatable - observed.requested
      } are free (snapshot ${age} old)`,
      fix: `free or add ${-freeAfter} ${unit} before upgrading`,
    });
  } else if (freeAfter < after.perEngine) {
    findings.push({
      outcome: 'warn',
      message: `${needs}; ${freeAfter} would be free, and a rolling upgrade needs ${after.perEngine} for one more engine pod (snapshot ${age} old)`,
      fix: `add ${
        after.perEngine - freeAfter
      } ${unit}, or scale the engine down by one pod for the upgrade`,
    });
  } else {
    findings.push({
      outcome: 'pass',
      message: `${needs}; ${observed.allocatable} allocatable, ${freeAfter} free after the upgrade (snapshot ${age} old)`,
    });
  }
  const minimum = policy?.minimumDriver?.version;
  if (minimum && observed.driverVersion) {
    const order = compareDriverVersions(observed.driverVersion, minimum);
    if (order === undefined) {
      findings.push({
        outcome: 'unknown',
        message: `cannot compare the driver version ${JSON.stringify(
          observed.driverVersion,
        )} with the minimum ${minimum}`,
      });
    } else if (order < 0) {
      findings.push({
        outcome: 'fail',
        message: `the NVIDIA driver ${observed.driverVersion} is older than the minimum ${minimum}`,
        fix: `upgrade the NVIDIA driver on the GPU nodes to ${minimum} or later`,
      });
    } else {
      findings.push({
        outcome: 'pass',
        message: `driver ${observed.driverVersion} meets the minimum ${minimum}`,
      });
    }
  } else if (minimum) {
    findings.push({
      outcome: 'unknown',
      message: `the driver version was not observed, so the minimum ${minimum} could not be checked`,
    });
  }
  return check('gpu', ...findings);
}

function matchesKey(key: string, from: string): boolean {
  return (
    key === from || key.startsWith(`${from}.`) || key.startsWith(`${from}[`)
  );
}

function valuesCheck(ctx: UpgradeContext): UpgradeCheck {
  const { observations, policy, current, target, entity } = ctx;
  if (!target) {
    return check('values', {
      outcome: 'unknown',
      message: 'no target release to check the values keys against',
    });
  }
  if (!observations.valuesKeys) {
    return check('values', {
      outcome: 'unknown',
      message: 'no values file on record for this deployment',
      fix: "record the deployment's Helm values keys (from its values file or a status report)",
    });
  }
  if (!policy) {
    return check('values', {
      outcome: 'unknown',
      message: `no release policy for ${entity.spec.chart.name}, so removed and renamed values keys cannot be checked`,
      fix: 'publish a ReleasePolicy next to the chart index',
    });
  }
  const hits = policy.valuesChanges
    .filter(change => inRange(change.since, current, target.version))
    .flatMap(change =>
      observations
        .valuesKeys!.filter(key => matchesKey(key, change.from))
        .map(key => ({ key, change })),
    );
  if (!hits.length) {
    return check('values', {
      outcome: 'pass',
      message: `none of the ${plural(
        observations.valuesKeys.length,
        'values key',
      )} on record was removed or renamed between ${current} and ${
        target.version
      }`,
    });
  }
  return check('values', {
    outcome: 'fail',
    message: `${target.version} no longer reads ${plural(
      hits.length,
      'values key',
    )} this deployment sets: ${hits
      .map(({ key, change }) => {
        const what = key === change.from ? '' : `${change.from} `;
        return change.to
          ? `${key} (${what}renamed to ${change.to} in ${change.since})`
          : `${key} (${what}removed in ${change.since})`;
      })
      .join(', ')}`,
    fix: `in the values file, ${hits
      .map(({ key, change }) =>
        change.to
          ? `move ${key} to ${change.to}${key.slice(change.from.length)}`
          : `remove ${key}`,
      )
      .join(', ')}`,
  });
}

function knownBad(policy: ReleasePolicy, version: string) {
  return policy.knownBad.find(bad => isSameChartVersion(bad.version, version));
}

/** The lowest required intermediate release an upgrade from `position` to `target` skips. */
function nextIntermediate(
  policy: ReleasePolicy,
  position: string,
  target: string,
): ReleasePolicy['requiredIntermediates'][number] | undefined {
  return policy.requiredIntermediates
    .filter(
      rule =>
        satisfiesVersionRange(rule.from, position) === true &&
        newer(rule.via, position) &&
        newer(target, rule.via),
    )
    .sort((a, b) => compareChartVersions(a.via, b.via))[0];
}

/** Required intermediate releases, in order, on the way from `current` to `target`. */
function intermediates(
  policy: ReleasePolicy,
  current: string,
  target: string,
): ReleasePolicy['requiredIntermediates'] {
  const path: ReleasePolicy['requiredIntermediates'] = [];
  let next = nextIntermediate(policy, current, target);
  // every step moves strictly forward, so the rules bound the number of steps
  while (next && path.length < policy.requiredIntermediates.length) {
    path.push(next);
    next = nextIntermediate(policy, next.via, target);
  }
  return path;
}

function pathCheck(ctx: UpgradeContext, upToDate: boolean): UpgradeCheck {
  const { policy, current, target, entity } = ctx;
  if (!policy) {
    return check('path', {
      outcome: 'unknown',
      message: `no release policy for ${entity.spec.chart.name}, so required intermediate releases and known-bad releases cannot be checked`,
      fix: 'publish a ReleasePolicy next to the chart index',
    });
  }
  if (!target) {
    return check('path', {
      outcome: 'unknown',
      message: 'no target release to plan a path to',
    });
  }
  const findings: Finding[] = [];
  const steps = upToDate ? [] : intermediates(policy, current, target.version);
  if (steps.length) {
    findings.push({
      outcome: 'fail',
      message: `an upgrade from ${current} must pass through ${steps
        .map(step => `${step.via}${step.note ? ` (${step.note})` : ''}`)
        .join(', then ')}`,
      fix: `upgrade to ${steps
        .map(step => step.via)
        .join(', then ')} first, then to ${target.version}`,
    });
  }
  const passedThrough = upToDate
    ? []
    : [...steps.map(step => step.via), target.version];
  for (const version of passedThrough) {
    const bad = knownBad(policy, version);
    if (bad) {
      findings.push({
        outcome: 'fail',
        message: `${version} is a known-bad release${
          bad.note ? `: ${bad.note}` : ''
        }`,
        fix: bad.fixedIn
          ? `go to ${bad.fixedIn} instead of ${version}`
          : `do not install ${version}; no release fixes it yet`,
      });
    }
  }
  const installedBad = knownBad(policy, current);
  if (installedBad) {
    findings.push({
      outcome: 'warn',
      message: `the installed release ${current} is known-bad${
        installedBad.note ? `: ${installedBad.note}` : ''
      }`,
      fix: installedBad.fixedIn
        ? `move to ${installedBad.fixedIn} or later`
        : 'watch for a release that fixes it',
    });
  }
  if (!findings.length) {
    findings.push({
      outcome: 'pass',
      message: `no required intermediate release or known-bad release between ${current} and ${target.version}`,
    });
  }
  return check('path', ...findings);
}

/**
 * Evaluates whether a deployment can be upgraded, troubleshoot.sh style: seven checks, each
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
 * - `values`: values keys on record that policy `valuesChanges` removes or renames for `since`
 *   in (current, target].
 * - `path`: required intermediate releases skipped (fail, "upgrade to X first"), a target or
 *   intermediate that is known-bad (fail, fix: its `fixedIn`), an installed release that is
 *   known-bad (warn).
 *
 * Status: `up-to-date` when there is nothing newer to go to (and no other target was asked
 * for) — then only the `target` check, and `path` when the installed release is known-bad, are
 * reported; otherwise `blocked` when any check fails, `unknown` when `target` or `kubernetes`
 * is unknown, `ready-with-warnings` when any check warns or is unknown, else `ready`.
 *
 * `releases` are this chart's (any order; they are sorted newest first); a policy for another
 * chart is ignored.
 *
 * @public
 */
export function evaluateUpgrade(
  entity: CustomerDeploymentEntity,
  observations: DeploymentObservations,
  releases: ChartRelease[],
  policy: ReleasePolicy | undefined,
  now: Date,
  options: UpgradeEvaluationOptions = {},
): UpgradeSignal {
  const { spec } = entity;
  const chart = spec.chart.name;
  const current = observations.reported?.chartVersion ?? spec.chart.version;
  const sorted = [...releases].sort((a, b) =>
    compareChartVersions(b.version, a.version),
  );
  const offered = isStable(current)
    ? sorted.filter(r => isStable(r.version))
    : sorted;
  const latest = offered[0];
  const installed = sorted.find(r => isSameChartVersion(r.version, current));
  const ctx: UpgradeContext = {
    entity,
    observations,
    releases: sorted,
    policy: policy && policy.chart === chart ? policy : undefined,
    now,
    current,
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

  const declared =
    observations.reported?.chartVersion &&
    !isSameChartVersion(observations.reported.chartVersion, spec.chart.version)
      ? ` (last reported by the cluster; the entity declares ${spec.chart.version})`
      : '';
  let targetCheck: UpgradeCheck;
  if (!sorted.length) {
    targetCheck = check('target', {
      outcome: 'unknown',
      message: `the release index has no releases of ${chart}`,
      fix: `check that the release source's index.yaml lists ${chart}`,
    });
  } else if (!installed) {
    targetCheck = check('target', {
      outcome: 'unknown',
      message: `the installed version ${current}${declared} is not a release of ${chart} in the index (newest: ${sorted[0].version})`,
      fix: 'correct spec.chart.version, or refresh the release index',
    });
  } else if (options.target) {
    const requested = sorted.find(r =>
      isSameChartVersion(r.version, options.target!),
    );
    if (!requested) {
      targetCheck = check('target', {
        outcome: 'fail',
        message: `${
          options.target
        } is not a release of ${chart}; available: ${listVersions(sorted)}`,
        fix: 'pick one of the available versions',
      });
    } else if (newer(installed.version, requested.version)) {
      targetCheck = check('target', {
        outcome: 'fail',
        message: `${requested.version} is older than the installed ${installed.version}${declared}; only upgrades are checked`,
        fix: `pick a release newer than ${installed.version}, such as ${latest?.version}`,
      });
    } else {
      ctx.target = requested;
      targetCheck = describeTarget(ctx, installed, latest, declared);
    }
  } else {
    ctx.target =
      latest && newer(latest.version, installed.version) ? latest : installed;
    targetCheck = describeTarget(ctx, installed, latest, declared);
  }
  if (ctx.target) {
    signal.target = ctx.target.version;
  }

  const upToDate =
    installed !== undefined &&
    ctx.target !== undefined &&
    !newer(ctx.target.version, installed.version);
  if (upToDate) {
    const path = ctx.policy && knownBad(ctx.policy, current);
    signal.status = 'up-to-date';
    signal.checks = path ? [targetCheck, pathCheck(ctx, true)] : [targetCheck];
    return signal;
  }

  signal.checks = [
    targetCheck,
    kubernetesCheck(ctx),
    licenseCheck(ctx),
    journalCheck(ctx),
    gpuCheck(ctx),
    valuesCheck(ctx),
    pathCheck(ctx, false),
  ];
  signal.status = upgradeStatus(signal.checks);
  return signal;
}

function describeTarget(
  ctx: UpgradeContext,
  installed: ChartRelease,
  latest: ChartRelease | undefined,
  declared: string,
): UpgradeCheck {
  const target = ctx.target!;
  if (!newer(target.version, installed.version)) {
    return check('target', {
      outcome: 'pass',
      message:
        latest && newer(latest.version, installed.version)
          ? `${installed.version}${declared} is already installed (the newest is ${latest.version})`
          : `${installed.version}${declared} is installed, the newest release of ${ctx.entity.spec.chart.name}`,
    });
  }
  const ahead = ctx.releases.filter(r =>
    inRange(r.version, installed.version, target.version),
  ).length;
  const from = parseInstant(installed.created);
  const to = parseInstant(target.created);
  const days =
    from && to
      ? `, ${describeDays(
          Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS)),
        )} newer`
      : '';
  const newest =
    latest && newer(latest.version, target.version)
      ? ` (the newest is ${latest.version})`
      : '';
  return check('target', {
    outcome: 'pass',
    message: `upgrade from ${installed.version}${declared} to ${
      target.version
    }: ${plural(ahead, 'release')} ahead${days}${newest}`,
  });
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
