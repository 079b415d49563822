import { useEffect, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { RJSFSchema } from '@rjsf/utils';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import {
  describeProposal,
  followsProposal,
  hasNoFigures,
  proposeGpuSizing,
  SIZING_FIGURES,
  type GpuSizingAnswer,
} from './proposal';

/** The chart whose policy sizes the engines, unless `ui:options.chart` names another. */
const DEFAULT_CHART = 'deepgram-self-hosted';
/** The form field holding the chart version, unless `ui:options.chartVersionField` names another. */
const DEFAULT_CHART_VERSION_FIELD = 'chartVersion';

/**
 * The `ui:options` the `FleetGpuSizing` field reads.
 *
 * @public
 */
export type GpuSizingFieldUiOptions = {
  chart?: string;
  chartVersionField?: string;
};

type AnswerKey = keyof GpuSizingAnswer;

/** Each input's title when the template's schema gives none, and whether it is a number. */
const INPUTS: Record<AnswerKey, { title: string; numeric: boolean }> = {
  expectedStreams: { title: 'Expected concurrent streams', numeric: true },
  engineReplicas: { title: 'Engine replicas', numeric: true },
  gpusPerEngine: { title: 'GPUs per engine', numeric: true },
  engineMemoryGiB: { title: 'GPU memory per engine (GiB)', numeric: true },
  cpu: { title: 'CPU per engine', numeric: false },
  memory: { title: 'Memory per engine', numeric: false },
};

function readInput(key: AnswerKey, text: string): string | number | undefined {
  if (text.trim() === '') {
    return undefined;
  }
  return INPUTS[key].numeric ? Number(text) : text.trim();
}

/**
 * A scaffolder field that asks for the expected load (concurrent streams at peak) and proposes
 * the engines for it from the release policy's sizing table at the chosen chart version
 * (`GET /api/fleet/releases`): engine replicas, GPUs per engine, GPU memory, CPU and memory
 * per engine pod. Every figure stays editable; a new load proposes anew, and "Use the
 * proposal" brings back the table's figures after an edit or a change of chart version.
 */
export function GpuSizingField(
  props: FieldExtensionComponentProps<GpuSizingAnswer, GpuSizingFieldUiOptions>,
) {
  const {
    formData,
    onChange,
    required,
    rawErrors,
    errorSchema,
    schema,
    uiSchema,
    idSchema,
    formContext,
  } = props;
  const answer = useMemo(() => formData ?? {}, [formData]);
  const options = uiSchema?.['ui:options'];
  const chart = options?.chart ?? DEFAULT_CHART;
  const version: unknown = (
    formContext as { formData?: Record<string, unknown> } | undefined
  )?.formData?.[options?.chartVersionField ?? DEFAULT_CHART_VERSION_FIELD];
  const fleetApi = useApi(fleetApiRef);
  const releases = useAsync(() => fleetApi.getReleases(), [fleetApi]);
  const policy = releases.value?.charts.find(c => c.name === chart)?.policy;

  const proposalFor = (streams: number | undefined) =>
    typeof version === 'string' && streams !== undefined
      ? proposeGpuSizing(policy, version, streams)
      : undefined;
  const proposal = proposalFor(answer.expectedStreams);

  // A policy read after the load was typed, or a form opened again: fill what is still empty.
  useEffect(() => {
    if (proposal && hasNoFigures(answer)) {
      onChange({ ...answer, ...proposal.figures });
    }
  }, [proposal, answer, onChange]);

  const change = (key: AnswerKey, text: string) => {
    const next = { ...answer, [key]: readInput(key, text) };
    const proposed =
      key === 'expectedStreams' ? proposalFor(next.expectedStreams) : undefined;
    onChange(proposed ? { ...next, ...proposed.figures } : next);
  };

  const propertyOf = (key: AnswerKey): RJSFSchema | undefined => {
    const property = schema.properties?.[key];
    return typeof property === 'object' ? property : undefined;
  };
  const input = (key: AnswerKey) => {
    const errors = errorSchema?.[key]?.__errors ?? [];
    return (
      <TextField
        key={key}
        id={`${idSchema?.$id}_${key}`}
        label={propertyOf(key)?.title ?? INPUTS[key].title}
        type={INPUTS[key].numeric ? 'number' : 'text'}
        value={answer[key] ?? ''}
        onChange={event => change(key, event.target.value)}
        required={(schema.required ?? []).includes(key)}
        error={errors.length > 0}
        helperText={errors[0] ?? propertyOf(key)?.description}
        margin="dense"
      />
    );
  };

  let status: string;
  if (releases.error) {
    status = `The release policy could not be read: ${releases.error.message}`;
  } else if (typeof version !== 'string' || version === '') {
    status = 'Pick the chart version for a proposal from its sizing table.';
  } else if (releases.loading) {
    status = 'Reading the release policy…';
  } else if (answer.expectedStreams === undefined) {
    status = `Enter the load: chart ${version}'s sizing table proposes the engines for it.`;
  } else if (!proposal) {
    status = `The release policy has no sizing for chart ${version}: enter the figures.`;
  } else {
    status = describeProposal(proposal);
  }
  const overridden = proposal && !followsProposal(answer, proposal);

  return (
    <Box
      component="fieldset"
      sx={{ border: 0, p: 0, m: 0 }}
      aria-describedby={`${idSchema?.$id}_proposal`}
    >
      <Typography component="legend" variant="subtitle1">
        {schema.title ?? 'Load and engines'}
        {required ? ' *' : ''}
      </Typography>
      {input('expectedStreams')}
      <Typography
        id={`${idSchema?.$id}_proposal`}
        variant="body2"
        color={releases.error ? 'error' : 'text.secondary'}
        role="status"
        sx={{ my: 1 }}
      >
        {status}
        {proposal?.tier.note ? ` (${proposal.tier.note})` : ''}
      </Typography>
      {overridden && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography variant="body2">
            Your figures differ from the proposal.
          </Typography>
          <Button
            size="small"
            onClick={() => onChange({ ...answer, ...proposal.figures })}
          >
            Use the proposal
          </Button>
        </Box>
      )}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
          columnGap: 2,
        }}
      >
        {SIZING_FIGURES.map(input)}
      </Box>
      {(rawErrors ?? []).map(error => (
        <Typography key={error} variant="body2" color="error">
          {error}
        </Typography>
      ))}
    </Box>
  );
}
