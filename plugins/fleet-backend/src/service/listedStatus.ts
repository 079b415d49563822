import type { DeploymentStatus } from '@fleetdeck/plugin-fleet-common';

/**
 * A status as a row of the fleet list carries it: the GPU signal without its per-node detail
 * (`nodes`, `pendingPods`, `fit`), which only the deployment's own page shows and which grows
 * with the cluster — a page of 50 rows would otherwise carry every node of 50 clusters.
 * `GET /deployments/{namespace}/{name}` serves the whole status.
 */
export function listedStatus(status: DeploymentStatus): DeploymentStatus {
  const {
    nodes: _nodes,
    pendingPods: _pending,
    fit: _fit,
    ...gpu
  } = status.gpu;
  return { ...status, gpu };
}
