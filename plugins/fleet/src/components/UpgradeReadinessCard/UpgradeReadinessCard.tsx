import { useId, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CheckOutcome,
  ChartRelease,
  compareChartVersions,
  CustomerDeploymentEntity,
  ReleasesResponse,
  UpgradeCheck,
  UpgradeSignal,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import { FactList } from '../shared/FactList';
import { DeploymentCardFrame } from '../shared/DeploymentCardFrame';
import { formatTimestamp, StatusInfoCard } from '../shared/fleetStatus';
import { useDeploymentStatus } from '../shared/useDeploymentStatus';
import { plural } from '@fleetdeck/plugin-fleet-common';
import { CheckOutcomeLabel, UpgradeStatusLabel } from '../status';

const TITLE = 'Upgrade readiness';

const OUTCOME_ORDER: Record<CheckOutcome, number> = {
  fail: 0,
  warn: 1,
  unknown: 2,
  pass: 3,
};

/** Checks that need attention first (fail, warn, unknown, pass); otherwise as the backend sent them. */
export function sortChecks(checks: UpgradeCheck[]): UpgradeCheck[] {
  return [...checks].sort(
    (a, b) => (OUTCOME_ORDER[a.outcome] ?? 2) - (OUTCOME_ORDER[b.outcome] ?? 2),
  );
}

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

/** `3 releases · 120 days`, `Not behind`. */
function describeBehind(signal: UpgradeSignal): string {
  if (signal.status === 'up-to-date' || signal.versionsBehind === 0) {
    return 'Not behind';
  }
  const parts = [
    signal.versionsBehind !== undefined &&
      plural(signal.versionsBehind, 'release'),
    signal.daysBehind !== undefined && plural(signal.daysBehind, 'day'),
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' · ') : 'Unknown';
}

/**
 * Whether a CustomerDeployment can move to a newer chart release: status, installed → target,
 * latest, how far behind, and each preflight check with its outcome, message and fix. The SE
 * can pick another target among the newer releases; the checks are then evaluated for it.
 */
export function UpgradeReadinessCard() {
  return (
    <DeploymentCardFrame title={TITLE}>
      {entity => <UpgradeReadiness entity={entity} />}
    </DeploymentCardFrame>
  );
}

function UpgradeReadiness(props: { entity: CustomerDeploymentEntity }) {
  const { entity } = props;
  const [target, setTarget] = useState<string>();
  // While another target is evaluated (or fails), the last status stays on screen.
  const state = useDeploymentStatus(stringifyEntityRef(entity), { target });
  return (
    <StatusInfoCard title={TITLE} entity={entity} state={state}>
      {status => (
        <>
          <UpgradeFacts signal={status.upgrade} />
          <TargetSelector
            chart={entity.spec.chart.name}
            signal={status.upgrade}
            value={target ?? status.upgrade.target}
            onChange={setTarget}
          />
          {state.loading ? <Progress /> : null}
          {state.error ? (
            <ResponseErrorPanel
              title={`Could not evaluate the upgrade to ${target}`}
              error={state.error}
            />
          ) : null}
          <UpgradeChecks
            checks={status.upgrade.checks}
            target={status.upgrade.target}
          />
        </>
      )}
    </StatusInfoCard>
  );
}

function UpgradeFacts(props: { signal: UpgradeSignal }) {
  const { signal } = props;
  return (
    <FactList
      facts={[
        { label: 'Status', value: <UpgradeStatusLabel signal={signal} /> },
        {
          label: 'Installed → target',
          value: `${signal.current} → ${signal.target ?? 'no newer release'}`,
        },
        { label: 'Latest', value: signal.latest ?? 'Unknown' },
        { label: 'Behind', value: describeBehind(signal) },
      ]}
    />
  );
}

function TargetSelector(props: {
  chart: string;
  signal: UpgradeSignal;
  value: string | undefined;
  onChange: (target: string) => void;
}) {
  const { chart, signal, value, onChange } = props;
  const installed = signal.current;
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
        No release of {chart} is newer than {signal.current}.
      </Typography>
    );
  }
  const latest = signal.latest ?? newer[0]?.version;
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
              {release.version === latest ? ' (latest)' : ''}
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

function UpgradeChecks(props: {
  checks: UpgradeCheck[];
  target: string | undefined;
}) {
  const { checks, target } = props;
  if (checks.length === 0) {
    // Without a target (up to date) there is nothing to check.
    return target ? (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        No checks were run for {target}.
      </Typography>
    ) : null;
  }
  return (
    <>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 3 }}>
        Checks
      </Typography>
      <List dense disablePadding aria-label="Upgrade checks">
        {sortChecks(checks).map(check => (
          <ListItem
            key={check.id}
            divider
            disableGutters
            sx={{ display: 'block' }}
          >
            <Box
              sx={{
                display: 'flex',
                flexWrap: 'wrap',
                alignItems: 'baseline',
                columnGap: 1.5,
              }}
            >
              <CheckOutcomeLabel outcome={check.outcome} />
              <Typography variant="subtitle2" component="span">
                {check.title}
              </Typography>
            </Box>
            <Typography variant="body2">{check.message}</Typography>
            {check.fix ? (
              <Typography variant="body2" color="text.secondary">
                Fix: {check.fix}
              </Typography>
            ) : null}
          </ListItem>
        ))}
      </List>
    </>
  );
}
