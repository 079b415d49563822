import { useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import type { DeploymentStatus } from '@fleetdeck/plugin-fleet-common';
import { fleetApiRef } from '../../api';

/**
 * A deployment's fleet status as a card shows it: the latest status fetched, kept on screen
 * while a newer one loads or when fetching it again fails (`loading` and `error` then describe
 * that fetch).
 *
 * @internal
 */
export type DeploymentStatusState = {
  status?: DeploymentStatus;
  loading: boolean;
  error?: Error;
};

/**
 * The fleet status of one deployment, fetched again when the target or the generation changes.
 * The last status is kept per component, so a component showing another deployment is keyed by
 * its entity ref (`DeploymentCardFrame` does so).
 *
 * @internal
 */
export function useDeploymentStatus(
  entityRef: string,
  options: {
    /** A chart version to evaluate the upgrade for, instead of the backend's default target. */
    target?: string;
    /** Goes up when the status may have changed (journals received), to fetch it again. */
    generation?: number;
  } = {},
): DeploymentStatusState {
  const { target, generation } = options;
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error } = useAsync(
    () =>
      target
        ? fleetApi.getDeployment(entityRef, { target })
        : fleetApi.getDeployment(entityRef),
    [fleetApi, entityRef, target, generation],
  );
  const lastStatus = useRef<DeploymentStatus>();
  if (value) {
    lastStatus.current = value;
  }
  return { status: value ?? lastStatus.current, loading, error };
}
