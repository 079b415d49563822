export {
  CheckOutcomeLabel,
  GpuStatusLabel,
  HealthStatusLabel,
  JournalStatusLabel,
  LicenseStatusLabel,
  StatusIcon,
  StatusLabel,
  UpgradeStatusLabel,
} from './StatusLabel';
export {
  describeGpuSignal,
  describeJournalSignal,
  describeLicenseSignal,
  describeUpgradeSignal,
  journalTone,
  statusTone,
  statusWord,
} from './describeStatus';
export type { StatusKind, StatusOf, StatusTone } from './describeStatus';
