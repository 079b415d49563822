export { fleetApiRef } from './FleetApi';
export type { FleetApi, GetDeploymentOptions } from './FleetApi';
export { FleetClient } from './FleetClient';
