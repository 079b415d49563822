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
  calendarDaysFrom,
  describeGpuSignal,
  describeJournalSignal,
  describeLicenseSignal,
  describeMoment,
  describeUpgradeSignal,
  journalTone,
  statusTone,
  statusWord,
} from './describeStatus';
export type { StatusKind, StatusOf, StatusTone } from './describeStatus';
