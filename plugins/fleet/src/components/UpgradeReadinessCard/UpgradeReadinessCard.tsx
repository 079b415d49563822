import { useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Link as RouterLink } from 'react-router-dom';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  CustomerDeploymentEntity,
  plural,
  UpgradeCheck,
  UpgradeSignal,
} from '@fleetdeck/plugin-fleet-common';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { FactList } from '../shared/FactList';
import { DeploymentCardFrame } from '../shared/DeploymentCardFrame';
import { StatusInfoCard } from '../shared/fleetStatus';
import { TargetVersionSelect } from '../shared/TargetVersionSelect';
import { UpgradeCheckList } from '../shared/UpgradeCheckList';
import { useUpgradeTabLink } from '../shared/upgradeTabLink';
import { useDeploymentStatus } from '../shared/useDeploymentStatus';
import { UpgradeStatusLabel } from '../status';

const TITLE = 'Upgrade readiness';

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
          <TargetVersionSelect
            chart={entity.spec.chart.name}
            installed={status.upgrade.current}
            latest={status.upgrade.latest}
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
          {status.upgrade.target ? (
            <UpgradePlanLink entity={entity} target={status.upgrade.target} />
          ) : null}
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
      <UpgradeCheckList checks={checks} label="Upgrade checks" />
    </>
  );
}

/** Where the steps, values, commands and rollback for `target` are: the Upgrade tab. */
function UpgradePlanLink(props: {
  entity: CustomerDeploymentEntity;
  target: string;
}) {
  const href = useUpgradeTabLink(props.entity, props.target);
  return (
    <Typography variant="body2" sx={{ mt: 2 }}>
      <Link component={RouterLink} to={href}>
        See the upgrade plan to {props.target}
      </Link>
    </Typography>
  );
}
