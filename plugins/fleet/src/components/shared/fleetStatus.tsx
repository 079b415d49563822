import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { isError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  CustomerDeploymentEntity,
  DeploymentStatus,
  fleetDeploymentReadPermission,
  isCustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import { WrongKindCard } from './WrongKindCard';
import { DeploymentPermissionGate } from './DeploymentPermissionGate';
import { isNotAllowed } from './describeApiError';
import { NotAllowedPanel } from './NotAllowedPanel';

/** "You may not …" for fleet.deployment.read. */
export const READ_STATUS_ACTION = 'see the fleet status';

/**
 * Whether `error` is the backend's answer for a deployment it has not evaluated: a
 * `ResponseError` with status 404. Checked by name, not `instanceof`, so that two copies of
 * `@backstage/errors` in an app still agree.
 */
export function isNotEvaluated(error: unknown): boolean {
  return (
    isError(error) &&
    error.name === 'ResponseError' &&
    (error as Error & { statusCode?: number }).statusCode === 404
  );
}

/** The fleet status of one deployment, re-fetched when the ref or the target changes. */
export function useDeploymentStatus(entityRef: string, target?: string) {
  const fleetApi = useApi(fleetApiRef);
  return useAsync(
    () =>
      target
        ? fleetApi.getDeployment(entityRef, { target })
        : fleetApi.getDeployment(entityRef),
    [fleetApi, entityRef, target],
  );
}

/**
 * What a card shows for a deployment the fleet backend does not know yet (404): not an error,
 * just not evaluated.
 */
export function NotEvaluatedCard(props: { title: string; name: string }) {
  return (
    <InfoCard title={props.title}>
      <Typography variant="subtitle1" component="p" gutterBottom>
        Fleetdeck has not evaluated this deployment yet
      </Typography>
      <Typography variant="body2" color="text.secondary">
        The status of {props.name} appears here once the fleet backend has
        evaluated it, normally a few minutes after the deployment reaches the
        catalog. Its license, journal, GPU and upgrade signals are computed
        then.
      </Typography>
    </InfoCard>
  );
}

/**
 * What a card shows when the status could not be fetched: a friendly panel when the backend has
 * not evaluated the deployment (404) or refuses it to the user (403), the error otherwise.
 */
export function StatusErrorCard(props: {
  title: string;
  entity: CustomerDeploymentEntity;
  error: Error;
}) {
  const { title, entity, error } = props;
  if (isNotEvaluated(error)) {
    return <NotEvaluatedCard title={title} name={entity.metadata.name} />;
  }
  if (isNotAllowed(error)) {
    return (
      <NotAllowedPanel
        title={title}
        action={READ_STATUS_ACTION}
        permission={fleetDeploymentReadPermission.name}
        deployment={entity.metadata.name}
      />
    );
  }
  return (
    <ResponseErrorPanel
      title={`Could not load the fleet status of ${entity.metadata.name}`}
      error={error}
    />
  );
}

/**
 * A card that shows the fleet status of the CustomerDeployment on the page: it reads the
 * entity, fetches its status and renders `children` with it, with loading, error, "not
 * evaluated", "not allowed" (without fleet.deployment.read) and wrong-kind states.
 */
export function DeploymentStatusCardFrame(props: {
  title: string;
  children: (
    status: DeploymentStatus,
    entity: CustomerDeploymentEntity,
  ) => ReactNode;
}) {
  const { entity } = useEntity();
  if (!isCustomerDeploymentEntity(entity)) {
    return (
      <WrongKindCard
        title={props.title}
        expectedKind={CUSTOMER_DEPLOYMENT_KIND}
        entity={entity}
      />
    );
  }
  return (
    <DeploymentPermissionGate
      entity={entity}
      permission={fleetDeploymentReadPermission}
      action={READ_STATUS_ACTION}
      title={props.title}
    >
      <FetchedStatus {...props} entity={entity} />
    </DeploymentPermissionGate>
  );
}

function FetchedStatus(props: {
  title: string;
  entity: CustomerDeploymentEntity;
  children: (
    status: DeploymentStatus,
    entity: CustomerDeploymentEntity,
  ) => ReactNode;
}) {
  const { title, entity, children } = props;
  const { value, loading, error } = useDeploymentStatus(
    stringifyEntityRef(entity),
  );
  if (error) {
    return <StatusErrorCard title={title} entity={entity} error={error} />;
  }
  return (
    <InfoCard title={title}>
      {loading || !value ? <Progress /> : children(value, entity)}
    </InfoCard>
  );
}

/** `2026-11-22 10:04 UTC` */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
