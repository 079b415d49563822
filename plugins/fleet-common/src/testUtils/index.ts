/**
 * Fixtures for tests of Fleetdeck packages and of the portals that use them.
 *
 * @packageDocumentation
 */

export {
  customerDeploymentEntity,
  customerEntity,
  type FleetEntityOverrides,
} from './entities';
export {
  GPU_CLUSTER_FIXTURES,
  gpuCapacityInputOf,
  gpuClusterAsV1beta1,
  gpuClusterDeploymentEntity,
  gpuClusterPods,
  gpuClusterStatusReport,
  type GpuClusterFixture,
} from './gpuClusters';
