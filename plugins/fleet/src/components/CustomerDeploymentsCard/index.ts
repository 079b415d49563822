export { CustomerDeploymentsCard } from './CustomerDeploymentsCard';
