/**
 * The status vocabulary of Fleetdeck. The UI, the API, the tasks and the tests use exactly
 * these words (DESIGN.md, "Status vocabulary").
 */

/** @public */
export const LICENSE_STATUSES = [
  'valid',
  'expiring',
  'expired',
  'missing',
  'not-required',
] as const;
/** @public */
export type LicenseStatus = (typeof LICENSE_STATUSES)[number];

/** @public */
export const JOURNAL_STATUSES = [
  'fresh',
  'due',
  'overdue',
  'never-received',
  'not-applicable',
] as const;
/** @public */
export type JournalStatus = (typeof JOURNAL_STATUSES)[number];

/** @public */
export const GPU_STATUSES = ['ok', 'tight', 'insufficient', 'unknown'] as const;
/** @public */
export type GpuStatus = (typeof GPU_STATUSES)[number];

/** @public */
export const UPGRADE_STATUSES = [
  'up-to-date',
  'ready',
  'ready-with-warnings',
  'blocked',
  'unknown',
] as const;
/** @public */
export type UpgradeStatus = (typeof UPGRADE_STATUSES)[number];

/** @public */
export const CHECK_OUTCOMES = ['pass', 'warn', 'fail', 'unknown'] as const;
/** @public */
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/**
 * A deployment's overall health: its worst signal. `critical` needs action now (expired or
 * missing license, overdue journals, too few GPUs, a blocked upgrade); `warning` needs action
 * soon; `unknown` means a signal could not be evaluated.
 *
 * @public
 */
export const DEPLOYMENT_HEALTHS = [
  'ok',
  'unknown',
  'warning',
  'critical',
] as const;
/** @public */
export type DeploymentHealth = (typeof DEPLOYMENT_HEALTHS)[number];
