import type { DeploymentStatus } from '@fleetdeck/plugin-fleet-common';

/**
 * A status as a row of the fleet list carries it: the GPU signal without its per-node detail
 * (`nodes`, `pendingPods`, `fit`), which only the deployment's own page shows and which grows
 * with the cluster — a page of 50 rows would otherwise carry every node of 50 clusters; and the
 * upgrade checks that did not pass, which the row's "N checks failed" needs — the passing ones
 * (most of eleven, each with its message) made every page heavier.
 * `GET /deployments/{namespace}/{name}` serves the whole status.
 */
export function listedStatus(status: DeploymentStatus): DeploymentStatus {
  const {
    nodes: _nodes,
    pendingPods: _pending,
    fit: _fit,
    ...gpu
  } = status.gpu;
  const checks = status.upgrade.checks.filter(
    check => check.outcome !== 'pass',
  );
  return { ...status, gpu, upgrade: { ...status.upgrade, checks } };
}
