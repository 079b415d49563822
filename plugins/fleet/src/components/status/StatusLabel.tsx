import { ComponentType, PropsWithChildren, ReactNode } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  CheckOutcome,
  DeploymentHealth,
  GpuSignal,
  JournalSignal,
  LicenseSignal,
  UpgradeSignal,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import {
  describeGpuSignal,
  describeJournalSignal,
  describeLicenseSignal,
  describeUpgradeSignal,
  journalTone,
  StatusKind,
  StatusOf,
  StatusTone,
  statusTone,
  statusWord,
} from './describeStatus';

const ICONS: Record<StatusTone, ComponentType<PropsWithChildren<{}>>> = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  pending: StatusPending,
  neutral: StatusAborted,
};

/**
 * Core's status icon for a tone. It is hidden from assistive technology (core marks it
 * `aria-hidden`), so it must always stand next to words.
 */
export function StatusIcon(props: { tone: StatusTone }) {
  const Icon = ICONS[props.tone];
  return <Icon />;
}

/**
 * A status as icon + word (+ detail), never by colour alone. The icon is core's status icon,
 * which core hides from assistive technology, so the word and the detail are rendered beside
 * it rather than inside it: a screen reader hears "Expiring · expires in 12 days".
 */
export function StatusLabel<K extends StatusKind>(props: {
  kind: K;
  status: StatusOf[K];
  detail?: ReactNode;
  /** For table cells: the detail goes under the word, cut to two lines (full text on hover). */
  compact?: boolean;
  /** The tone when the signal says more than its status (a journal's `health`). */
  tone?: StatusTone;
}) {
  const { kind, status, detail, compact } = props;
  const tone = props.tone ?? statusTone(kind, status);
  if (compact) {
    return (
      <Box
        component="span"
        data-status={status}
        data-tone={tone}
        sx={{ display: 'block', minWidth: 120 }}
      >
        <Box
          component="span"
          sx={{
            display: 'inline-flex',
            alignItems: 'baseline',
            whiteSpace: 'nowrap',
          }}
        >
          <StatusIcon tone={tone} />
          <Typography component="span" variant="body2" fontWeight="medium">
            {statusWord(status)}
          </Typography>
        </Box>
        {detail ? (
          <Typography
            component="span"
            variant="caption"
            color="text.secondary"
            title={typeof detail === 'string' ? detail : undefined}
            sx={{
              display: '-webkit-box',
              WebkitLineClamp: 2,
              WebkitBoxOrient: 'vertical',
              overflow: 'hidden',
            }}
          >
            {detail}
          </Typography>
        ) : null}
      </Box>
    );
  }
  return (
    <Box
      component="span"
      data-status={status}
      data-tone={tone}
      sx={{
        display: 'inline-flex',
        alignItems: 'baseline',
        flexWrap: 'wrap',
        columnGap: 0.5,
      }}
    >
      <StatusIcon tone={tone} />
      <Typography component="span" variant="body2" fontWeight="medium">
        {statusWord(status)}
      </Typography>
      {detail ? (
        <Typography component="span" variant="body2" color="text.secondary">
          · {detail}
        </Typography>
      ) : null}
    </Box>
  );
}

type SignalLabelProps<T> = {
  signal: T;
  /** Show the detail beside the word (default true). */
  detail?: boolean;
  /** Lay out for a table cell (see StatusLabel). */
  compact?: boolean;
};

/** A deployment's overall health: OK, Warning, Critical or Unknown. */
export function HealthStatusLabel(props: { health: DeploymentHealth }) {
  return <StatusLabel kind="health" status={props.health} />;
}

/** License status with `expires in 12 days`, `expired 9 days ago`, … */
export function LicenseStatusLabel(props: SignalLabelProps<LicenseSignal>) {
  const { signal, detail = true, compact } = props;
  return (
    <StatusLabel
      kind="license"
      status={signal.status}
      compact={compact}
      detail={detail ? describeLicenseSignal(signal) : undefined}
    />
  );
}

/** Journal status with `2 of 3 replicas returned · last received 3 days ago`, … */
export function JournalStatusLabel(
  props: SignalLabelProps<JournalSignal> & { now?: Date },
) {
  const { signal, detail = true, compact, now = new Date() } = props;
  return (
    <StatusLabel
      kind="journal"
      status={signal.status}
      tone={journalTone(signal)}
      compact={compact}
      detail={detail ? describeJournalSignal(signal, now) : undefined}
    />
  );
}

/** GPU status with `6 allocatable · 4 requested · 6 needed`, or why it is unknown. */
export function GpuStatusLabel(props: SignalLabelProps<GpuSignal>) {
  const { signal, detail = true, compact } = props;
  return (
    <StatusLabel
      kind="gpu"
      status={signal.status}
      compact={compact}
      detail={detail ? describeGpuSignal(signal) : undefined}
    />
  );
}

/** Upgrade status with `3 releases / 120 days behind → 0.42.0`, … */
export function UpgradeStatusLabel(props: SignalLabelProps<UpgradeSignal>) {
  const { signal, detail = true, compact } = props;
  return (
    <StatusLabel
      kind="upgrade"
      status={signal.status}
      compact={compact}
      detail={detail ? describeUpgradeSignal(signal) : undefined}
    />
  );
}

/** An upgrade check's outcome: Pass, Warn, Fail or Unknown. */
export function CheckOutcomeLabel(props: { outcome: CheckOutcome }) {
  return <StatusLabel kind="check" status={props.outcome} />;
}
