import type { ChartRelease } from '../releases/types';
import type { UpgradeCheck } from '../status/types';

/**
 * One values change the plan applied to the deployment's values, or could not apply.
 *
 * @public
 */
export interface AppliedValuesChange {
  /** The key as the deployment set it, dotted (`scaling.static.engine.replicas`). */
  key: string;
  /** Where it went (`scaling.replicas.engine`); absent when the release removed it. */
  movedTo?: string;
  kind: 'renamed' | 'removed' | 'required' | 'conflict';
  /** The release the change belongs to. */
  since: string;
  /** What changed and why, citing the CHANGELOG. */
  note?: string;
  /** For `required` and `conflict`: the SE must act, the plan cannot decide it. */
  action?: string;
}

/**
 * A per-pod GPU request a step changes.
 *
 * @public
 */
export interface PlannedGpuChange {
  component: string;
  since: string;
  gpusPerPod: number;
  note?: string;
}

/**
 * The commands of one step, as an SE runs them against the customer's cluster.
 *
 * @public
 */
export interface UpgradeStepCommands {
  /** Before the upgrade: the collector, the backup, the bundle check. */
  preflight: string[];
  /** `helm upgrade …` with the step's values file. */
  upgrade: string;
  /** After the upgrade: the rollout and the collector again. */
  verify: string[];
  /** Back to the step's starting point, restoring the database when the step migrated it. */
  rollback: string[];
}

/**
 * One `helm upgrade` on the path from the installed release to the target.
 *
 * @public
 */
export interface UpgradeStep {
  from: string;
  to: string;
  release: ChartRelease;
  /** A release the policy requires on the way, or the target itself. */
  reason: 'required-intermediate' | 'target';
  valuesChanges: AppliedValuesChange[];
  gpuChanges: PlannedGpuChange[];
  /** The upgrade checks for this step's release, as readiness would judge them. */
  checks: UpgradeCheck[];
  /** The migrated values document for this step (YAML); absent without values on record. */
  values?: string;
  /** The policy says this release changes the database: a backup comes first. */
  migratesDatabase: boolean;
  commands: UpgradeStepCommands;
}

/**
 * Everything an upgrade needs, per deployment and target.
 *
 * @public
 */
export interface UpgradePlan {
  /** The deployment's entity ref. */
  deployment: string;
  chart: string;
  from: string;
  target: string;
  generatedAt: string;
  /** Where the starting values came from; absent when the portal has none. */
  valuesSource?: 'onboarding' | 'upload';
  steps: UpgradeStep[];
  /** Releases between `from` and `target` the plan does not stop at, and why. */
  skipped: Array<{ version: string; reason: string }>;
}

/**
 * One file of a rendered plan: `UPGRADE.md`, `values/<version>.yaml`, `collect-status.sh`.
 *
 * @public
 */
export interface PlanFile {
  path: string;
  content: string;
  /** `0755` for scripts. */
  mode?: number;
}
