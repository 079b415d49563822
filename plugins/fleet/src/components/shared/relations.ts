import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  CUSTOMER_KIND,
} from '@fleetdeck/plugin-fleet-common';

/**
 * The entity a relation of `type` points at, else the ref written in the spec resolved the way
 * the catalog processor resolves it (default kind, the entity's own namespace). The relation
 * wins because it is what the catalog actually linked; the spec is the fallback for an entity
 * not yet stitched. Undefined when neither gives a valid ref.
 */
function relatedOrDeclared(
  entity: Entity,
  relation: { type: string; kind?: string },
  defaultKind: string,
  declared: unknown,
): CompoundEntityRef | undefined {
  const [related] = getEntityRelations(
    entity,
    relation.type,
    relation.kind ? { kind: relation.kind } : undefined,
  );
  if (related) {
    return related;
  }
  if (typeof declared !== 'string' || declared.length === 0) {
    return undefined;
  }
  try {
    return parseEntityRef(declared, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
  } catch {
    // A malformed ref in the spec: there is nothing to link to, and the caller shows the
    // text as written.
    return undefined;
  }
}

/** The Customer a deployment is `partOf`. */
export function customerRefOf(entity: Entity): CompoundEntityRef | undefined {
  return relatedOrDeclared(
    entity,
    { type: RELATION_PART_OF, kind: CUSTOMER_KIND },
    CUSTOMER_KIND,
    entity.spec?.customer,
  );
}

/** The owner (normally a Group) of a Customer or CustomerDeployment. */
export function ownerRefOf(entity: Entity): CompoundEntityRef | undefined {
  return relatedOrDeclared(
    entity,
    { type: RELATION_OWNED_BY },
    'Group',
    entity.spec?.owner,
  );
}

/** The CustomerDeployments a Customer `hasPart`, as the catalog linked them. */
export function deploymentRefsOf(entity: Entity): CompoundEntityRef[] {
  return getEntityRelations(entity, RELATION_HAS_PART, {
    kind: CUSTOMER_DEPLOYMENT_KIND,
  });
}
