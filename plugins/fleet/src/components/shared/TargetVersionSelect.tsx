import { useId, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ChartRelease,
  compareChartVersions,
  ReleasesResponse,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import { formatTimestamp } from './fleetStatus';

/** Releases of `chart` newer than `installed`, newest first. */
export function newerReleases(
  releases: ReleasesResponse | undefined,
  chart: string,
  installed: string,
): ChartRelease[] {
  const entry = releases?.charts.find(candidate => candidate.name === chart);
  return (entry?.releases ?? [])
    .filter(release => compareChartVersions(release.version, installed) > 0)
    .sort((a, b) => compareChartVersions(b.version, a.version));
}

/**
 * A picker of the chart version to upgrade to, among the releases the fleet knows that are newer
 * than the installed one, newest first, the latest marked. Says so when there is none to pick or
 * the releases could not be read. The readiness card and the upgrade plan pick their target here.
 */
export function TargetVersionSelect(props: {
  chart: string;
  installed: string;
  /** The newest release, as the backend judged it; the index's newest when absent. */
  latest?: string;
  value: string | undefined;
  onChange: (target: string) => void;
}) {
  const { chart, installed, latest, value, onChange } = props;
  const fleetApi = useApi(fleetApiRef);
  const labelId = useId();
  const releases = useAsync(() => fleetApi.getReleases(), [fleetApi]);
  const newer = useMemo(
    () => newerReleases(releases.value, chart, installed),
    [releases.value, chart, installed],
  );
  // The backend may have evaluated a target the index does not list; keep it selectable.
  const options =
    value && !newer.some(release => release.version === value)
      ? [{ version: value, created: '' }, ...newer]
      : newer;

  if (releases.loading) {
    return <Progress />;
  }
  if (releases.error) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        The chart releases could not be read ({releases.error.message}), so no
        other target can be chosen.
      </Typography>
    );
  }
  if (options.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        No release of {chart} is newer than {installed}.
      </Typography>
    );
  }
  const newest = latest ?? newer[0]?.version;
  return (
    <Box sx={{ mt: 2 }}>
      <FormControl size="small" sx={{ minWidth: 240 }}>
        <InputLabel id={labelId}>Target version</InputLabel>
        <Select
          labelId={labelId}
          label="Target version"
          value={value ?? ''}
          onChange={event => onChange(String(event.target.value))}
        >
          {options.map(release => (
            <MenuItem key={release.version} value={release.version}>
              {release.version}
              {release.version === newest ? ' (latest)' : ''}
              {release.created ? ` · ${release.created.slice(0, 10)}` : ''}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {releases.value?.error ? (
        <Typography
          variant="caption"
          color="text.secondary"
          component="p"
          sx={{ mt: 1 }}
        >
          The release index could not be read again ({releases.value.error});
          these releases are from the copy read
          {releases.value.readAt
            ? ` at ${formatTimestamp(releases.value.readAt)}`
            : ' earlier'}
          .
        </Typography>
      ) : null}
    </Box>
  );
}
