import {
  CUSTOMER_DEPLOYMENT_KIND,
  CUSTOMER_KIND,
  FLEET_API_VERSION,
} from '@fleetdeck/plugin-fleet-common';

// Entity predicates (compared case-insensitively), the same test as `isCustomerEntity` and
// `isCustomerDeploymentEntity`; an app can replace them through the extension's `filter` config.
export const isDeployment = {
  apiVersion: FLEET_API_VERSION,
  kind: CUSTOMER_DEPLOYMENT_KIND,
};
export const isCustomer = {
  apiVersion: FLEET_API_VERSION,
  kind: CUSTOMER_KIND,
};

// CustomerDeployments that bill by journal: the kind test plus `spec.billing.mode`. Keys of one
// predicate object must all match (an implicit `$all`).
export const isJournalDeployment = {
  ...isDeployment,
  'spec.billing.mode': 'journal',
};
