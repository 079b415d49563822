import type { RegistrationRequest } from '@fleetdeck/plugin-fleet-common';
import {
  customerDeploymentEntity,
  customerEntity,
} from '@fleetdeck/plugin-fleet-common/testUtils';

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
    customer: customerEntity({
      metadata: { name: 'acme', title: 'ACME Corp' },
      spec: { tier: 'enterprise' },
    }),
    deployment: customerDeploymentEntity({
      metadata: { name },
      spec: {
        chart: { name: 'deepgram-self-hosted', version: '0.42.0' },
        billing: {
          mode: 'journal',
          replicas: 2,
          journalStorage: 'ebs',
          returnEvery: 'P30D',
        },
      },
    }),
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
