import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { ChartRelease } from '@fleetdeck/plugin-fleet-common';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { fleetApiRef } from '../../api';

/** The chart whose releases are offered, unless `ui:options.chart` names another. */
const DEFAULT_CHART = 'deepgram-self-hosted';

/** `0.42.0 · release-260812 · 2026-08-13`. */
function describeRelease(release: ChartRelease): string {
  return [release.version, release.appVersion, release.created.slice(0, 10)]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The `ui:options` the `FleetChartVersionPicker` field reads.
 *
 * @public
 */
export type ChartVersionPickerUiOptions = { chart?: string };

/**
 * A scaffolder field that picks a chart version from the releases the fleet backend knows
 * (`GET /api/fleet/releases`), newest first, showing each one's app version and date. The value
 * is the version, e.g. `"0.42.0"`.
 */
export function ChartVersionPicker(
  props: FieldExtensionComponentProps<string, ChartVersionPickerUiOptions>,
) {
  const {
    formData,
    onChange,
    required,
    rawErrors,
    schema,
    uiSchema,
    idSchema,
  } = props;
  const fleetApi = useApi(fleetApiRef);
  const chart = uiSchema?.['ui:options']?.chart ?? DEFAULT_CHART;
  const { value, loading, error } = useAsync(
    () => fleetApi.getReleases(),
    [fleetApi],
  );
  const releases = value?.charts.find(c => c.name === chart)?.releases ?? [];
  const selected = releases.find(r => r.version === formData) ?? null;
  const help =
    error?.message ??
    (!loading && releases.length === 0
      ? `The fleet knows no releases of ${chart}`
      : uiSchema?.['ui:help']);

  return (
    <Autocomplete<ChartRelease>
      id={idSchema?.$id}
      options={releases}
      loading={loading}
      value={selected}
      getOptionLabel={describeRelease}
      isOptionEqualToValue={(option, current) =>
        option.version === current.version
      }
      onChange={(_, release) => onChange(release?.version)}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Chart version'}
          required={required}
          error={(rawErrors?.length ?? 0) > 0 || Boolean(error)}
          helperText={help}
          margin="normal"
        />
      )}
    />
  );
}
