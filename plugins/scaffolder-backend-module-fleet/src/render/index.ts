export { renderValues } from './renderValues';
export {
  renderBackupCronJobs,
  buildBackupObjects,
} from './renderBackupCronJobs';
export { renderRunbook } from './renderRunbook';
export { renderCollectStatus, COLLECTOR_VERSION } from './renderCollectStatus';
export { buildEntities } from './buildEntities';
export { journalLayoutOf } from './journalLayout';
