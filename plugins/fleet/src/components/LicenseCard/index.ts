export { LicenseCard } from './LicenseCard';
