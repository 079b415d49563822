/*
 * Pure functions that put a deployment's signals into words: which tone (icon) and word each
 * status has, and the detail that says why ("expires in 12 days", "2 of 3 replicas returned").
 * No React and no clock of their own: callers pass `now`.
 */
import {
  calendarDaysFrom,
  CheckOutcome,
  DeploymentHealth,
  GpuSignal,
  GpuStatus,
  JournalSignal,
  JournalStatus,
  LicenseSignal,
  LicenseStatus,
  UpgradeSignal,
  UpgradeStatus,
  describeRelativeDays,
  plural,
} from '@fleetdeck/plugin-fleet-common';

/**
 * The icon a status is shown with, always next to its word: `ok` (check), `warning` (triangle),
 * `error` (exclamation), `pending` (could not be evaluated) and `neutral` (does not apply).
 */
export type StatusTone = 'ok' | 'warning' | 'error' | 'pending' | 'neutral';

/** The signals of a deployment, plus its overall health and an upgrade check's outcome. */
export type StatusKind =
  | 'health'
  | 'license'
  | 'journal'
  | 'gpu'
  | 'upgrade'
  | 'check';

/** The status values of each kind, from the vocabulary in fleet-common. */
export type StatusOf = {
  health: DeploymentHealth;
  license: LicenseStatus;
  journal: JournalStatus;
  gpu: GpuStatus;
  upgrade: UpgradeStatus;
  check: CheckOutcome;
};

const TONES: { [K in StatusKind]: Record<StatusOf[K], StatusTone> } = {
  health: {
    ok: 'ok',
    warning: 'warning',
    critical: 'error',
    unknown: 'pending',
  },
  license: {
    valid: 'ok',
    expiring: 'warning',
    expired: 'error',
    missing: 'error',
    'not-required': 'neutral',
  },
  journal: {
    fresh: 'ok',
    due: 'warning',
    overdue: 'error',
    'never-received': 'error',
    'not-applicable': 'neutral',
  },
  gpu: {
    ok: 'ok',
    tight: 'warning',
    insufficient: 'error',
    unknown: 'pending',
  },
  upgrade: {
    'up-to-date': 'ok',
    ready: 'ok',
    'ready-with-warnings': 'warning',
    blocked: 'error',
    unknown: 'pending',
  },
  check: { pass: 'ok', warn: 'warning', fail: 'error', unknown: 'pending' },
};

/**
 * The tone of a status. A value this version does not know (a newer backend) reads as
 * `pending`, so it is never shown as fine.
 */
export function statusTone<K extends StatusKind>(
  kind: K,
  status: StatusOf[K] | string,
): StatusTone {
  const tones = TONES[kind] as Record<string, StatusTone>;
  return Object.prototype.hasOwnProperty.call(tones, status)
    ? tones[status]
    : 'pending';
}

/**
 * The tone of a journal signal (a deployment's or a replica's): a `never-received` replica
 * not yet past its first deadline is a warning, not an error.
 */
export function journalTone(signal: {
  status: JournalStatus;
  health?: DeploymentHealth;
}): StatusTone {
  return signal.health === 'warning'
    ? 'warning'
    : statusTone('journal', signal.status);
}

/**
 * The vocabulary word as a label: `never-received` → `Never received`, `up-to-date` →
 * `Up to date`, `ok` → `OK`. The words stay those of the vocabulary.
 */
export function statusWord(status: string): string {
  if (status === 'ok') {
    return 'OK';
  }
  const words = status.replace(/-/g, ' ');
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}

/** `today`, `yesterday`, `3 days ago`, `in 2 days` for a timestamp; undefined if unreadable. */
function relativeDay(iso: string, now: Date): string | undefined {
  const days = calendarDaysFrom(iso, now);
  return days === undefined ? undefined : describeRelativeDays(days);
}

/**
 * Why a license has its status: `expires in 12 days`, `expires today`, `expired 9 days ago`,
 * `no license on file`. `daysLeft` counts to the last valid day, so a license that expired
 * 9 days ago had its last valid day 9 days ago.
 */
export function describeLicenseSignal(
  signal: LicenseSignal,
): string | undefined {
  switch (signal.status) {
    case 'missing':
      return 'no license on file';
    case 'not-required':
      return 'not needed for this profile';
    default:
      break;
  }
  if (signal.daysLeft !== undefined) {
    const relative = describeRelativeDays(signal.daysLeft);
    return signal.daysLeft < 0 ? `expired ${relative}` : `expires ${relative}`;
  }
  if (signal.expiresAt) {
    return signal.status === 'expired'
      ? `expired ${signal.expiresAt}`
      : `expires ${signal.expiresAt}`;
  }
  return undefined;
}

/** Replicas whose journals are in: their latest return is not late. */
function isReturned(status: JournalStatus): boolean {
  return status === 'fresh' || status === 'due';
}

/**
 * Why the journals have their status: `2 of 3 replicas returned · last received 3 days ago`,
 * `due in 4 days`, `was due 5 days ago`, `no journal received yet`.
 */
export function describeJournalSignal(
  signal: JournalSignal,
  now: Date,
): string | undefined {
  if (signal.status === 'not-applicable') {
    return 'billing does not use journals';
  }
  const parts: string[] = [];
  const total = signal.replicas.length;
  const returned = signal.replicas.filter(replica =>
    isReturned(replica.status),
  ).length;
  if (total > 1 && returned < total) {
    parts.push(`${returned} of ${total} replicas returned`);
  }
  const lastReceived =
    signal.lastReceivedAt && relativeDay(signal.lastReceivedAt, now);
  if (lastReceived) {
    parts.push(`last received ${lastReceived}`);
  } else if (signal.status === 'never-received' && returned === 0) {
    parts.push('no journal received yet');
  }
  const due = signal.dueAt && relativeDay(signal.dueAt, now);
  // A replica missing from its siblings' delivery: say which, and what to check.
  const missing = signal.replicas.find(
    replica => replica.status === 'never-received' && replica.reason,
  );
  if (missing) {
    parts.push(`${missing.name} ${missing.reason}`);
  } else if (due && signal.status === 'due') {
    parts.push(`due ${due}`);
  } else if (due && signal.status === 'overdue') {
    parts.push(`was due ${due}`);
  } else if (due && signal.status === 'never-received') {
    parts.push(
      signal.health === 'warning' ? `first due ${due}` : `was due ${due}`,
    );
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/**
 * GPU capacity in numbers, `6 allocatable · 4 requested · 6 needed`; when it could not be
 * evaluated, the reason.
 */
export function describeGpuSignal(signal: GpuSignal): string | undefined {
  const numbers = [
    signal.allocatable !== undefined && `${signal.allocatable} allocatable`,
    signal.requested !== undefined && `${signal.requested} requested`,
    signal.required !== undefined && `${signal.required} needed`,
  ].filter((part): part is string => Boolean(part));
  if (signal.status === 'unknown' || numbers.length === 0) {
    return signal.reason ?? (numbers.length ? numbers.join(' · ') : undefined);
  }
  return numbers.join(' · ');
}

/**
 * How far behind a deployment is and where to: `3 releases / 120 days behind → 0.42.0`, with
 * the failing checks of a blocked upgrade (`· 1 check failed`). `on 0.42.0, the latest` when up
 * to date.
 */
export function describeUpgradeSignal(
  signal: UpgradeSignal,
): string | undefined {
  if (signal.status === 'up-to-date') {
    return `on ${signal.current}, the latest`;
  }
  const parts: string[] = [];
  const behind = [
    signal.versionsBehind !== undefined &&
      plural(signal.versionsBehind, 'release'),
    signal.daysBehind !== undefined && plural(signal.daysBehind, 'day'),
  ].filter((part): part is string => Boolean(part));
  const target = signal.target ?? signal.latest;
  if (behind.length > 0) {
    parts.push(`${behind.join(' / ')} behind${target ? ` → ${target}` : ''}`);
  } else if (target && target !== signal.current) {
    parts.push(`${signal.current} → ${target}`);
  }
  const failed = signal.checks.filter(check => check.outcome === 'fail');
  if (signal.status === 'blocked' && failed.length > 0) {
    parts.push(`${plural(failed.length, 'check')} failed`);
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
