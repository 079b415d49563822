import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import type { Knex } from 'knex';
import { DatabaseRegistrationStore } from '../registrations/DatabaseRegistrationStore';
import { RegistrationService } from '../registrations/RegistrationService';
import type { FleetStatuses } from './statuses';
import type { ValuesService } from '../values/ValuesService';

/**
 * Deployments onboarded through the portal, stored for the catalog module's provider (told
 * through the events service), each on the fleet page at once.
 */
export function wireRegistrations(options: {
  db: Knex;
  catalog: CatalogService;
  auth: AuthService;
  events: EventsService;
  logger: LoggerService;
  statuses: FleetStatuses;
  values: ValuesService;
}): RegistrationService {
  const { db, catalog, auth, events, logger, statuses, values } = options;
  return new RegistrationService({
    store: new DatabaseRegistrationStore(db),
    catalog,
    auth,
    events,
    statuses: {
      evaluateNow: entity => statuses.refresher.evaluateNow(entity),
      upsertStatus: status => statuses.store.upsertStatus(status),
    },
    values,
    logger,
  });
}
