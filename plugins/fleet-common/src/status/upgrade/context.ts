// What the upgrade checks share: the context they read, the findings they return and the
// version helpers they compare with. Not part of the package's API.

import type { CustomerDeploymentEntity } from '../../kinds';
import { compareChartVersions } from '../../releases/chartVersion';
import type { ChartRelease, ReleasePolicy } from '../../releases/types';
import type { DeploymentObservations } from '../observations';
import type { CheckOutcome } from '../vocabulary';

/** Everything a check may read, worked out once by `evaluateUpgrade`. */
export interface UpgradeContext {
  entity: CustomerDeploymentEntity;
  observations: DeploymentObservations;
  /** This chart's releases, newest first. */
  releases: ChartRelease[];
  /** The release policy of this chart; a policy for another chart is left out. */
  policy?: ReleasePolicy;
  now: Date;
  /** The installed version: the one last reported by the cluster, else `spec.chart.version`. */
  current: string;
  /** The release of the installed version, when the index has it. */
  installed?: ChartRelease;
  /** The newest release on offer (a pre-release only when the installed version is one). */
  latest?: ChartRelease;
  /** The target the caller asked for, if any. */
  requested?: string;
  /** The release the checks judge the upgrade to; absent when there is none to judge. */
  target?: ChartRelease;
  /** The target is the installed release: there is nothing to upgrade. */
  upToDate: boolean;
  upgradeWindowDays: number;
  journalDueWindowDays?: number;
}

/** One thing a check found; a check's outcome is the worst of its findings. */
export interface Finding {
  outcome: CheckOutcome;
  message: string;
  fix?: string;
}

/** One upgrade check: what `evaluateUpgrade` needs to run and report it. */
export interface UpgradeCheckDefinition<Id extends string = string> {
  id: Id;
  title: string;
  /**
   * Without this check the upgrade cannot be judged at all: when it is `unknown`, so is the
   * upgrade. Any other check's `unknown` only lowers the status to `ready-with-warnings`.
   */
  essential?: boolean;
  /** Whether the check is also reported when there is nothing to upgrade to (by default not). */
  reportsWhenUpToDate?(ctx: UpgradeContext): boolean;
  evaluate(ctx: UpgradeContext): Finding | Finding[];
}

/** Keeps the check's id as a literal type, so the ids of all checks form `UpgradeCheckId`. */
export function defineUpgradeCheck<Id extends string>(
  definition: UpgradeCheckDefinition<Id>,
): UpgradeCheckDefinition<Id> {
  return definition;
}

/** Whether chart version `a` is newer than `b`. */
export const newer = (a: string, b: string) => compareChartVersions(a, b) > 0;

/** Versions strictly after `from` up to and including `to`. */
export const inRange = (version: string, from: string, to: string) =>
  newer(version, from) && !newer(version, to);
