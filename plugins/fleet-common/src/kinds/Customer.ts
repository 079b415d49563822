import type { Entity } from '@backstage/catalog-model';
import { CUSTOMER_KIND, CustomerTier, FLEET_API_VERSION } from './constants';

/**
 * An organisation that runs the product; its deployments are `partOf` it.
 *
 * @public
 */
export interface CustomerEntity extends Entity {
  apiVersion: typeof FLEET_API_VERSION;
  kind: typeof CUSTOMER_KIND;
  spec: CustomerSpec;
}

/** @public */
export type CustomerSpec = {
  /** The account team, a Group entity ref. */
  owner: string;
  tier: CustomerTier;
  region?: string;
};

/** @public */
export function isCustomerEntity(entity: Entity): entity is CustomerEntity {
  return (
    entity.apiVersion === FLEET_API_VERSION &&
    entity.kind.toLocaleLowerCase('en-US') ===
      CUSTOMER_KIND.toLocaleLowerCase('en-US')
  );
}
