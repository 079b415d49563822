import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  fleetArtifactReadPermission,
  fleetDeploymentReadPermission,
  plural,
  type CustomerDeploymentEntity,
  type UpgradePlan,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Step from '@mui/material/Step';
import StepContent from '@mui/material/StepContent';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import {
  describeNotAllowed,
  describeRequestError,
  isNotAllowed,
} from '../shared/describeApiError';
import { formatTimestamp, isNotEvaluated } from '../shared/fleetStatus';
import { NotAllowedPanel } from '../shared/NotAllowedPanel';
import { saveBlob } from '../shared/saveBlob';
import { TargetVersionSelect } from '../shared/TargetVersionSelect';
import { PlanFiles } from './PlanFiles';
import { STEP_REASON_WORDS, UpgradeStepView } from './UpgradeStepView';
import { needsAction } from './ValuesChangesTable';

const TITLE = 'Upgrade plan';
/** "You may not …" for the plan (fleet.deployment.read). */
export const READ_PLAN_ACTION = 'read the upgrade plan';

const VALUES_SOURCE_WORDS: Record<
  NonNullable<UpgradePlan['valuesSource']>,
  string
> = {
  onboarding: 'the values generated at onboarding',
  upload: 'the values uploaded',
};

/**
 * The upgrade plan of a deployment to a target (the URL's, else the latest): the path from the
 * installed release, step by step, with the versions skipped and why; per step its values
 * changes, GPU changes, checks, commands and rollback; and the plan's files as one download.
 * `generation` goes up when the values on record changed, to plan again.
 */
export function UpgradePlanPanel(props: {
  entity: CustomerDeploymentEntity;
  target: string | undefined;
  onTargetChange: (target: string) => void;
  /** Told the target the plan on screen goes to (the backend's default when none was asked). */
  onPlanned?: (target: string | undefined) => void;
  generation: number;
  /** The values on record the first step starts from, for its diff. */
  startValues?: string;
}) {
  const { entity, target, onTargetChange, onPlanned, generation, startValues } =
    props;
  const name = entity.metadata.name;
  const entityRef = stringifyEntityRef(entity);
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error } = useAsync(
    () => fleetApi.getUpgradePlan(entityRef, target ? { target } : {}),
    [fleetApi, entityRef, target, generation],
  );
  const plan = value?.plan;
  const plannedTarget = plan && plan.steps.length > 0 ? plan.target : undefined;
  useEffect(() => onPlanned?.(plannedTarget), [onPlanned, plannedTarget]);

  if (isNotAllowed(error)) {
    return (
      <NotAllowedPanel
        title={TITLE}
        action={READ_PLAN_ACTION}
        permission={fleetDeploymentReadPermission.name}
        deployment={name}
      />
    );
  }

  let body: JSX.Element;
  if (loading) {
    body = <Progress />;
  } else if (isNotEvaluated(error)) {
    body = (
      <Typography variant="body2" color="text.secondary">
        The fleet backend does not know {name} yet; its plan is drawn up once
        the deployment has reached the fleet from the catalog.
      </Typography>
    );
  } else if (error || !plan) {
    body = (
      <ResponseErrorPanel
        title={`Could not plan the upgrade of ${name}${
          target ? ` to ${target}` : ''
        }`}
        error={error ?? new Error('No answer')}
      />
    );
  } else {
    body = (
      <>
        <PlanBody name={name} plan={plan} startValues={startValues} />
        {plan.steps.length > 0 ? (
          <Box sx={{ mt: 2 }}>
            <PlanFiles entity={entity} target={plan.target} />
          </Box>
        ) : null}
      </>
    );
  }

  return (
    <InfoCard
      title={TITLE}
      subheader={
        plan
          ? `${plan.from} → ${plan.target} · planned ${formatTimestamp(
              plan.generatedAt,
            )}`
          : undefined
      }
      action={
        plan && plan.steps.length > 0 ? (
          <PlanDownloadButton entity={entity} target={plan.target} />
        ) : undefined
      }
    >
      <TargetVersionSelect
        chart={entity.spec.chart.name}
        installed={plan?.from ?? entity.spec.chart.version}
        value={target ?? plan?.target}
        onChange={onTargetChange}
      />
      <Box sx={{ mt: 2 }}>{body}</Box>
    </InfoCard>
  );
}

function PlanBody(props: {
  name: string;
  plan: UpgradePlan;
  startValues?: string;
}) {
  const { name, plan } = props;
  if (plan.steps.length === 0) {
    return (
      <Typography variant="body1" component="p">
        {name} is up to date: it runs {plan.from}, and there is nothing to
        upgrade to.
      </Typography>
    );
  }
  const actions = plan.steps.reduce(
    (count, step) => count + step.valuesChanges.filter(needsAction).length,
    0,
  );
  return (
    <>
      <Typography variant="body2" component="p">
        {plural(plan.steps.length, 'step')} from {plan.from} to {plan.target}
        {actions > 0
          ? `; ${plural(actions, 'values change')} the SE must act on`
          : ''}
        .{' '}
        {plan.valuesSource
          ? `The values of each step are ${
              VALUES_SOURCE_WORDS[plan.valuesSource]
            }, migrated.`
          : 'No values are on record, so the plan cannot migrate them; upload them below.'}
      </Typography>
      {plan.skipped.length > 0 ? (
        <Box component="section" aria-label="Skipped versions" sx={{ mt: 2 }}>
          <Typography variant="subtitle2" component="h3">
            Skipped
          </Typography>
          <List dense disablePadding>
            {groupSkipped(plan.skipped).map(({ versions, reason }) => (
              <ListItem key={versions[0]} disableGutters>
                <Typography variant="body2">
                  <strong>{versions.join(', ')}</strong>: {reason}
                </Typography>
              </ListItem>
            ))}
          </List>
        </Box>
      ) : null}
      <Stepper
        orientation="vertical"
        nonLinear
        activeStep={-1}
        sx={{ mt: 2 }}
        aria-label="Upgrade steps"
      >
        {plan.steps.map((step, index) => (
          <Step key={step.to} expanded completed={false}>
            <StepLabel
              optional={
                <Typography variant="caption">
                  {STEP_REASON_WORDS[step.reason]}
                </Typography>
              }
            >
              Step {index + 1}: {step.from} → {step.to}
            </StepLabel>
            <StepContent>
              <UpgradeStepView
                step={step}
                valuesBefore={
                  index === 0 ? props.startValues : plan.steps[index - 1].values
                }
              />
            </StepContent>
          </Step>
        ))}
      </Stepper>
    </>
  );
}

/** The plan's files (`UPGRADE.md`, values per step, collector) as a `.tar.gz`. */
function PlanDownloadButton(props: {
  entity: CustomerDeploymentEntity;
  target: string;
}) {
  const { entity, target } = props;
  const name = entity.metadata.name;
  const fleetApi = useApi(fleetApiRef);
  const alertApi = useApi(alertApiRef);
  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      const file = await fleetApi.downloadUpgradePlanArchive(
        stringifyEntityRef(entity),
        { target },
      );
      saveBlob(
        file.content,
        file.fileName ?? `${name}-upgrade-${target}.tar.gz`,
      );
    } catch (e) {
      alertApi.post({
        severity: 'error',
        message: isNotAllowed(e)
          ? describeNotAllowed({
              action: 'download the upgrade plan',
              permission: fleetArtifactReadPermission.name,
              deployment: name,
            })
          : `Could not download the plan: ${describeRequestError(e)}`,
      });
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Button
      variant="outlined"
      size="small"
      sx={{ mt: 1, mr: 1 }}
      disabled={downloading}
      onClick={download}
    >
      Download plan (.tar.gz)
    </Button>
  );
}

/**
 * Releases passed over for the same reason, on one line: a long way to the target passes over
 * many releases that are simply not required stops, and only the known-bad ones need a line.
 */
function groupSkipped(
  skipped: UpgradePlan['skipped'],
): Array<{ versions: string[]; reason: string }> {
  const groups = new Map<string, string[]>();
  for (const { version, reason } of skipped) {
    groups.set(reason, [...(groups.get(reason) ?? []), version]);
  }
  return [...groups].map(([reason, versions]) => ({ versions, reason }));
}
