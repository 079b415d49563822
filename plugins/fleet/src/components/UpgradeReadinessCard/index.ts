export { UpgradeReadinessCard } from './UpgradeReadinessCard';
