export { JournalCard } from './JournalCard';
