export { fleetApiRef } from './FleetApi';
export type {
  FleetApi,
  GetDeploymentOptions,
  JournalDownload,
  ListJournalsOptions,
  UploadJournalOptions,
} from './FleetApi';
export { FleetClient } from './FleetClient';
