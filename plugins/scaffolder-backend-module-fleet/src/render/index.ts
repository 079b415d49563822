export { renderValues } from './renderValues';
export {
  renderBackupCronJobs,
  buildBackupObjects,
  type K8sObject,
} from './renderBackupCronJobs';
export { renderRunbook } from './renderRunbook';
export { renderCollectStatus, COLLECTOR_VERSION } from './renderCollectStatus';
export { buildEntities } from './buildEntities';
export {
  journalLayoutOf,
  type JournalLayout,
  type BillingReplica,
} from './journalLayout';
