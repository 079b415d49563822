import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type {
  CustomerDeploymentEntity,
  DeploymentStatus,
} from '@fleetdeck/plugin-fleet-common';
import { DeploymentStatusCardFrame } from '../shared/DeploymentCardFrame';
import { GpuStatusLabel } from '../status';
import { GpuCapacityBars } from './GpuCapacityBars';
import { GpuFitSummary } from './GpuFitSummary';
import { GpuNodeFitTable } from './GpuNodeFitTable';
import { GpuNodeTable } from './GpuNodeTable';
import { GpuSizing } from './GpuSizing';
import {
  describeGpuSource,
  describeWaitingPod,
  gpuAdvice,
} from './describeGpu';
import { describePodDemand } from './describeGpuFit';

const TITLE = 'GPU capacity';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mt: 3 }}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function TextList(props: { items: string[] }) {
  return (
    <Box component="ul" sx={{ m: 0, pl: 3 }}>
      {props.items.map(item => (
        <li key={item}>
          <Typography variant="body2" component="span">
            {item}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

function GpuDetails(props: {
  status: DeploymentStatus;
  entity: CustomerDeploymentEntity;
  now: Date;
}) {
  const { status, entity, now } = props;
  const signal = status.gpu;
  const source = describeGpuSource(signal, now);
  const advice = gpuAdvice(signal, {
    profile: entity.spec.profile,
    perEngine: entity.spec.gpu?.perEngine,
  });
  const { fit, sizing } = signal;
  const pending = signal.pendingPods ?? [];
  // A status judged before node-level fit, or one without a fit, still lists its nodes.
  let nodeTable: ReactNode = null;
  if (fit && fit.nodes.length > 0) {
    nodeTable = <GpuNodeFitTable fit={fit} observed={signal.nodes} />;
  } else if (signal.nodes && signal.nodes.length > 0) {
    nodeTable = <GpuNodeTable nodes={signal.nodes} />;
  }
  return (
    <>
      <GpuStatusLabel signal={signal} />
      {signal.reason ? (
        <Typography variant="body2" component="p" sx={{ mt: 1 }}>
          {signal.reason}
        </Typography>
      ) : null}
      {fit ? <GpuFitSummary fit={fit} /> : null}
      <Typography
        variant="body2"
        color="text.secondary"
        component="p"
        sx={{ mt: 1 }}
      >
        {source ? `Source: ${source}` : 'Source: nothing observed yet'}
        {signal.driverVersion
          ? ` · lowest NVIDIA driver ${signal.driverVersion}`
          : ''}
      </Typography>
      {advice ? (
        <Alert
          severity={signal.status === 'unknown' ? 'info' : 'warning'}
          sx={{ mt: 2 }}
        >
          <strong>What to do: </strong>
          {advice}
        </Alert>
      ) : null}
      {sizing ? (
        <Section title="Sized for the load">
          <GpuSizing sizing={sizing} />
        </Section>
      ) : null}
      {fit && fit.unplaced.length > 0 ? (
        <Section title="Pods that fit on no node">
          <TextList items={fit.unplaced.map(describePodDemand)} />
        </Section>
      ) : null}
      {signal.models.length > 0 || signal.allocatable !== undefined ? (
        <Section title="Allocatable, requested and needed">
          <GpuCapacityBars signal={signal} />
        </Section>
      ) : null}
      {nodeTable ? <Section title="GPU nodes">{nodeTable}</Section> : null}
      {pending.length > 0 ? (
        <Section title="Pods waiting for GPUs">
          <TextList items={pending.map(describeWaitingPod)} />
        </Section>
      ) : null}
    </>
  );
}

/**
 * A CustomerDeployment's GPU capacity, from its live cluster (task `fleet-gpu-snapshot`) or
 * its latest status report: status and why, how many more engine pods fit now and what one
 * asks for, the expected load against the sizing table, pods that fit on no node,
 * allocatable vs requested vs needed per GPU model (bars with the figures beside them), the
 * GPU nodes as the packing saw them, pods waiting for GPUs, where the data came from and how
 * old it is, and what to do when it is not `ok`.
 */
export function GpuCard(props: { now?: Date } = {}) {
  return (
    <DeploymentStatusCardFrame title={TITLE}>
      {(status, entity) => (
        <GpuDetails
          status={status}
          entity={entity}
          now={props.now ?? new Date()}
        />
      )}
    </DeploymentStatusCardFrame>
  );
}
