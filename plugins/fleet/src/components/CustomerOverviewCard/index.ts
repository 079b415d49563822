export { CustomerOverviewCard } from './CustomerOverviewCard';
