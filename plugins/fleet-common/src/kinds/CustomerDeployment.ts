import type { Entity } from '@backstage/catalog-model';
import {
  BillingMode,
  CUSTOMER_DEPLOYMENT_KIND,
  DeploymentProfile,
  FLEET_API_VERSION,
  JournalStorage,
} from './constants';

/**
 * One installation (production, staging, DR…) of the product by one customer.
 *
 * Static, desired facts only; what is observed (journals, status reports, cluster snapshots)
 * lives in the fleet database.
 *
 * @public
 */
export interface CustomerDeploymentEntity extends Entity {
  apiVersion: typeof FLEET_API_VERSION;
  kind: typeof CUSTOMER_DEPLOYMENT_KIND;
  spec: CustomerDeploymentSpec;
}

/** @public */
export type CustomerDeploymentSpec = {
  /** The Customer entity this deployment belongs to (a name or an entity ref). */
  customer: string;
  /** The Group that answers for this deployment (an entity ref). */
  owner: string;
  lifecycle: string;
  profile: DeploymentProfile;
  chart: {
    name: string;
    /** The chart version installed now. */
    version: string;
  };
  cluster: {
    /** The cluster's Kubernetes version, e.g. `1.31` or `v1.29.3-eks-4d1a2`. */
    kubernetesVersion: string;
    namespace: string;
    /** The cluster's name in the Kubernetes plugin's configuration (connected profiles). */
    name?: string;
  };
  license?: DeploymentLicense;
  billing?: DeploymentBilling;
  gpu?: DeploymentGpu;
  /** Stateful components beside billing: databases the product uses, backed up before upgrades. */
  databases?: DeploymentDatabase[];
};

/**
 * A PostgreSQL database the deployment uses (the customer's PostgreSQL or Patroni cluster).
 * Credentials by Secret *name* only.
 *
 * @public
 */
export type DeploymentDatabase = {
  /** The component's name, a Kubernetes name (`transcripts-db`): backups are named after it. */
  name: string;
  engine: 'postgresql';
  host: string;
  /** Default 5432. */
  port?: number;
  /** The database to dump. */
  database: string;
  /** Secret with `PGUSER` and `PGPASSWORD` in the release namespace. */
  credentialsSecretRef: string;
};

/**
 * A license by its id, expiry and the *names* of the Kubernetes Secrets holding it. The key
 * itself never enters the portal.
 *
 * @public
 */
export type DeploymentLicense = {
  id: string;
  /** The last day the license is valid, `YYYY-MM-DD`. */
  expiresAt: string;
  /** Secret holding `DEEPGRAM_LICENSE_KEY` (the chart's `global.deepgramLicenseSecretRef`). */
  keySecretRef?: string;
  /** Secret holding the license file (the chart's `billing.licenseFile.secretRef`). */
  fileSecretRef?: string;
};

/** @public */
export type DeploymentBilling = {
  mode: BillingMode;
  /** Billing StatefulSet replicas; each keeps its own journal. */
  replicas?: number;
  journalStorage?: JournalStorage;
  /** The claim named by the chart's `billing.journal.existingPvcName`. */
  existingPvcName?: string;
  /** How often journals must come back, as an ISO-8601 duration such as `P30D`. */
  returnEvery?: string;
};

/** @public */
export type DeploymentGpu = {
  /** `nvidia.com/gpu`, or a MIG resource such as `nvidia.com/mig-1g.10gb`. */
  resourceName: string;
  /** GPUs each engine pod requests. */
  perEngine: number;
  engineReplicas: number;
  /**
   * GPU memory one engine pod needs, GiB (the onboarding template proposes it from the release
   * policy's sizing table). A GPU, MIG slice or shared GPU with less is not capacity for it.
   */
  engineMemoryGiB?: number;
  /** Concurrent streams (users) expected at peak: the load the sizing table sizes for. */
  expectedStreams?: number;
  /** GPU pods besides the engine, e.g. `agent-text-to-speech` for the voice agent. */
  components?: Array<{ name: string; replicas: number; gpusPerPod: number }>;
};

/**
 * Whether an entity is a Fleetdeck CustomerDeployment. Says nothing about its validity; the
 * catalog only admits valid ones.
 *
 * @public
 */
export function isCustomerDeploymentEntity(
  entity: Entity,
): entity is CustomerDeploymentEntity {
  return (
    entity.apiVersion === FLEET_API_VERSION &&
    entity.kind.toLocaleLowerCase('en-US') ===
      CUSTOMER_DEPLOYMENT_KIND.toLocaleLowerCase('en-US')
  );
}
