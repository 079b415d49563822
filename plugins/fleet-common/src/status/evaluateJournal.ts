import type { CustomerDeploymentSpec } from '../kinds';
import { IsoDuration, addIsoDuration, parseIsoDuration } from '../time';
import type { DeploymentObservations } from './observations';
import { compareHealth, journalHealth } from './health';
import { DAY_MS } from '../time/units';
import { formatUtcDate, parseInstant } from './time';
import type { JournalReplicaSignal, JournalSignal } from './types';
import type { JournalStatus } from './vocabulary';

/**
 * The default window before a journal's due date in which it counts as `due`, in days.
 *
 * @public
 */
export const DEFAULT_JOURNAL_DUE_WINDOW_DAYS = 7;

/** @public */
export interface JournalEvaluationOptions {
  /**
   * A replica's journal is `due` from this many days before its due date (default 7), capped
   * at half the return period so a weekly return is not due the moment it arrives.
   */
  dueWindowDays?: number;
}

/**
 * How bad each journal status is, least first. `never-received` ranks above `overdue`: an
 * overdue replica has returned journals before and is late, a replica that never returned one
 * has no billing data at the vendor at all (its volume is not being collected, or billing
 * never started), which is the more structural problem. Both make health critical.
 *
 * @public
 */
export const JOURNAL_STATUS_SEVERITY: Record<JournalStatus, number> = {
  'not-applicable': 0,
  fresh: 1,
  due: 2,
  overdue: 3,
  'never-received': 4,
};

const FALLBACK_PERIOD: IsoDuration = parseIsoDuration('P30D')!;

/**
 * The billing StatefulSet's pod names for a replica count, `deepgram-billing-0 … N-1`; each
 * keeps its own journal.
 *
 * @public
 */
export function billingReplicaNames(replicas: number): string[] {
  const count = Math.max(1, Math.floor(replicas));
  return Array.from({ length: count }, (_, i) => `deepgram-billing-${i}`);
}

function statusAgainst(
  now: Date,
  base: Date,
  dueAt: Date,
  dueWindowDays: number,
): 'fresh' | 'due' | 'late' {
  const period = dueAt.getTime() - base.getTime();
  const window = Math.min(dueWindowDays * DAY_MS, period / 2);
  if (now.getTime() > dueAt.getTime()) {
    return 'late';
  }
  return now.getTime() >= dueAt.getTime() - window ? 'due' : 'fresh';
}

/**
 * Evaluates the billing journals of a deployment, per billing replica.
 *
 * Each replica `deepgram-billing-0 … N-1` (N = `spec.billing.replicas`) keeps its own journal.
 * For each, its latest receipt gives `dueAt = receivedAt + returnEvery` (calendar arithmetic,
 * so `P1M` from 31 January is the last day of February). The replica is `fresh` before
 * `dueAt − window`, `due` from then until `dueAt` inclusive, and `overdue` after it; the window
 * is `dueWindowDays` (default 7) capped at half the period.
 *
 * A replica that has never returned a journal is never `fresh`: it is `never-received` from
 * the start. Its `health` is `warning` until its first deadline, `firstSeenAt + returnEvery`
 * (its `dueAt`), and `critical` after it or when `firstSeenAt` is unknown — and `critical` at
 * once when a sibling replica's journals have arrived without it (its `reason` names the
 * sibling's latest delivery: the single-volume backup that misses a replica's own volume).
 * Receipts of replicas beyond N (after a scale-down) are ignored.
 *
 * The deployment takes its worst replica: the worst health first, then the worst status
 * ({@link JOURNAL_STATUS_SEVERITY}), so a late replica outranks a new one not yet due; its
 * `lastReceivedAt` is the oldest of the replicas' latest receipts (undefined while any replica
 * has none) and its `dueAt` the earliest replica due date. Deployments that do not bill by
 * journal are `not-applicable`.
 *
 * @public
 */
export function evaluateJournal(
  spec: CustomerDeploymentSpec,
  observations: DeploymentObservations,
  now: Date,
  options: JournalEvaluationOptions = {},
): JournalSignal {
  const { dueWindowDays = DEFAULT_JOURNAL_DUE_WINDOW_DAYS } = options;
  const { billing } = spec;
  if (billing?.mode !== 'journal') {
    return { status: 'not-applicable', replicas: [] };
  }
  // The catalog requires returnEvery for journal billing; 30 days is the fallback for
  // unvalidated input only.
  const period =
    (billing.returnEvery && parseIsoDuration(billing.returnEvery)) ||
    FALLBACK_PERIOD;

  const latest = new Map<string, { receivedAt: Date; capturedAt?: Date }>();
  for (const receipt of observations.journals ?? []) {
    const receivedAt = parseInstant(receipt.receivedAt);
    if (!receivedAt) {
      continue;
    }
    const previous = latest.get(receipt.replica);
    if (!previous || previous.receivedAt < receivedAt) {
      latest.set(receipt.replica, {
        receivedAt,
        capturedAt: parseInstant(receipt.capturedAt),
      });
    }
  }
  const firstSeenAt = parseInstant(observations.firstSeenAt);
  // The latest journal any replica returned: a replica missing from it was not collected.
  const lastSiblingDelivery = billingReplicaNames(billing.replicas ?? 1)
    .map(name => latest.get(name)?.receivedAt)
    .reduce<Date | undefined>(
      (newest, at) => (at && (!newest || at > newest) ? at : newest),
      undefined,
    );

  const replicas = billingReplicaNames(billing.replicas ?? 1).map(
    (name): JournalReplicaSignal => {
      const receipt = latest.get(name);
      if (receipt) {
        const dueAt = addIsoDuration(receipt.receivedAt, period);
        const status = statusAgainst(
          now,
          receipt.receivedAt,
          dueAt,
          dueWindowDays,
        );
        const signal: JournalReplicaSignal = {
          name,
          status: status === 'late' ? 'overdue' : status,
          lastReceivedAt: receipt.receivedAt.toISOString(),
          dueAt: dueAt.toISOString(),
        };
        if (receipt.capturedAt) {
          signal.capturedAt = receipt.capturedAt.toISOString();
        }
        return signal;
      }
      if (lastSiblingDelivery) {
        return {
          name,
          status: 'never-received',
          health: 'critical',
          reason: `not in the delivery of ${formatUtcDate(
            lastSiblingDelivery,
          )}: is its volume backed up?`,
          ...(firstSeenAt && {
            dueAt: addIsoDuration(firstSeenAt, period).toISOString(),
          }),
        };
      }
      if (!firstSeenAt) {
        return { name, status: 'never-received', health: 'critical' };
      }
      const dueAt = addIsoDuration(firstSeenAt, period);
      return {
        name,
        status: 'never-received',
        health: now.getTime() > dueAt.getTime() ? 'critical' : 'warning',
        dueAt: dueAt.toISOString(),
      };
    },
  );

  const worst = replicas.reduce<JournalReplicaSignal | undefined>(
    (kept, replica) =>
      !kept ||
      compareHealth(journalHealth(replica), journalHealth(kept)) > 0 ||
      (journalHealth(replica) === journalHealth(kept) &&
        JOURNAL_STATUS_SEVERITY[replica.status] >
          JOURNAL_STATUS_SEVERITY[kept.status])
        ? replica
        : kept,
    undefined,
  );
  const status: JournalStatus = worst?.status ?? 'fresh';
  const received = replicas.map(replica => replica.lastReceivedAt);
  const lastReceivedAt = received.every((at): at is string => at !== undefined)
    ? received.reduce((oldest, at) => (at < oldest ? at : oldest))
    : undefined;
  const dueDates = replicas
    .map(replica => replica.dueAt)
    .filter((at): at is string => at !== undefined);
  const dueAt = dueDates.length
    ? dueDates.reduce((earliest, at) => (at < earliest ? at : earliest))
    : undefined;

  const signal: JournalSignal = { status, replicas };
  if (worst?.health) {
    signal.health = worst.health;
  }
  if (lastReceivedAt) {
    signal.lastReceivedAt = lastReceivedAt;
  }
  if (dueAt) {
    signal.dueAt = dueAt;
  }
  return signal;
}
