import {
  CUSTOMER_DEPLOYMENT_KIND,
  CUSTOMER_KIND,
  FLEET_API_VERSION,
  type CustomerDeploymentEntity,
  type CustomerEntity,
} from '@fleetdeck/plugin-fleet-common';
import type { OnboardingAnswers } from '../answers/schema';

/**
 * The catalog entities of a new deployment: the CustomerDeployment, and the Customer when it is
 * new. Secret names, license id and dates only.
 *
 * @public
 */
export function buildEntities(a: OnboardingAnswers): {
  customer?: CustomerEntity;
  deployment: CustomerDeploymentEntity;
} {
  const deployment: CustomerDeploymentEntity = {
    apiVersion: FLEET_API_VERSION,
    kind: CUSTOMER_DEPLOYMENT_KIND,
    metadata: {
      name: a.deployment.name,
      description: `${a.customer.title ?? a.customer.name} ${
        a.deployment.lifecycle
      } (${a.profile}, ${a.cloud}), onboarded through the portal`,
      ...(a.profile === 'connected'
        ? { annotations: { 'backstage.io/kubernetes-id': a.deployment.name } }
        : {}),
    },
    spec: {
      customer: a.customer.name,
      owner: a.owner,
      lifecycle: a.deployment.lifecycle,
      profile: a.profile,
      chart: { name: a.chart.name, version: a.chart.version },
      cluster: {
        kubernetesVersion: a.deployment.kubernetesVersion,
        namespace: a.deployment.namespace,
      },
      license: {
        id: a.license.id,
        expiresAt: a.license.expiresAt,
        ...(a.billing.journals
          ? {
              keySecretRef: a.secrets.licenseKey,
              fileSecretRef: a.secrets.licenseFile,
            }
          : {}),
      },
      billing: a.billing.journals
        ? {
            mode: 'journal',
            replicas: a.billing.replicas,
            journalStorage: a.billing.journalStorage,
            ...(a.billing.journalStorage === 'existing-pvc'
              ? { existingPvcName: a.billing.existingPvcName }
              : {}),
            returnEvery: a.billing.returnEvery,
          }
        : { mode: 'license-server' },
      gpu: {
        resourceName: a.gpu.resourceName,
        perEngine: a.gpu.perEngine,
        engineReplicas: a.gpu.engineReplicas,
        ...(a.gpu.engineMemoryGiB !== undefined && {
          engineMemoryGiB: a.gpu.engineMemoryGiB,
        }),
        ...(a.gpu.expectedStreams !== undefined && {
          expectedStreams: a.gpu.expectedStreams,
        }),
      },
      ...(a.databases.length > 0 && {
        // Readiness asks for a recent backup of each before a release that migrates it.
        databases: a.databases.map(db => ({
          name: db.name,
          engine: 'postgresql' as const,
          host: db.host,
          ...(db.port !== undefined && { port: db.port }),
          database: db.database,
          credentialsSecretRef: db.credentialsSecretRef,
        })),
      }),
    },
  };
  if (!a.customer.isNew) {
    return { deployment };
  }
  const customer: CustomerEntity = {
    apiVersion: FLEET_API_VERSION,
    kind: CUSTOMER_KIND,
    metadata: {
      name: a.customer.name,
      ...(a.customer.title ? { title: a.customer.title } : {}),
    },
    spec: {
      owner: a.owner,
      tier: a.customer.tier ?? 'standard',
      ...(a.customer.region ? { region: a.customer.region } : {}),
    },
  };
  return { customer, deployment };
}
