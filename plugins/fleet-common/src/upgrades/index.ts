export * from './types';
export { backupCronJobName, backupNowCommand } from './backupJob';
export {
  dottedValuesKeys,
  isEnabled,
  isValueSet,
  parseValuesDocument,
  valueAt,
} from './valuesDocument';
