import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  addIsoDuration,
  journalHealth,
  parseIsoDuration,
  type DeploymentStatus,
  type JournalStatus,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetStore } from '../database/FleetStore';
import {
  journalsBackNotification,
  journalsOverdueNotification,
  lateReplicas,
  licenseExpiredNotification,
  licenseExpiringNotification,
} from '../notifications/fleetNotifications';
import type { FlagStore, NewFleetFlag } from './FlagStore';
import {
  DEFAULT_LICENSE_NOTICE_DAYS,
  DEFAULT_RENOTIFY_EVERY,
  type NoticeOptions,
} from './options';
import type { FleetFlag, FleetFlagDetail, FleetFlagKind } from './types';

/** Statuses read per query. */
const PAGE_SIZE = 500;
/**
 * Failed notifications in a row after which a run stops sending: the notifications backend is
 * down or not installed, and the rest would only fail and fill the log.
 */
const MAX_SEND_FAILURES_IN_A_ROW = 10;

const JOURNAL_FLAG: Partial<Record<JournalStatus, FleetFlagKind>> = {
  overdue: 'journal-overdue',
  'never-received': 'journal-never-received',
};

const isJournalFlag = (flag: FleetFlag) => flag.kind.startsWith('journal-');
const isLicenseFlag = (flag: FleetFlag) => flag.kind.startsWith('license-');

/** What one run did. */
export interface NoticeCheckResult {
  /** Deployments looked at. */
  checked: number;
  raised: number;
  cleared: number;
  /** Notifications sent. */
  notified: number;
  /** Deployments whose check failed; they are checked again on the next run. */
  failed: string[];
}

/** A flag that is open, or that this run raises. */
type FlagKey = { id: number } | { entityRef: string; kind: FleetFlagKind };

/** A notification to send, and the flag to mark notified once it is sent. */
interface Notice {
  entityRef: string;
  owner: string;
  payload: NotificationPayload;
  flag?: FlagKey;
  /** The flag's detail as of this notification, when it changes (license thresholds). */
  detail?: FleetFlagDetail;
}

/** What a run is going to do, deployment by deployment. */
class RunPlan {
  readonly clear: number[] = [];
  readonly details: Array<{ id: number; detail: FleetFlagDetail }> = [];
  readonly raise: NewFleetFlag[] = [];
  readonly notices: Notice[] = [];

  /** Adds the plan of one deployment, made apart so that a failure leaves nothing behind. */
  merge(other: RunPlan) {
    this.clear.push(...other.clear);
    this.details.push(...other.details);
    this.raise.push(...other.raise);
    this.notices.push(...other.notices);
  }
}

const keyOf = (entityRef: string, kind: FleetFlagKind) =>
  `${entityRef}\n${kind}`;

/**
 * Tells each deployment's owner what needs their attention — overdue journals, expiring and
 * expired licenses — once per change, remembering what was said as flags. It compares the
 * stored status of every deployment with its open flags, and raises, reminds and clears
 * flags, notifying the deployment's owner:
 *
 * - Journals: when a deployment's journal status becomes `overdue` or `never-received` at
 *   critical health (a replica past its first deadline, or missing from a delivery), a flag
 *   of that kind is raised (detail: the late replicas) and the owner is notified; while it
 *   stays open, the owner is reminded every `renotifyEvery`; when the status is back to
 *   `fresh`, `due` or `not-applicable`, the flag is cleared and the owner told. A switch
 *   between overdue and never-received clears one flag and raises the other.
 * - Licenses: a `license-expiring` flag per license end, notified once per notice threshold
 *   crossed (the threshold is stored with the flag, so a restart does not resend it), and a
 *   `license-expired` flag, notified once. A renewed license clears them.
 *
 * A run reads the statuses that task `fleet-status-refresh` keeps (it evaluates nothing
 * itself) and the open flags, plans every change in memory, writes the flags in one
 * transaction, sends the notifications, then records them as sent in one more. A
 * notification that fails is sent again on the next run (its flag is not marked notified);
 * one that was sent but not recorded, after a crash, is sent again too and updates the same
 * notification, whose scope is per deployment and topic. A deployment whose check or
 * notification fails is logged and the others go on. Deployments gone from the fleet have
 * their flags cleared without notification.
 */
export class OwnerNoticeChecker {
  private readonly store: FleetStore;
  private readonly flags: FlagStore;
  private readonly notifications: NotificationService;
  private readonly logger: LoggerService;
  private readonly options: NoticeOptions;
  private readonly now: () => Date;

  constructor(options: {
    store: FleetStore;
    flags: FlagStore;
    notifications: NotificationService;
    logger: LoggerService;
    options?: Partial<NoticeOptions>;
    /** The clock; tests pin it. */
    now?: () => Date;
  }) {
    this.store = options.store;
    this.flags = options.flags;
    this.notifications = options.notifications;
    this.logger = options.logger;
    this.options = {
      renotifyEvery:
        options.options?.renotifyEvery ??
        parseIsoDuration(DEFAULT_RENOTIFY_EVERY)!,
      licenseNoticeDays: [
        ...(options.options?.licenseNoticeDays ?? DEFAULT_LICENSE_NOTICE_DAYS),
      ].sort((a, b) => b - a),
    };
    this.now = options.now ?? (() => new Date());
  }

  /** Checks every deployment at `now`. A deployment whose check fails is logged and skipped. */
  async run(now: Date = this.now()): Promise<NoticeCheckResult> {
    const failed = new Set<string>();
    const open = new Map<string, FleetFlag[]>();
    for (const flag of await this.flags.listOpen()) {
      open.set(flag.entityRef, [...(open.get(flag.entityRef) ?? []), flag]);
    }

    const plan = new RunPlan();
    let checked = 0;
    let cursor: string | undefined;
    do {
      const page = await this.store.listStatuses(
        { limit: PAGE_SIZE, cursor },
        { count: false },
      );
      for (const status of page.items) {
        const flags = open.get(status.entityRef) ?? [];
        open.delete(status.entityRef);
        checked += 1;
        try {
          const own = new RunPlan();
          this.planJournals(status, flags.filter(isJournalFlag), now, own);
          this.planLicense(status, flags.filter(isLicenseFlag), own);
          plan.merge(own);
        } catch (error) {
          failed.add(status.entityRef);
          this.logger.error(
            `Could not check the journals and license of ${status.entityRef}; it is checked again on the next run: ${error}`,
          );
        }
      }
      cursor = page.nextCursor;
    } while (cursor);

    // What is left belongs to deployments that are not in the fleet any more.
    for (const [entityRef, flags] of open) {
      plan.clear.push(...flags.map(flag => flag.id));
      this.logger.info(
        `Clearing the flags of ${entityRef}, which left the fleet`,
      );
    }

    const raised = await this.flags.apply(plan, now);
    const raisedIds = new Map(
      raised.map(flag => [keyOf(flag.entityRef, flag.kind), flag.id]),
    );

    const notified: Array<{ id: number; detail?: FleetFlagDetail }> = [];
    let sent = 0;
    let failuresInARow = 0;
    for (const [i, notice] of plan.notices.entries()) {
      if (failuresInARow >= MAX_SEND_FAILURES_IN_A_ROW) {
        const left = plan.notices.slice(i);
        left.forEach(n => failed.add(n.entityRef));
        this.logger.error(
          `Stopped sending after ${failuresInARow} notifications failed in a row; the other ${left.length} are tried on the next run`,
        );
        break;
      }
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: notice.owner },
          payload: notice.payload,
        });
      } catch (error) {
        failed.add(notice.entityRef);
        failuresInARow += 1;
        this.logger.error(
          `Could not notify ${notice.owner} about ${notice.entityRef} ("${notice.payload.title}"); it is tried again on the next run: ${error}`,
        );
        continue;
      }
      failuresInARow = 0;
      sent += 1;
      if (notice.flag) {
        const id =
          'id' in notice.flag
            ? notice.flag.id
            : raisedIds.get(keyOf(notice.flag.entityRef, notice.flag.kind));
        if (id !== undefined) {
          notified.push({ id, detail: notice.detail });
        }
      }
    }
    await this.flags.markNotified(notified, now);

    const result: NoticeCheckResult = {
      checked,
      raised: raised.length,
      cleared: plan.clear.length,
      notified: sent,
      failed: [...failed],
    };
    this.logger.info(
      `Checked the journals and licenses of ${checked} deployments: ${
        result.raised
      } flags raised, ${result.cleared} cleared, ${sent} notifications sent${
        failed.size ? `, ${failed.size} deployments failed` : ''
      }`,
    );
    return result;
  }

  private planJournals(
    status: DeploymentStatus,
    open: FleetFlag[],
    now: Date,
    plan: RunPlan,
  ): void {
    const { entityRef, owner } = status;
    // A replica that is new and not yet due (never-received at warning level) is no flag.
    const kind =
      journalHealth(status.journal) === 'critical'
        ? JOURNAL_FLAG[status.journal.status]
        : undefined;
    for (const flag of open.filter(f => f.kind !== kind)) {
      plan.clear.push(flag.id);
      // Tell the owner the journals are back, unless another journal flag replaces this one
      // or they never heard about it.
      if (!kind && flag.notifyCount > 0) {
        plan.notices.push({
          entityRef,
          owner,
          payload: journalsBackNotification(status, {
            raisedAt: flag.raisedAt,
          }),
        });
      }
    }
    if (!kind) {
      return;
    }

    const replicas = lateReplicas(status).map(replica => replica.name);
    const flag = open.find(f => f.kind === kind);
    if (!flag) {
      plan.raise.push({ entityRef, kind, detail: { replicas } });
      plan.notices.push({
        entityRef,
        owner,
        flag: { entityRef, kind },
        payload: journalsOverdueNotification(status, {
          now,
          raisedAt: now.toISOString(),
          reminder: 0,
        }),
      });
      return;
    }

    if (
      JSON.stringify(flag.detail.replicas ?? []) !== JSON.stringify(replicas)
    ) {
      plan.details.push({ id: flag.id, detail: { ...flag.detail, replicas } });
    }
    const remindAt =
      flag.lastNotifiedAt &&
      addIsoDuration(new Date(flag.lastNotifiedAt), this.options.renotifyEvery);
    if (!remindAt || now >= remindAt) {
      plan.notices.push({
        entityRef,
        owner,
        flag: { id: flag.id },
        payload: journalsOverdueNotification(status, {
          now,
          raisedAt: flag.raisedAt,
          reminder: flag.notifyCount,
        }),
      });
    }
  }

  private planLicense(
    status: DeploymentStatus,
    open: FleetFlag[],
    plan: RunPlan,
  ): void {
    const { entityRef, owner } = status;
    const { expiresAt, daysLeft } = status.license;
    let kind: FleetFlagKind | undefined;
    let noticeDays: number | undefined;
    if (status.license.status === 'expired') {
      kind = 'license-expired';
    } else if (daysLeft !== undefined && daysLeft >= 0) {
      // The smallest threshold crossed: 10 days left is the 14-day notice.
      noticeDays = this.options.licenseNoticeDays
        .filter(days => daysLeft <= days)
        .pop();
      kind = noticeDays === undefined ? undefined : 'license-expiring';
    }

    // Flags of another state or of another license (renewed) are over.
    const current = (flag: FleetFlag) =>
      flag.kind === kind && flag.detail.expiresAt === expiresAt;
    for (const flag of open.filter(f => !current(f))) {
      plan.clear.push(flag.id);
    }
    if (!kind) {
      return;
    }

    const detail: FleetFlagDetail = { expiresAt, noticeDays };
    const payload =
      kind === 'license-expired'
        ? licenseExpiredNotification(status)
        : licenseExpiringNotification(status);
    const flag = open.find(current);
    if (!flag) {
      plan.raise.push({ entityRef, kind, detail });
      plan.notices.push({
        entityRef,
        owner,
        flag: { entityRef, kind },
        payload,
      });
      return;
    }
    const due =
      !flag.lastNotifiedAt ||
      (noticeDays !== undefined &&
        noticeDays < (flag.detail.noticeDays ?? Infinity));
    if (due) {
      plan.notices.push({
        entityRef,
        owner,
        flag: { id: flag.id },
        payload,
        detail,
      });
    }
  }
}
