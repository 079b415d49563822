import type { Entity } from '@backstage/catalog-model';

/** An air-gapped deployment whose one billing replica keeps a journal. */
export const DEPLOYMENT: Entity = {
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'CustomerDeployment',
  metadata: { name: 'acme-prod', namespace: 'default' },
  spec: {
    customer: 'acme',
    owner: 'group:default/solutions-east',
    lifecycle: 'production',
    profile: 'airgapped',
    chart: { name: 'deepgram-self-hosted', version: '0.40.2' },
    cluster: { kubernetesVersion: '1.31', namespace: 'dg-self-hosted' },
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
    gpu: { resourceName: 'nvidia.com/gpu', perEngine: 1, engineReplicas: 2 },
  },
};
