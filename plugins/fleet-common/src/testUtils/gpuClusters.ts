// The package's own name, as in entities.ts: these fixtures build on its public API.
import {
  STATUS_REPORT_KIND,
  type CustomerDeploymentEntity,
  type DeploymentGpu,
  type GpuCapacityInput,
  type KubeNode,
  type KubePod,
  type KubeResourceClaim,
  type KubeResourceSlice,
  type StatusReport,
} from '@fleetdeck/plugin-fleet-common';
import { customerDeploymentEntity } from './entities';
import gpuDra from '../__fixtures__/gpu/gpu-dra.json';
import gpuFragmented from '../__fixtures__/gpu/gpu-fragmented.json';
import gpuH100Mps from '../__fixtures__/gpu/gpu-h100-mps.json';
import gpuL4TimeSliced from '../__fixtures__/gpu/gpu-l4-time-sliced.json';
import gpuMigMixed from '../__fixtures__/gpu/gpu-mig-mixed.json';
import gpuSharedCluster from '../__fixtures__/gpu/gpu-shared-cluster.json';
import gpuWhole from '../__fixtures__/gpu/gpu-whole.json';

/**
 * A GPU cluster as its API server lists it — nodes labelled the way NVIDIA GPU feature
 * discovery labels them, every namespace's pods, and, where the cluster allocates GPUs
 * through DRA, its `ResourceSlice`s and `ResourceClaim`s (`resource.k8s.io/v1`) — and the
 * deployment that runs there in `namespace`.
 *
 * @public
 */
export interface GpuClusterFixture {
  /** What the cluster shows, in a sentence. */
  description: string;
  /** The release's namespace. */
  namespace: string;
  /** The server's `gitVersion`. */
  kubernetesVersion: string;
  /** The CustomerDeployment that runs there: its name, chart and `spec.gpu`. */
  deployment: {
    name: string;
    chart: { name: string; version: string };
    gpu: DeploymentGpu;
  };
  /** `GET /api/v1/nodes` */
  nodes: { items: KubeNode[] };
  /** `GET /api/v1/pods`: every namespace's, finished ones included. */
  pods: { items: KubePod[] };
  /** `GET /apis/resource.k8s.io/v1/resourceslices`; absent where the cluster serves no DRA. */
  resourceSlices?: { items: KubeResourceSlice[] };
  /** `GET /apis/resource.k8s.io/v1/resourceclaims`, every namespace's. */
  resourceClaims?: { items: KubeResourceClaim[] };
}

/**
 * A JSON fixture as the type it is written to: TypeScript infers a union of each list's item
 * shapes, which labels present on some nodes only make incompatible with `Record<string, string>`.
 */
const asFixture = (json: object) => json as GpuClusterFixture;

/**
 * The GPU clusters the fleet's tests read, by name (which is also their deployment's name):
 *
 * - `gpu-whole`: an 8-GPU A100 node and an 8-GPU H100 node, 4 GPUs free on each;
 * - `gpu-mig-mixed`: A100s cut into `mig-3g.40gb` and `mig-1g.10gb` slices (mixed strategy);
 * - `gpu-l4-time-sliced`: 4 L4s time-sliced 4 ways (16 `nvidia.com/gpu`);
 * - `gpu-h100-mps`: 8 H100s shared 2 ways under MPS;
 * - `gpu-dra`: an H100 node whose GPUs only DRA publishes (8 devices, 5 held by claims);
 * - `gpu-fragmented`: three 4-GPU nodes with 1 GPU free each, for 2-GPU engine pods;
 * - `gpu-shared-cluster`: other namespaces' GPU jobs filling the deployment's nodes.
 *
 * @public
 */
export const GPU_CLUSTER_FIXTURES: Readonly<
  Record<
    | 'gpu-whole'
    | 'gpu-mig-mixed'
    | 'gpu-l4-time-sliced'
    | 'gpu-h100-mps'
    | 'gpu-dra'
    | 'gpu-fragmented'
    | 'gpu-shared-cluster',
    GpuClusterFixture
  >
> = {
  'gpu-whole': asFixture(gpuWhole),
  'gpu-mig-mixed': asFixture(gpuMigMixed),
  'gpu-l4-time-sliced': asFixture(gpuL4TimeSliced),
  'gpu-h100-mps': asFixture(gpuH100Mps),
  'gpu-dra': asFixture(gpuDra),
  'gpu-fragmented': asFixture(gpuFragmented),
  'gpu-shared-cluster': asFixture(gpuSharedCluster),
};

/**
 * The fixture's DRA objects as a Kubernetes 1.32 or 1.33 server serves them at
 * `resource.k8s.io/v1beta1`: device attributes and capacity under `basic`, a request's
 * `exactly` fields on the request itself.
 *
 * @public
 */
export function gpuClusterAsV1beta1(
  fixture: GpuClusterFixture,
): GpuClusterFixture {
  const { resourceSlices, resourceClaims } = fixture;
  return {
    ...fixture,
    ...(resourceSlices && {
      resourceSlices: {
        ...resourceSlices,
        items: resourceSlices.items.map(slice => ({
          ...slice,
          spec: {
            ...slice.spec,
            devices: slice.spec?.devices?.map(({ name, ...basic }) => ({
              name,
              basic,
            })),
          },
        })),
      },
    }),
    ...(resourceClaims && {
      resourceClaims: {
        ...resourceClaims,
        items: resourceClaims.items.map(claim => ({
          ...claim,
          spec: {
            devices: {
              requests: claim.spec?.devices?.requests?.map(
                ({ exactly, ...request }) => ({ ...request, ...exactly }),
              ),
            },
          },
        })),
      },
    }),
  };
}

const isActive = (pod: KubePod) =>
  pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';

/**
 * The fixture's pods split as the sources list them: the release namespace's, and the
 * other namespaces' active ones.
 *
 * @public
 */
export function gpuClusterPods(fixture: GpuClusterFixture): {
  pods: KubePod[];
  clusterPods: KubePod[];
} {
  const inNamespace = (pod: KubePod) =>
    pod.metadata?.namespace === fixture.namespace;
  return {
    pods: fixture.pods.items.filter(inNamespace),
    clusterPods: fixture.pods.items.filter(
      pod => !inNamespace(pod) && isActive(pod),
    ),
  };
}

/**
 * The fixture as `summarizeGpuCapacity` reads it when every object could be listed: a
 * cluster without DRA serves no `resource.k8s.io` (`dra: 'absent'`).
 *
 * @public
 */
export function gpuCapacityInputOf(
  fixture: GpuClusterFixture,
): Omit<GpuCapacityInput, 'observedAt' | 'source'> {
  return {
    nodes: fixture.nodes.items,
    ...gpuClusterPods(fixture),
    resourceName: fixture.deployment.gpu.resourceName,
    ...(fixture.resourceSlices
      ? {
          resourceSlices: fixture.resourceSlices.items,
          resourceClaims: fixture.resourceClaims?.items ?? [],
          dra: 'read' as const,
        }
      : { dra: 'absent' as const }),
  };
}

/**
 * The status report `collect-status.sh` would write for the fixture's deployment, with
 * every object in full (a copy: a test may change it). `clusterPods: false` is a collector
 * that may not list other namespaces' pods; `dra: 'unreadable'` one that may not list
 * ResourceSlices.
 *
 * @public
 */
export function gpuClusterStatusReport(
  fixture: GpuClusterFixture,
  options: {
    generatedAt?: string;
    clusterPods?: boolean;
    dra?: 'unreadable';
  } = {},
): StatusReport {
  const { pods, clusterPods } = gpuClusterPods(fixture);
  const dra = options.dra ?? (fixture.resourceSlices ? 'read' : 'absent');
  return structuredClone({
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: STATUS_REPORT_KIND,
    metadata: {
      deployment: fixture.deployment.name,
      generatedAt: options.generatedAt ?? new Date().toISOString(),
      collector: 'collect-status.sh 2',
    },
    spec: {
      namespace: fixture.namespace,
      chart: fixture.deployment.chart,
      kubernetes: { version: fixture.kubernetesVersion },
      nodes: fixture.nodes.items,
      pods,
      ...(options.clusterPods !== false && { clusterPods }),
      dra,
      ...(dra === 'read' && {
        resourceSlices: fixture.resourceSlices?.items ?? [],
        resourceClaims: fixture.resourceClaims?.items ?? [],
      }),
    },
  });
}

/**
 * The fixture's deployment as a connected CustomerDeployment whose pods the Kubernetes
 * plugin finds (`backstage.io/kubernetes-id`), on the cluster named like the fixture.
 *
 * @public
 */
export function gpuClusterDeploymentEntity(
  fixture: GpuClusterFixture,
): CustomerDeploymentEntity {
  const { name, chart, gpu } = fixture.deployment;
  return customerDeploymentEntity({
    metadata: {
      name,
      annotations: {
        'backstage.io/kubernetes-id': name,
        'backstage.io/kubernetes-cluster': name,
      },
    },
    spec: {
      customer: 'acme',
      profile: 'connected',
      chart,
      cluster: {
        kubernetesVersion: fixture.kubernetesVersion.replace(
          /^v(\d+\.\d+).*$/,
          '$1',
        ),
        namespace: fixture.namespace,
      },
      gpu,
    },
  });
}
