import type {
  DeploymentHealth,
  GpuStatus,
  JournalStatus,
  LicenseStatus,
  UpgradeStatus,
} from './vocabulary';
import { DEPLOYMENT_HEALTHS } from './vocabulary';

/**
 * What each license status means for a deployment's health: an expired or missing license
 * stops the product (critical); one inside the warning window needs action soon (warning).
 *
 * @public
 */
export const LICENSE_HEALTH: Record<LicenseStatus, DeploymentHealth> = {
  valid: 'ok',
  expiring: 'warning',
  expired: 'critical',
  missing: 'critical',
  'not-required': 'ok',
};

/**
 * What each journal status means for health: a late or never-returned journal may get the
 * service suspended (critical); a due one needs collecting soon (warning). A `never-received`
 * replica is critical at worst: before its first deadline, with no sibling's journal back
 * either, it is a warning, which its signal's `health` says ({@link journalHealth}).
 *
 * @public
 */
export const JOURNAL_HEALTH: Record<JournalStatus, DeploymentHealth> = {
  fresh: 'ok',
  due: 'warning',
  overdue: 'critical',
  'never-received': 'critical',
  'not-applicable': 'ok',
};

/**
 * The health of a journal signal (a deployment's or a replica's): its own `health` when the
 * evaluator set one, else what its status means ({@link JOURNAL_HEALTH}).
 *
 * @public
 */
export function journalHealth(signal: {
  status: JournalStatus;
  health?: DeploymentHealth;
}): DeploymentHealth {
  return signal.health ?? JOURNAL_HEALTH[signal.status];
}

/**
 * What each GPU status means for health: too few GPUs is critical; no headroom for a rolling
 * upgrade is a warning; no usable observation is unknown.
 *
 * @public
 */
export const GPU_HEALTH: Record<GpuStatus, DeploymentHealth> = {
  ok: 'ok',
  tight: 'warning',
  insufficient: 'critical',
  unknown: 'unknown',
};

/**
 * What each upgrade status means for health: a blocked upgrade is critical, one with warnings
 * a warning; being behind with a clear path (`ready`) is fine.
 *
 * @public
 */
export const UPGRADE_HEALTH: Record<UpgradeStatus, DeploymentHealth> = {
  'up-to-date': 'ok',
  ready: 'ok',
  'ready-with-warnings': 'warning',
  blocked: 'critical',
  unknown: 'unknown',
};

/**
 * Orders healths from best to worst (`ok`, then `unknown`, `warning`, `critical`), for sorting.
 *
 * @public
 */
export function compareHealth(
  a: DeploymentHealth,
  b: DeploymentHealth,
): number {
  return DEPLOYMENT_HEALTHS.indexOf(a) - DEPLOYMENT_HEALTHS.indexOf(b);
}

/**
 * The worst of some healths; `ok` when there are none.
 *
 * @public
 */
export function worstHealth(healths: DeploymentHealth[]): DeploymentHealth {
  return healths.reduce<DeploymentHealth>(
    (worst, health) => (compareHealth(health, worst) > 0 ? health : worst),
    'ok',
  );
}

/**
 * A deployment's health: the worst of its four signals, each mapped by
 * {@link LICENSE_HEALTH}, {@link JOURNAL_HEALTH}, {@link GPU_HEALTH} and
 * {@link UPGRADE_HEALTH}. A known problem outranks an unknown: `critical` beats `warning`
 * beats `unknown` beats `ok`.
 *
 * @public
 */
export function deploymentHealth(signals: {
  license: { status: LicenseStatus };
  journal: { status: JournalStatus; health?: DeploymentHealth };
  gpu: { status: GpuStatus };
  upgrade: { status: UpgradeStatus };
}): DeploymentHealth {
  return worstHealth([
    LICENSE_HEALTH[signals.license.status],
    journalHealth(signals.journal),
    GPU_HEALTH[signals.gpu.status],
    UPGRADE_HEALTH[signals.upgrade.status],
  ]);
}
