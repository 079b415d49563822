import type { Entity, EntityRelation } from '@backstage/catalog-model';
import type {
  CustomerDeploymentEntity,
  CustomerDeploymentSpec,
  CustomerEntity,
  CustomerSpec,
} from '@fleetdeck/plugin-fleet-common';

/** A calendar date `days` from today (UTC), as `YYYY-MM-DD`. */
export function isoDateFromToday(days: number): string {
  const now = new Date();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days),
  )
    .toISOString()
    .slice(0, 10);
}

/** The air-gapped `acme-prod` of the design, with overrides. */
export function deploymentEntity(
  options: {
    name?: string;
    namespace?: string;
    spec?: Partial<CustomerDeploymentSpec>;
    relations?: EntityRelation[];
  } = {},
): CustomerDeploymentEntity {
  return {
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: 'CustomerDeployment',
    metadata: {
      name: options.name ?? 'acme-prod',
      namespace: options.namespace ?? 'default',
    },
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
      ...options.spec,
    },
    ...(options.relations && { relations: options.relations }),
  };
}

/** The customer `acme`, with overrides. */
export function customerEntity(
  options: {
    name?: string;
    spec?: Partial<CustomerSpec>;
    relations?: EntityRelation[];
  } = {},
): CustomerEntity {
  return {
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: 'Customer',
    metadata: { name: options.name ?? 'acme', namespace: 'default' },
    spec: {
      owner: 'group:default/solutions-east',
      tier: 'strategic',
      region: 'us-east',
      ...options.spec,
    },
    ...(options.relations && { relations: options.relations }),
  };
}

/** An ordinary Component, for cards placed on the wrong kind of entity. */
export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'speech-api', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};
