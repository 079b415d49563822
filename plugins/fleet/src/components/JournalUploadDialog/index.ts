export { JournalUploadDialog } from './JournalUploadDialog';
