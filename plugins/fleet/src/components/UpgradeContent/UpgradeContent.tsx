import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  fleetDeploymentReadPermission,
  isCustomerDeploymentEntity,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import Grid from '@mui/material/Grid';
import { DeploymentPermissionGate } from '../shared/DeploymentPermissionGate';
import { UPGRADE_TARGET_PARAM } from '../shared/upgradeTabLink';
import { EntityKindFrame } from '../shared/WrongKindCard';
import { BackupsCard } from './BackupsCard';
import { BundlesPanel } from './BundlesPanel';
import { READ_PLAN_ACTION, UpgradePlanPanel } from './UpgradePlanPanel';
import { ValuesPanel } from './ValuesPanel';

/**
 * The "Upgrade" tab of a CustomerDeployment: the upgrade plan to the target named in the URL
 * (`?target=`, else the latest), the values on record the plan migrates, the update bundles of
 * an air-gapped deployment and the latest backup of each database. The target picked is written
 * back to the URL, so a link (the readiness card's) opens the same plan.
 */
export function UpgradeContent() {
  return (
    <EntityKindFrame
      title="Upgrade"
      expectedKind={CUSTOMER_DEPLOYMENT_KIND}
      isKind={isCustomerDeploymentEntity}
    >
      {entity => (
        <DeploymentPermissionGate
          entity={entity}
          permission={fleetDeploymentReadPermission}
          action={READ_PLAN_ACTION}
          title="Upgrade plan"
        >
          <Upgrade entity={entity} />
        </DeploymentPermissionGate>
      )}
    </EntityKindFrame>
  );
}

function Upgrade(props: { entity: CustomerDeploymentEntity }) {
  const { entity } = props;
  const [searchParams, setSearchParams] = useSearchParams();
  const target = searchParams.get(UPGRADE_TARGET_PARAM) || undefined;
  // Goes up when the values on record change, so the plan is drawn up from them again.
  const [valuesGeneration, setValuesGeneration] = useState(0);
  // The target of the plan on screen, so a bundle is handed out for what the SE is looking at.
  const [plannedTarget, setPlannedTarget] = useState<string>();
  // The values on record, as the values panel loaded them: where the plan's first diff starts.
  const [valuesOnRecord, setValuesOnRecord] = useState<string>();
  const onTargetChange = useCallback(
    (next: string) =>
      setSearchParams(
        current => {
          const params = new URLSearchParams(current);
          params.set(UPGRADE_TARGET_PARAM, next);
          return params;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  const airgapped = entity.spec.profile === 'airgapped';

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <UpgradePlanPanel
          entity={entity}
          target={target}
          onTargetChange={onTargetChange}
          onPlanned={setPlannedTarget}
          generation={valuesGeneration}
          startValues={valuesOnRecord}
        />
      </Grid>
      {airgapped ? (
        <Grid item xs={12}>
          <BundlesPanel entity={entity} target={target ?? plannedTarget} />
        </Grid>
      ) : null}
      <Grid item xs={12} lg={6}>
        <ValuesPanel
          entity={entity}
          onSaved={() => setValuesGeneration(current => current + 1)}
          onLoaded={setValuesOnRecord}
        />
      </Grid>
      <Grid item xs={12} lg={6}>
        <BackupsCard entity={entity} />
      </Grid>
    </Grid>
  );
}
