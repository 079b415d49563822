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
import { GpuNodeTable } from './GpuNodeTable';
import { describeGpuSource, gpuAdvice } from './describeGpu';

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
  const pending = signal.pendingPods ?? [];
  return (
    <>
      <GpuStatusLabel signal={signal} />
      {signal.reason ? (
        <Typography variant="body2" component="p" sx={{ mt: 1 }}>
          {signal.reason}
        </Typography>
      ) : null}
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
      {signal.models.length > 0 || signal.allocatable !== undefined ? (
        <Section title="Allocatable, requested and needed">
          <GpuCapacityBars signal={signal} />
        </Section>
      ) : null}
      {signal.nodes && signal.nodes.length > 0 ? (
        <Section title="GPU nodes">
          <GpuNodeTable nodes={signal.nodes} />
        </Section>
      ) : null}
      {pending.length > 0 ? (
        <Section title="Pods waiting for GPUs">
          <Box component="ul" sx={{ m: 0, pl: 3 }}>
            {pending.map(pod => (
              <li key={pod.name}>
                <Typography variant="body2" component="span">
                  {pod.name} asks for{' '}
                  {Object.entries(pod.requests)
                    .map(([resource, count]) => `${count} ${resource}`)
                    .join(', ')}
                  {pod.message ? ` — ${pod.message}` : ''}
                </Typography>
              </li>
            ))}
          </Box>
        </Section>
      ) : null}
    </>
  );
}

/**
 * A CustomerDeployment's GPU capacity, from its live cluster (task `fleet-gpu-snapshot`) or
 * its latest status report: status and why, allocatable vs requested vs needed per GPU model
 * (bars with the figures beside them), the GPU nodes, pods waiting for GPUs, where the data
 * came from and how old it is, and what to do when it is not `ok`.
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
