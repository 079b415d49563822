import type { Entity } from '@backstage/catalog-model';
import { customerDeploymentEntity } from '@fleetdeck/plugin-fleet-common/testUtils';

/** An air-gapped deployment whose one billing replica keeps a journal. */
export const DEPLOYMENT: Entity = customerDeploymentEntity({
  metadata: { name: 'acme-prod', namespace: 'default' },
  spec: {
    license: {
      id: 'LIC-ACME-7',
      expiresAt: '2099-03-31',
      keySecretRef: 'dg-license-key',
      fileSecretRef: 'dg-license-file',
    },
    billing: {
      mode: 'journal',
      replicas: 1,
      journalStorage: 'ebs',
      returnEvery: 'P30D',
    },
  },
});
