export { UpgradeContent } from './UpgradeContent';
