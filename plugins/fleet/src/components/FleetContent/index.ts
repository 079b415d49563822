export { FleetContent } from './FleetContent';
