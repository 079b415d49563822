import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  FLEET_REGISTRATIONS_LOCATION,
  FLEET_REGISTRATIONS_TOPIC,
  type CustomerDeploymentEntity,
  type ArtifactListResponse,
  type Registration,
  type RegistrationRequest,
} from '@fleetdeck/plugin-fleet-common';
import {
  resourceOfEntity,
  type FleetDeploymentResource,
} from '../permissions/resource';
import type { FleetStore } from '../database/FleetStore';
import { principalRef } from '../service/principalRef';
import type { StatusEvaluation } from '../service/seams';
import type { ValuesService } from '../values/ValuesService';
import type { RegistrationStore } from './RegistrationStore';
import { validateRegistration } from './validateRegistration';

/**
 * Where an entity came from, for a message: a URL as it is (the user can open it), but never
 * a path on the backend's machine (`file:` locations, and anything else that is not a URL).
 */
function describeLocation(location: string | undefined): string {
  if (location && /^url:https?:\/\//.test(location)) {
    return location;
  }
  if (location?.startsWith('file:')) {
    return 'a catalog file on the backend';
  }
  return 'another source';
}

/**
 * Deployments onboarded through the portal: checks and stores them, lists them for the
 * catalog provider, and serves their generated files.
 */
export class RegistrationService {
  constructor(
    private readonly options: {
      store: RegistrationStore;
      catalog: CatalogService;
      auth: AuthService;
      events: EventsService;
      /**
       * Puts the new deployment's status on the fleet page at once, evaluated from the entity
       * as registered, rather than at the next scheduled refresh after the catalog has it.
       */
      statuses: StatusEvaluation & Pick<FleetStore, 'upsertStatus'>;
      /** Takes the generated `values.yaml` as the deployment's values from onboarding. */
      values?: Pick<ValuesService, 'recordOnboarding'>;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async register(
    body: RegistrationRequest,
    credentials: BackstageCredentials,
  ): Promise<{ registration: Registration; created: boolean }> {
    const entityRef = validateRegistration(body);
    await this.refuseEntitiesFromElsewhere(body);
    const { store } = this.options;
    const { created } = await store.register(
      {
        entityRef,
        taskId: body.taskId,
        registeredBy: principalRef(credentials),
        deployment: body.deployment,
        customer: body.customer,
        artifacts: body.artifacts,
      },
      this.options.now?.() ?? new Date(),
    );
    await this.recordOnboardingValues(entityRef, body, credentials);
    await this.showOnFleetPage(body.deployment);
    // The catalog's provider reads the registrations on this event instead of at its next run.
    await this.options.events.publish({
      topic: FLEET_REGISTRATIONS_TOPIC,
      eventPayload: { entityRef },
    });
    return { registration: (await store.get(entityRef))!, created };
  }

  /**
   * The generated `values.yaml` becomes the deployment's values (unless an SE uploaded newer
   * ones), so plans and the values check start from it. Best effort: the registration stands
   * without it, and the SE can upload the values later.
   */
  private async recordOnboardingValues(
    entityRef: string,
    body: RegistrationRequest,
    credentials: BackstageCredentials,
  ) {
    const document = body.artifacts.find(
      a => a.name === 'values.yaml',
    )?.content;
    if (!document || !this.options.values) {
      return;
    }
    try {
      await this.options.values.recordOnboarding(
        entityRef,
        document,
        principalRef(credentials),
      );
    } catch (error) {
      this.options.logger.warn(
        `The values.yaml registered for ${entityRef} was not recorded as its values; upload them on its page: ${error}`,
      );
    }
  }

  /** Best effort: the scheduled refresh evaluates it anyway once the catalog has it. */
  private async showOnFleetPage(deployment: Entity) {
    const { statuses, logger } = this.options;
    try {
      const entity = {
        ...deployment,
        metadata: { namespace: 'default', ...deployment.metadata },
      } as CustomerDeploymentEntity;
      await statuses.upsertStatus(await statuses.evaluateNow(entity));
    } catch (error) {
      logger.warn(
        `Could not evaluate the new deployment ${deployment.metadata.name} yet; the next status refresh will: ${error}`,
      );
    }
  }

  /**
   * A name already in the catalog from another source (a catalog-info.yaml, another
   * registration's Customer) would make two entities fight over one ref: refused.
   */
  private async refuseEntitiesFromElsewhere(body: RegistrationRequest) {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entities: Entity[] = [
      body.deployment,
      ...(body.customer ? [body.customer] : []),
    ];
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      const existing = await this.options.catalog.getEntityByRef(ref, {
        credentials,
      });
      const location = existing?.metadata.annotations?.[ANNOTATION_LOCATION];
      if (existing && location !== FLEET_REGISTRATIONS_LOCATION) {
        throw new ConflictError(
          `${ref} is already in the catalog (from ${describeLocation(
            location,
          )}); ${
            entity.kind === 'Customer'
              ? 'choose it as an existing customer'
              : 'choose another deployment name'
          }`,
        );
      }
      if (
        existing &&
        entity.kind === 'Customer' &&
        !(await this.isCustomerOf(ref, body.deployment))
      ) {
        throw new ConflictError(
          `${ref} was created by another registration; choose it as an existing customer`,
        );
      }
    }
  }

  /** Whether the registration of this deployment is the one that created the Customer. */
  private async isCustomerOf(customerRef: string, deployment: Entity) {
    const registration = await this.options.store.get(
      stringifyEntityRef(deployment),
    );
    return (
      registration?.customer !== undefined &&
      stringifyEntityRef(registration.customer) === customerRef
    );
  }

  /**
   * The registrations, each only if `readable` keeps its deployment (the caller's permission
   * to read it, decided once for the whole list).
   */
  async list(options: {
    readable(resources: FleetDeploymentResource[]): Promise<Set<string>>;
  }): Promise<Registration[]> {
    const all = await this.options.store.list();
    const readable = await options.readable(
      all.map(registration => ({
        ...resourceOfEntity(
          registration.deployment as CustomerDeploymentEntity,
        ),
        entityRef: registration.entityRef,
      })),
    );
    return all.filter(registration => readable.has(registration.entityRef));
  }

  async listArtifacts(entityRef: string): Promise<ArtifactListResponse> {
    const registration = await this.requireRegistration(entityRef);
    return {
      entityRef,
      registeredAt: registration.registeredAt,
      items: await this.options.store.listArtifacts(entityRef),
    };
  }

  async getArtifacts(entityRef: string) {
    await this.requireRegistration(entityRef);
    return this.options.store.getArtifacts(entityRef);
  }

  private async requireRegistration(entityRef: string) {
    const registration = await this.options.store.get(entityRef);
    if (!registration) {
      throw new NotFoundError(
        `${entityRef} was not registered through the portal, so it has no generated files`,
      );
    }
    return registration;
  }
}
