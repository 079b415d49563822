export { JournalsContent } from './JournalsContent';
