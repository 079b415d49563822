/**
 * The `apiVersion` of Fleetdeck's catalog kinds.
 *
 * @public
 */
export const FLEET_API_VERSION = 'fleetdeck.io/v1alpha1';

/** @public */
export const CUSTOMER_KIND = 'Customer';

/** @public */
export const CUSTOMER_DEPLOYMENT_KIND = 'CustomerDeployment';

/**
 * How a deployment reaches the vendor: run next to the vendor's SaaS, on-prem with network
 * access, or fully air-gapped (no network; billing journals come back as files).
 *
 * @public
 */
export const DEPLOYMENT_PROFILES = ['saas', 'connected', 'airgapped'] as const;

/** @public */
export type DeploymentProfile = (typeof DEPLOYMENT_PROFILES)[number];

/** @public */
export const BILLING_MODES = ['journal', 'license-server', 'metered'] as const;

/** @public */
export type BillingMode = (typeof BILLING_MODES)[number];

/**
 * Where billing replicas keep their journals, matching the chart's PVC choice: per-pod EBS
 * claims (`journal-deepgram-billing-N`), one shared EFS volume, or a customer-provided claim.
 *
 * @public
 */
export const JOURNAL_STORAGES = ['ebs', 'efs', 'existing-pvc'] as const;

/** @public */
export type JournalStorage = (typeof JOURNAL_STORAGES)[number];

/** @public */
export const CUSTOMER_TIERS = ['strategic', 'enterprise', 'standard'] as const;

/** @public */
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];
