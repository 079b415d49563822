export * from './types';
export {
  backupCronJobName,
  backupNowCommand,
  preUpgradeBackupJobName,
} from './backupJob';
export {
  dottedValuesKeys,
  isEnabled,
  isValueSet,
  parseValuesDocument,
  valueAt,
} from './valuesDocument';
export {
  migrateValues,
  type MigratedValues,
  type ValuesRules,
} from './migrateValues';
export { planUpgrade, type UpgradePlanOptions } from './planUpgrade';
export {
  renderUpgradePlan,
  type RenderUpgradePlanOptions,
} from './renderUpgradePlan';
export { unifiedValuesDiff } from './valuesDiff';
