import type { EntityMeta, EntityRelation } from '@backstage/catalog-model';
// The package's own name, not a relative path: the fixtures build on its public API, and the
// API report of this entry point refers to those types rather than copying them.
import {
  CUSTOMER_DEPLOYMENT_KIND,
  CUSTOMER_KIND,
  FLEET_API_VERSION,
  type CustomerDeploymentEntity,
  type CustomerDeploymentSpec,
  type CustomerEntity,
  type CustomerSpec,
} from '@fleetdeck/plugin-fleet-common';

/**
 * What a test changes in a fixture entity: metadata and spec are merged over the fixture's,
 * field by field (a field set to `undefined` leaves it out of validation).
 *
 * @public
 */
export interface FleetEntityOverrides<TSpec> {
  metadata?: Partial<EntityMeta>;
  spec?: Partial<TSpec>;
  relations?: EntityRelation[];
}

/**
 * The air-gapped `acme-prod` of the design — journal billing with three replicas, a license,
 * one GPU per engine — with overrides.
 *
 * @public
 */
export function customerDeploymentEntity(
  overrides: FleetEntityOverrides<CustomerDeploymentSpec> = {},
): CustomerDeploymentEntity {
  return {
    apiVersion: FLEET_API_VERSION,
    kind: CUSTOMER_DEPLOYMENT_KIND,
    metadata: { name: 'acme-prod', ...overrides.metadata },
    spec: {
      customer: 'acme',
      owner: 'group:default/solutions-east',
      lifecycle: 'production',
      profile: 'airgapped',
      chart: { name: 'deepgram-self-hosted', version: '0.40.2' },
      cluster: { kubernetesVersion: '1.31', namespace: 'dg-self-hosted' },
      license: {
        id: 'LIC-ACME-7',
        expiresAt: '2027-03-31',
        keySecretRef: 'dg-license-key',
        fileSecretRef: 'dg-license-file',
      },
      billing: {
        mode: 'journal',
        replicas: 3,
        journalStorage: 'ebs',
        returnEvery: 'P30D',
      },
      gpu: { resourceName: 'nvidia.com/gpu', perEngine: 1, engineReplicas: 2 },
      ...overrides.spec,
    },
    ...(overrides.relations && { relations: overrides.relations }),
  };
}

/**
 * The customer `acme`, a strategic account of `solutions-east`, with overrides.
 *
 * @public
 */
export function customerEntity(
  overrides: FleetEntityOverrides<CustomerSpec> = {},
): CustomerEntity {
  return {
    apiVersion: FLEET_API_VERSION,
    kind: CUSTOMER_KIND,
    metadata: { name: 'acme', ...overrides.metadata },
    spec: {
      owner: 'group:default/solutions-east',
      tier: 'strategic',
      ...overrides.spec,
    },
    ...(overrides.relations && { relations: overrides.relations }),
  };
}
