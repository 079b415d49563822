import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import { DatabaseFlagStore } from '../flags/DatabaseFlagStore';
import { OwnerNoticeChecker } from '../flags/OwnerNoticeChecker';
import { readNoticeOptions } from '../flags/options';
import type { FleetStatuses } from './statuses';

/** Flags overdue journals and expiring licenses, and tells the owners. */
export function wireFlags(options: {
  db: Knex;
  config: RootConfigService;
  logger: LoggerService;
  notifications: NotificationService;
  statuses: FleetStatuses;
}): OwnerNoticeChecker {
  const { db, config, logger, notifications, statuses } = options;
  return new OwnerNoticeChecker({
    store: statuses.store,
    flags: new DatabaseFlagStore(db),
    notifications,
    logger,
    options: readNoticeOptions(config, logger),
  });
}
