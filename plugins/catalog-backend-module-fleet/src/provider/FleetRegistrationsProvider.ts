import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  FLEET_REGISTRATIONS_LOCATION,
  isValidEntityName,
  isValidEntityNamespace,
  type Registration,
  type RegistrationListResponse,
} from '@fleetdeck/plugin-fleet-common';

function managed(entity: Entity): DeferredEntity {
  return {
    locationKey: FLEET_REGISTRATIONS_LOCATION,
    entity: {
      ...entity,
      metadata: {
        ...entity.metadata,
        namespace: entity.metadata.namespace ?? 'default',
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: FLEET_REGISTRATIONS_LOCATION,
          [ANNOTATION_ORIGIN_LOCATION]: FLEET_REGISTRATIONS_LOCATION,
        },
      },
    },
  };
}

/** Whether the catalog's name rules admit the entity (older versions did not check them). */
function hasCatalogName(entity: Entity): boolean {
  return (
    isValidEntityName(entity.metadata.name) &&
    (entity.metadata.namespace === undefined ||
      isValidEntityNamespace(entity.metadata.namespace))
  );
}

/**
 * The entities of the registrations: each CustomerDeployment, and each new Customer once
 * (the earliest registration that brought it wins, should two have).
 *
 * A registration stored by an older version with a name the catalog's rules refuse (a `/`,
 * a quote, non-ASCII, over 63 characters) is skipped, and `onSkipped` told which, so that one
 * bad row neither fails the whole mutation nor reaches the catalog; it stays in the fleet
 * database for an administrator to remove.
 *
 * @public
 */
export function entitiesOfRegistrations(
  registrations: Registration[],
  onSkipped: (registration: Registration) => void = () => undefined,
): DeferredEntity[] {
  const byRef = new Map<string, DeferredEntity>();
  const ordered = [...registrations].sort((a, b) =>
    a.registeredAt.localeCompare(b.registeredAt),
  );
  for (const registration of ordered) {
    const entities = [registration.customer, registration.deployment];
    if (!entities.every(entity => !entity || hasCatalogName(entity))) {
      onSkipped(registration);
      continue;
    }
    for (const entity of entities) {
      if (entity) {
        const ref = stringifyEntityRef(entity);
        if (!byRef.has(ref)) {
          byRef.set(ref, managed(entity));
        }
      }
    }
  }
  return [...byRef.values()];
}

/**
 * Emits the deployments (and new customers) registered through the portal, read from the
 * fleet backend (`GET /api/fleet/registrations`) with the catalog's own credentials. Each run
 * is a full mutation, so a registration removed from the fleet database leaves the catalog.
 *
 * @public
 */
export class FleetRegistrationsProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      /** When to read the registrations (default in the module: every 30 seconds). */
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName(): string {
    return 'fleet-registrations';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.warn(
            `Could not read the fleet registrations; the catalog keeps the last ones read: ${error}`,
          );
        }
      },
    });
  }

  /** Reads the registrations and replaces this provider's entities; runs one at a time. */
  refresh(): Promise<void> {
    const run = this.running.then(() => this.refreshOnce());
    // A failed run must not block the next one; its caller sees the failure.
    this.running = run.catch(() => undefined);
    return run;
  }

  private async refreshOnce(): Promise<void> {
    if (!this.connection) {
      throw new Error('FleetRegistrationsProvider is not connected yet');
    }
    const { discovery, auth, logger } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'fleet',
    });
    const response = await fetch(
      `${await discovery.getBaseUrl('fleet')}/registrations`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const { items } = (await response.json()) as RegistrationListResponse;
    const entities = entitiesOfRegistrations(items, registration =>
      logger.warn(
        `Fleet registration ${JSON.stringify(
          registration.entityRef.slice(0, 100),
        )} is skipped: its names break the catalog's rules (stored by an older version); remove or re-register it`,
      ),
    );
    await this.connection.applyMutation({ type: 'full', entities });
    logger.debug(
      `Fleet registrations: ${items.length} deployments, ${entities.length} entities`,
    );
  }
}
