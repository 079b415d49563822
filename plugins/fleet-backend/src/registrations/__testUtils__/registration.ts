import type { RegistrationRequest } from '@fleetdeck/plugin-fleet-common';

/** A realistic fake license key (hex, as keys are); it must never be stored nor echoed. */
export const FAKE_LICENSE_KEY =
  '7c0f3e9a1b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e';

/** A registration as fleet:deployment:register sends it, for a new customer. */
export function registrationRequest(
  name = 'acme-prod',
  taskId = 'task-1',
): RegistrationRequest {
  return {
    taskId,
    customer: {
      apiVersion: 'fleetdeck.io/v1alpha1',
      kind: 'Customer',
      metadata: { name: 'acme', title: 'ACME Corp' },
      spec: { owner: 'group:default/solutions-east', tier: 'enterprise' },
    },
    deployment: {
      apiVersion: 'fleetdeck.io/v1alpha1',
      kind: 'CustomerDeployment',
      metadata: { name },
      spec: {
        customer: 'acme',
        owner: 'group:default/solutions-east',
        lifecycle: 'production',
        profile: 'airgapped',
        chart: { name: 'deepgram-self-hosted', version: '0.42.0' },
        cluster: { kubernetesVersion: '1.31', namespace: 'dg-self-hosted' },
        license: {
          id: 'LIC-ACME-7',
          expiresAt: '2027-03-31',
          keySecretRef: 'dg-license-key',
          fileSecretRef: 'dg-license-file',
        },
        billing: {
          mode: 'journal',
          replicas: 2,
          journalStorage: 'ebs',
          returnEvery: 'P30D',
        },
        gpu: {
          resourceName: 'nvidia.com/gpu',
          perEngine: 1,
          engineReplicas: 2,
        },
      },
    },
    artifacts: [
      {
        name: 'values.yaml',
        content:
          "# kubectl create secret generic dg-license-key --from-literal=DEEPGRAM_LICENSE_KEY='<license key>'\nbilling:\n  enabled: true\n",
      },
      { name: 'RUNBOOK.md', content: `# Runbook: ${name}\n` },
      {
        name: 'collect-status.sh',
        content: '#!/bin/sh\nkubectl get nodes\n',
      },
    ],
  };
}
