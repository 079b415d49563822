import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { GpuModelSignal, GpuSignal } from '@fleetdeck/plugin-fleet-common';

/**
 * One bar: how much of `allocatable` is `requested`, with `needed` as a marker. The figures are
 * written beside it, so the bar is never the only way to read them (colour or not).
 */
function CapacityBar(props: {
  label: string;
  allocatable: number;
  requested: number;
  needed?: number;
}) {
  const { label, allocatable, requested, needed } = props;
  const scale = Math.max(allocatable, requested, needed ?? 0, 1);
  const percent = (value: number) => `${Math.min(100, (value / scale) * 100)}%`;
  const figures = [
    `${requested} requested`,
    `${allocatable} allocatable`,
    ...(needed !== undefined ? [`${needed} needed`] : []),
  ].join(' · ');
  return (
    <Box sx={{ mb: 1.5 }}>
      <Box
        sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}
        component="div"
      >
        <Typography variant="body2" component="span">
          {label}
        </Typography>
        <Typography variant="body2" component="span" color="text.secondary">
          {figures}
        </Typography>
      </Box>
      <Box
        role="meter"
        aria-label={`${label}: ${figures}`}
        aria-valuemin={0}
        aria-valuemax={allocatable}
        aria-valuenow={requested}
        sx={{
          position: 'relative',
          height: 10,
          borderRadius: 1,
          border: 1,
          borderColor: 'divider',
          bgcolor: 'action.hover',
          overflow: 'hidden',
        }}
      >
        <Box
          sx={{
            position: 'absolute',
            inset: 0,
            width: percent(allocatable),
            bgcolor: 'action.selected',
          }}
        />
        <Box
          sx={{
            position: 'absolute',
            inset: 0,
            width: percent(requested),
            bgcolor: 'primary.main',
          }}
        />
        {needed !== undefined ? (
          <Box
            sx={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: percent(needed),
              width: 2,
              ml: '-1px',
              bgcolor: 'text.primary',
            }}
          />
        ) : null}
      </Box>
    </Box>
  );
}

const shortResource = (resource: string) =>
  resource === 'nvidia.com/gpu' ? 'GPU' : resource.replace('nvidia.com/', '');

/**
 * Allocatable vs requested per GPU model and resource, and for the deployment's own resource
 * the total with what it needs.
 */
export function GpuCapacityBars(props: { signal: GpuSignal }) {
  const { signal } = props;
  const models: GpuModelSignal[] = signal.models ?? [];
  return (
    <Box>
      {signal.allocatable !== undefined && signal.requested !== undefined ? (
        <CapacityBar
          label={`All schedulable nodes, ${
            signal.resourceName ?? 'deployment resource'
          }`}
          allocatable={signal.allocatable}
          requested={signal.requested}
          needed={signal.required}
        />
      ) : null}
      {models.map(model => (
        <CapacityBar
          key={`${model.product} ${model.resourceName}`}
          label={`${model.product} (${shortResource(model.resourceName)})`}
          allocatable={model.allocatable}
          requested={model.requested}
        />
      ))}
    </Box>
  );
}
