import { ReactNode } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { isError } from '@backstage/errors';
import {
  CustomerDeploymentEntity,
  DeploymentStatus,
  fleetDeploymentReadPermission,
} from '@fleetdeck/plugin-fleet-common';
import Typography from '@mui/material/Typography';
import { isNotAllowed } from './describeApiError';
import { NotAllowedPanel } from './NotAllowedPanel';
import type { DeploymentStatusState } from './useDeploymentStatus';

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
 * A card about a deployment's fleet status: progress until a first status arrives, the error
 * card when none could be fetched, then `children` with the status (kept while it is fetched
 * again; the card says how that went from `state`).
 *
 * @internal
 */
export function StatusInfoCard(props: {
  title: string;
  entity: CustomerDeploymentEntity;
  state: DeploymentStatusState;
  children: (status: DeploymentStatus) => ReactNode;
}) {
  const { title, entity, state, children } = props;
  if (!state.status && state.error) {
    return (
      <StatusErrorCard title={title} entity={entity} error={state.error} />
    );
  }
  return (
    <InfoCard title={title}>
      {state.status ? children(state.status) : <Progress />}
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
