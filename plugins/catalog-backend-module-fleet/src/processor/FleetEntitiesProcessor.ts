import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  CUSTOMER_KIND,
  formatEntityErrors,
  isCustomerDeploymentEntity,
  isCustomerEntity,
  validateCustomerDeploymentEntity,
  validateCustomerEntity,
} from '@fleetdeck/plugin-fleet-common';

/**
 * Validates Fleetdeck's `Customer` and `CustomerDeployment` entities and emits their relations:
 * a deployment is `partOf` its customer (`hasPart` back), and both are `ownedBy` their owner
 * (`ownerOf` back).
 *
 * A malformed entity fails validation with a message naming each bad field; the catalog records
 * that as a processing error on that entity alone and keeps serving everything else.
 *
 * @public
 */
export class FleetEntitiesProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'FleetEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    const validate = isCustomerDeploymentEntity(entity)
      ? validateCustomerDeploymentEntity
      : isCustomerEntity(entity) && validateCustomerEntity;
    if (!validate) {
      return false;
    }
    const result = validate(entity);
    if (!result.valid) {
      throw new TypeError(
        `Invalid ${entity.kind} "${entity.metadata.name}": ${formatEntityErrors(
          result.errors,
        )}`,
      );
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const namespace = self.namespace;
    const relate = (
      forward: string,
      backward: string,
      target: { kind: string; namespace: string; name: string },
    ) => {
      emit(processingResult.relation({ source: self, type: forward, target }));
      emit(
        processingResult.relation({
          source: target,
          type: backward,
          target: self,
        }),
      );
    };

    if (isCustomerDeploymentEntity(entity)) {
      relate(
        RELATION_PART_OF,
        RELATION_HAS_PART,
        parseEntityRef(entity.spec.customer, {
          defaultKind: CUSTOMER_KIND,
          defaultNamespace: namespace,
        }),
      );
    }
    if (isCustomerDeploymentEntity(entity) || isCustomerEntity(entity)) {
      relate(
        RELATION_OWNED_BY,
        RELATION_OWNER_OF,
        parseEntityRef(entity.spec.owner, {
          defaultKind: 'Group',
          defaultNamespace: namespace,
        }),
      );
    }
    return entity;
  }
}
