export {
  DEFAULT_UPGRADE_WINDOW_DAYS,
  ESSENTIAL_UPGRADE_CHECKS,
  UPGRADE_CHECK_TITLES,
  evaluateUpgrade,
  type UpgradeEvaluationOptions,
} from './evaluateUpgrade';
export { UPGRADE_BACKUP_MAX_AGE_HOURS } from './backup';
