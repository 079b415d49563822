import type { Entity, EntityRelation } from '@backstage/catalog-model';
import type {
  CustomerDeploymentEntity,
  CustomerDeploymentSpec,
  CustomerEntity,
  CustomerSpec,
} from '@fleetdeck/plugin-fleet-common';
import {
  customerDeploymentEntity,
  customerEntity as acmeCustomerEntity,
} from '@fleetdeck/plugin-fleet-common/testUtils';

/** A calendar date `days` from today (UTC), as `YYYY-MM-DD`. */
export function isoDateFromToday(days: number): string {
  const now = new Date();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days),
  )
    .toISOString()
    .slice(0, 10);
}

/** The air-gapped `acme-prod` of the design, as the catalog serves it, with overrides. */
export function deploymentEntity(
  options: {
    name?: string;
    namespace?: string;
    spec?: Partial<CustomerDeploymentSpec>;
    relations?: EntityRelation[];
  } = {},
): CustomerDeploymentEntity {
  return customerDeploymentEntity({
    metadata: {
      name: options.name ?? 'acme-prod',
      namespace: options.namespace ?? 'default',
    },
    spec: options.spec,
    relations: options.relations,
  });
}

/** The customer `acme`, as the catalog serves it, with overrides. */
export function customerEntity(
  options: {
    name?: string;
    spec?: Partial<CustomerSpec>;
    relations?: EntityRelation[];
  } = {},
): CustomerEntity {
  return acmeCustomerEntity({
    metadata: { name: options.name ?? 'acme', namespace: 'default' },
    spec: { region: 'us-east', ...options.spec },
    relations: options.relations,
  });
}

/** An ordinary Component, for cards placed on the wrong kind of entity. */
export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'speech-api', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};
