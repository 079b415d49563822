import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  DAY_MS,
  journalHealth,
  describeDays,
  type DeploymentStatus,
  type JournalReplicaSignal,
} from '@fleetdeck/plugin-fleet-common';

/** Notification topic of overdue and returned billing journals. */
export const JOURNALS_TOPIC = 'fleet-journals';
/** Notification topic of expiring and expired licenses. */
export const LICENSE_TOPIC = 'fleet-license';

/** Late replicas named in a title; more are counted. */
const TITLE_REPLICAS = 3;

/** The deployment's page in the catalog, relative to the app's base URL. */
export function entityPageLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${[namespace, kind.toLocaleLowerCase('en-US'), name]
    .map(encodeURIComponent)
    .join('/')}`;
}

/**
 * The notification's scope: one per deployment and topic, so that the notifications backend
 * updates the notification an owner already has (and marks it unread) rather than stacking up
 * a new one for every reminder.
 */
function scopeOf(topic: string, entityRef: string): string {
  return `${topic}:${entityRef}`;
}

function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : 'an unknown date';
}

function daysBetween(from: string | undefined, now: Date): number | undefined {
  if (!from) {
    return undefined;
  }
  return Math.floor((now.getTime() - new Date(from).getTime()) / DAY_MS);
}

/**
 * The replicas behind a journal flag: overdue, or never returned one and critical (past the
 * first deadline, or missing from a sibling's delivery).
 */
export function lateReplicas(status: DeploymentStatus): JournalReplicaSignal[] {
  return status.journal.replicas.filter(
    replica =>
      (replica.status === 'overdue' || replica.status === 'never-received') &&
      journalHealth(replica) === 'critical',
  );
}

function titlePhrase(replica: JournalReplicaSignal): string {
  return replica.status === 'never-received'
    ? `${replica.name} never returned one`
    : `${replica.name} was due ${day(replica.dueAt)}`;
}

function replicaLine(replica: JournalReplicaSignal, now: Date): string {
  const late = daysBetween(replica.dueAt, now);
  const ago =
    late !== undefined && late > 0 ? ` (${describeDays(late)} ago)` : '';
  if (replica.status === 'never-received') {
    if (replica.reason) {
      return `${replica.name}: no journal received yet, ${replica.reason}`;
    }
    return replica.dueAt
      ? `${replica.name}: no journal received yet; the first was due ${day(
          replica.dueAt,
        )}${ago}.`
      : `${replica.name}: no journal received yet.`;
  }
  return `${replica.name}: last journal received ${day(
    replica.lastReceivedAt,
  )}, the next was due ${day(replica.dueAt)}${ago}.`;
}

/**
 * Billing journals overdue or never received. `reminder` counts the notifications sent before
 * for the same flag (0 for the first).
 */
export function journalsOverdueNotification(
  status: DeploymentStatus,
  options: { now: Date; raisedAt: string; reminder: number },
): NotificationPayload {
  const late = lateReplicas(status);
  const named = late.slice(0, TITLE_REPLICAS).map(titlePhrase);
  if (late.length > TITLE_REPLICAS) {
    named.push(`${late.length - TITLE_REPLICAS} more`);
  }
  const lines = late.map(replica => replicaLine(replica, options.now));
  if (options.reminder > 0) {
    lines.unshift(
      `Still overdue since ${day(options.raisedAt)} (reminder ${
        options.reminder
      }).`,
    );
  }
  lines.push(
    "Ask the customer for the journals — the backup CronJob's archive, or /journal/journal copied from each billing pod's volume — and upload them on the deployment's page. Journals not returned may suspend service.",
  );
  return {
    title: `${status.title}: billing journals overdue${
      named.length ? ` (${named.join(', ')})` : ''
    }`,
    description: lines.join(' '),
    link: entityPageLink(status.entityRef),
    severity: 'high',
    topic: JOURNALS_TOPIC,
    scope: scopeOf(JOURNALS_TOPIC, status.entityRef),
  };
}

/** The journals of a flagged deployment are back (or it no longer bills by journal). */
export function journalsBackNotification(
  status: DeploymentStatus,
  options: { raisedAt: string },
): NotificationPayload {
  const why =
    status.journal.status === 'not-applicable'
      ? 'The deployment no longer bills by journal'
      : 'Every billing replica has returned a journal';
  return {
    title: `${status.title}: billing journals back`,
    description: `${why}; the overdue flag raised ${day(
      options.raisedAt,
    )} is cleared.${
      status.journal.dueAt
        ? ` Next journal due ${day(status.journal.dueAt)}.`
        : ''
    }`,
    link: entityPageLink(status.entityRef),
    severity: 'low',
    topic: JOURNALS_TOPIC,
    scope: scopeOf(JOURNALS_TOPIC, status.entityRef),
  };
}

/** The license ends within a notice threshold. */
export function licenseExpiringNotification(
  status: DeploymentStatus,
): NotificationPayload {
  const { expiresAt, daysLeft = 0 } = status.license;
  let when = `expires in ${describeDays(daysLeft)}, on ${expiresAt}`;
  if (daysLeft === 0) {
    when = `expires today (${expiresAt} is its last valid day)`;
  } else if (daysLeft === 1) {
    when = `expires tomorrow, on ${expiresAt}`;
  }
  return {
    title: `${status.title}: license ${when}`,
    description: `The license's last valid day is ${expiresAt}. Arrange the renewal with the customer; once the new license is installed, update spec.license.expiresAt in the deployment's entity.`,
    link: entityPageLink(status.entityRef),
    severity: 'normal',
    topic: LICENSE_TOPIC,
    scope: scopeOf(LICENSE_TOPIC, status.entityRef),
  };
}

/** The license's last valid day has passed. */
export function licenseExpiredNotification(
  status: DeploymentStatus,
): NotificationPayload {
  const { expiresAt, daysLeft } = status.license;
  const ago =
    daysLeft !== undefined && daysLeft < 0
      ? ` (${describeDays(-daysLeft)} ago)`
      : '';
  return {
    title: `${status.title}: license expired (last valid day ${expiresAt})`,
    description: `The license's last valid day was ${expiresAt}${ago}. Install a renewed license in the customer's cluster and update spec.license.expiresAt in the deployment's entity.`,
    link: entityPageLink(status.entityRef),
    severity: 'high',
    topic: LICENSE_TOPIC,
    scope: scopeOf(LICENSE_TOPIC, status.entityRef),
  };
}
