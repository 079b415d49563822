import { Fragment, ReactNode } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  CustomerDeploymentEntity,
  DeploymentStatus,
  fleetDeploymentReadPermission,
  FleetDeploymentPermission,
  isCustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import { DeploymentPermissionGate } from './DeploymentPermissionGate';
import { READ_STATUS_ACTION, StatusInfoCard } from './fleetStatus';
import {
  DeploymentStatusState,
  useDeploymentStatus,
} from './useDeploymentStatus';
import { EntityKindFrame } from './WrongKindCard';

/**
 * The frame of a card about the CustomerDeployment on the page: another kind of entity gets
 * the wrong-kind card, a user without `permission` for this deployment the refusal in words;
 * otherwise `children` renders, keyed by the entity ref so that another deployment starts
 * afresh (its own state, its own last status).
 *
 * @internal
 */
export function DeploymentCardFrame(props: {
  title: string;
  /** What the card needs for this deployment; fleet.deployment.read unless named. */
  permission?: FleetDeploymentPermission;
  /** What is refused without `permission`, as it continues "You may not …". */
  action?: string;
  children: (entity: CustomerDeploymentEntity) => ReactNode;
}) {
  const {
    title,
    permission = fleetDeploymentReadPermission,
    action = READ_STATUS_ACTION,
    children,
  } = props;
  return (
    <EntityKindFrame
      title={title}
      expectedKind={CUSTOMER_DEPLOYMENT_KIND}
      isKind={isCustomerDeploymentEntity}
    >
      {entity => (
        <DeploymentPermissionGate
          entity={entity}
          permission={permission}
          action={action}
          title={title}
        >
          <Fragment key={stringifyEntityRef(entity)}>
            {children(entity)}
          </Fragment>
        </DeploymentPermissionGate>
      )}
    </EntityKindFrame>
  );
}

/**
 * A card that shows the fleet status of the CustomerDeployment on the page: the frame of
 * {@link DeploymentCardFrame} around {@link StatusInfoCard}, so `children` renders with the
 * deployment's last status (and the state of fetching it again, when `generation` goes up).
 *
 * @internal
 */
export function DeploymentStatusCardFrame(props: {
  title: string;
  /** Goes up when the status may have changed, to fetch it again. */
  generation?: number;
  children: (
    status: DeploymentStatus,
    entity: CustomerDeploymentEntity,
    refresh: DeploymentStatusState,
  ) => ReactNode;
}) {
  const { title, generation, children } = props;
  return (
    <DeploymentCardFrame title={title}>
      {entity => (
        <FetchedStatus title={title} entity={entity} generation={generation}>
          {(status, refresh) => children(status, entity, refresh)}
        </FetchedStatus>
      )}
    </DeploymentCardFrame>
  );
}

function FetchedStatus(props: {
  title: string;
  entity: CustomerDeploymentEntity;
  generation?: number;
  children: (
    status: DeploymentStatus,
    refresh: DeploymentStatusState,
  ) => ReactNode;
}) {
  const { title, entity, generation, children } = props;
  const state = useDeploymentStatus(stringifyEntityRef(entity), { generation });
  return (
    <StatusInfoCard title={title} entity={entity} state={state}>
      {status => children(status, state)}
    </StatusInfoCard>
  );
}
