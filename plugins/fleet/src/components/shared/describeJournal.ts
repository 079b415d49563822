/*
 * Pure functions that put billing journals into words: sizes, due dates, receipt warnings and
 * short digests. No React and no clock of their own: callers pass `now`.
 */
import {
  billingReplicaNames,
  calendarDaysFrom,
  CustomerDeploymentEntity,
  describeDays,
  JournalReceipt,
} from '@fleetdeck/plugin-fleet-common';

/** Whether a deployment bills by journal (`spec.billing.mode: journal`). */
export function billsByJournal(entity: CustomerDeploymentEntity): boolean {
  return entity.spec.billing?.mode === 'journal';
}

/** The billing pods of a journal deployment, `deepgram-billing-0 … N-1`; none for others. */
export function journalReplicaNames(
  entity: CustomerDeploymentEntity,
): string[] {
  return billsByJournal(entity)
    ? billingReplicaNames(entity.spec.billing?.replicas ?? 1)
    : [];
}

/** `512 B`, `12.3 KB`, `4.5 MB`, `1.2 GB` (powers of 1024, one decimal below 100). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return 'Unknown';
  }
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** `1,204` */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** The first 12 hex digits of a SHA-256, enough to tell journals apart on screen. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/**
 * When a replica's next journal is due, against today (UTC calendar days): `due in 5 days`,
 * `due tomorrow`, `due today`, `overdue since today`, `overdue by 1 day`,
 * `overdue by 10 days`. Undefined when `dueAt` is not a date.
 */
export function describeDue(dueAt: string, now: Date): string | undefined {
  const days = calendarDaysFrom(dueAt, now);
  if (days === undefined) {
    return undefined;
  }
  const passed = new Date(dueAt).getTime() < now.getTime();
  if (passed) {
    return days === 0
      ? 'overdue since today'
      : `overdue by ${describeDays(-days)}`;
  }
  if (days === 0) {
    return 'due today';
  }
  if (days === 1) {
    return 'due tomorrow';
  }
  return `due in ${describeDays(days)}`;
}

/** What each warning code of a receipt means, for codes this version knows. */
const WARNING_WORDS: Record<string, string> = {
  'billing-inactive':
    'the journal holds only its initialisation line — billing may not have started',
};

/**
 * A receipt warning in words, keeping its code in front so it can be searched for:
 * `billing-inactive: the journal holds only its initialisation line — billing may not have
 * started`. A code this version does not know is shown as the backend sent it.
 */
export function describeJournalWarning(warning: string): string {
  const words = WARNING_WORDS[warning];
  return words ? `${warning}: ${words}` : warning;
}

/**
 * The name to save a downloaded journal under: the backend's, else the uploaded file's own name
 * (not an archive entry, which is only `journal`), else `<replica>-<short sha>.journal`.
 */
export function journalFileName(
  receipt: Pick<JournalReceipt, 'replica' | 'sha256' | 'fileName'>,
  suggested?: string,
): string {
  if (suggested) {
    return suggested;
  }
  const uploaded = receipt.fileName;
  if (uploaded && !uploaded.includes(':')) {
    const base = uploaded.split(/[\\/]/).pop();
    if (base) {
      return base;
    }
  }
  return `${receipt.replica}-${shortSha(receipt.sha256)}.journal`;
}
