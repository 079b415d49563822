export { fleetApiRef } from './FleetApi';
export type {
  BundleVerificationUploadResponse,
  FleetApi,
  HandOutBundleOptions,
  GetDeploymentOptions,
  JournalDownload,
  ListJournalsOptions,
  UpgradePlanOptions,
  UploadJournalOptions,
} from './FleetApi';
export { FleetClient } from './FleetClient';
