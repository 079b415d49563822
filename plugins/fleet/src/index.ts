/**
 * Fleetdeck's frontend: the fleet page, entity cards, a "Fleet" tab, an "Upgrade" tab (plan, values,
 * update bundles, backups) and a "Journals" tab (journal upload and history) for customers and
 * their deployments, and the client of the fleet backend.
 *
 * This entry point serves apps on the legacy frontend system; apps on the new frontend system
 * install `@fleetdeck/plugin-fleet/alpha`.
 *
 * @packageDocumentation
 */

export {
  fleetPlugin,
  FleetPage,
  EntityDeploymentOverviewCard,
  EntityDeploymentStatusCard,
  EntityLicenseCard,
  EntityArtifactsCard,
  FleetChartVersionPickerFieldExtension,
  FleetGpuSizingFieldExtension,
  EntityUpgradeReadinessCard,
  EntityJournalCard,
  EntityGpuCard,
  EntityJournalsContent,
  EntityFleetContent,
  EntityUpgradeContent,
  EntityCustomerOverviewCard,
  EntityCustomerDeploymentsCard,
} from './plugin';
export { fleetApiRef, FleetClient } from './api';
export type {
  BundleVerificationUploadResponse,
  FleetApi,
  HandOutBundleOptions,
  GetDeploymentOptions,
  JournalDownload,
  ListJournalsOptions,
  UpgradePlanOptions,
  UploadJournalOptions,
} from './api';
export { isJournalBillingDeployment } from './predicates';
export type { ChartVersionPickerUiOptions } from './components/ChartVersionPicker';
export type {
  GpuSizingAnswer,
  GpuSizingFieldUiOptions,
} from './components/GpuSizingField';

// Entity predicates for `EntitySwitch.Case` in legacy apps, re-exported (both `@public` in
// `@fleetdeck/plugin-fleet-common`) so that an app needs only this package.
export {
  isCustomerDeploymentEntity,
  isCustomerEntity,
} from '@fleetdeck/plugin-fleet-common';
