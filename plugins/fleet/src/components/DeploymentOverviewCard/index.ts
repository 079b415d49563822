export { DeploymentOverviewCard } from './DeploymentOverviewCard';
