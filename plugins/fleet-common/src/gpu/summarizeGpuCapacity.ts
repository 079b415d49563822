import { compareDriverVersions } from '../releases/driverVersion';
import { redactSecretLikeValues } from '../secrets';
import type { GpuCapacityObservation } from '../status/observations';
import type { GpuModelSignal } from '../status/types';
import { describeGpuNode, isGpuNode } from './describeGpuNode';
import { readDraGpus } from './dra';
import type {
  KubeNode,
  KubePod,
  KubeResourceClaim,
  KubeResourceSlice,
  KubeToleration,
} from './kubernetes';
import {
  describeDeploymentPod,
  describePendingGpuPod,
  isActivePod,
  podGpuRequests,
} from './podGpus';
import { WHOLE_GPU_RESOURCE } from './resources';
import type { DraGpuDevice, GpuNodeObservation } from './types';

/** @public */
export interface GpuCapacityInput {
  /** The cluster's nodes (all of them; nodes without GPUs are left out). */
  nodes: KubeNode[];
  /** The pods of the deployment's namespace. */
  pods: KubePod[];
  /**
   * The cluster's other pods — every other namespace's — when the source could list them:
   * they count in each node's `requested` too (`podScope: 'cluster'`; without them,
   * `'namespace'`). They must not repeat `pods`.
   */
  clusterPods?: KubePod[];
  /** The cluster's `ResourceSlice`s (Dynamic Resource Allocation), when read. */
  resourceSlices?: KubeResourceSlice[];
  /** The cluster's `ResourceClaim`s, of every namespace, when read. */
  resourceClaims?: KubeResourceClaim[];
  /**
   * Whether the source read the two: `read` (the default when either is given), `absent`
   * (the cluster serves no `resource.k8s.io`), or `unreadable` with `draError` saying why.
   * Unset when the source did not try (an older collector's report).
   */
  dra?: GpuCapacityObservation['dra'];
  /** Why DRA was unreadable, in words; kept only with `dra: 'unreadable'`. */
  draError?: string;
  /** The GPU resource the engine asks for (`spec.gpu.resourceName`). */
  resourceName: string;
  observedAt: string;
  source: GpuCapacityObservation['source'];
  /**
   * Tolerations of the engine pods, to decide which tainted nodes can take them. Default:
   * those of the running and pending pods that ask for `resourceName`.
   */
  tolerations?: KubeToleration[];
}

const UNLABELLED = 'unlabelled GPU';

type Counts = Record<string, number>;

function addCounts(into: Counts, counts: Counts): Counts {
  for (const [resource, count] of Object.entries(counts)) {
    into[resource] = (into[resource] ?? 0) + count;
  }
  return into;
}

function lowestDriver(nodes: GpuNodeObservation[]): string | undefined {
  return nodes
    .map(node => node.driverVersion)
    .filter((version): version is string => Boolean(version))
    .reduce<string | undefined>(
      (lowest, version) =>
        lowest === undefined ||
        (compareDriverVersions(version, lowest) ?? 0) < 0
          ? version
          : lowest,
      undefined,
    );
}

function draStateOf(input: GpuCapacityInput): GpuCapacityObservation['dra'] {
  if (input.dra) {
    return input.dra;
  }
  return input.resourceSlices || input.resourceClaims ? 'read' : undefined;
}

/**
 * What every listed pod bound to each node holds: its containers' GPU requests, and the DRA
 * devices allocated there (whoever's claim holds them).
 */
function requestedByNode(
  pods: KubePod[],
  draDevices: Map<string, DraGpuDevice[]>,
): Map<string, Counts> {
  const result = new Map<string, Counts>();
  const on = (node: string) => {
    let counts = result.get(node);
    if (!counts) {
      counts = {};
      result.set(node, counts);
    }
    return counts;
  };
  for (const pod of pods) {
    if (pod.spec?.nodeName) {
      addCounts(on(pod.spec.nodeName), podGpuRequests(pod));
    }
  }
  for (const [node, devices] of draDevices) {
    for (const device of devices.filter(d => d.allocatedTo)) {
      addCounts(on(node), { [device.resourceName]: 1 });
    }
  }
  return result;
}

/**
 * A node's GPU facts from its DRA devices, where GPU feature discovery did not label it:
 * the product as GFD would spell it (spaces as hyphens), the whole GPUs and their memory.
 */
function fromDraDevices(
  node: GpuNodeObservation,
  devices: DraGpuDevice[],
): Partial<GpuNodeObservation> {
  const whole = devices.filter(d => d.resourceName === WHOLE_GPU_RESOURCE);
  const product = devices.find(d => d.product)?.product?.replace(/ /g, '-');
  const memoryMiB = whole.find(d => d.memoryMiB)?.memoryMiB;
  return {
    ...(!node.product && product && { product }),
    ...(!node.count && whole.length > 0 && { count: whole.length }),
    ...(!node.memoryMiB && memoryMiB && { memoryMiB }),
    draDevices: devices,
  };
}

/**
 * Turns a cluster's nodes and pods — from a live cluster or a status report — into the GPU
 * capacity observation that `evaluateGpu` judges:
 *
 * - `nodes`: each GPU node's facts (`describeGpuNode`), with `requested` — what every listed
 *   pod bound to it asks for, the namespace's and (`podScope: 'cluster'`) the others', plus
 *   the DRA devices allocated there — its `draDevices` from `ResourceSlice`s with the claim
 *   holding each, and `draUnread` where it advertises no GPU and DRA could not be read (or
 *   was not tried); a node that only DRA says has GPUs counts as a GPU node;
 * - `allocatable`: `resourceName` allocatable, plus DRA devices of `resourceName`, on nodes
 *   that can take engine pods (Ready, not cordoned, no untolerated NoSchedule/NoExecute taint);
 * - `requested`: `resourceName` asked for by the namespace's running and pending pods, their
 *   DRA claims counted as the resource of the devices they hold (or, before allocation, ask for);
 * - `pendingGpuPods`: pods asking for GPUs that the scheduler could not place;
 * - `models`: allocatable and requested per GPU product and resource;
 * - `deploymentPods`: the namespace's GPU pods, where they run and what they ask for;
 * - `pendingPods`: the detail behind the figure; `driverVersion`: the lowest.
 *
 * Only GPU facts are kept; nothing else of the objects (such as container env) is read. Any
 * string of the result that looks like a secret value (a key quoted in a scheduler's message)
 * is replaced by `[redacted: looks like <kind>]`.
 *
 * @public
 */
export function summarizeGpuCapacity(
  input: GpuCapacityInput,
): GpuCapacityObservation {
  const { resourceName } = input;
  const dra = draStateOf(input);
  const inventory =
    dra === 'read'
      ? readDraGpus(input.resourceSlices ?? [], input.resourceClaims ?? [])
      : undefined;
  const draDevices =
    inventory?.devicesByNode ?? new Map<string, DraGpuDevice[]>();
  const activePods = input.pods.filter(isActivePod).map(pod => ({
    pod,
    requests: addCounts(podGpuRequests(pod), inventory?.podRequests(pod) ?? {}),
  }));
  const tolerations =
    input.tolerations ??
    activePods
      .filter(({ requests }) => requests[resourceName] !== undefined)
      .flatMap(({ pod }) => pod.spec?.tolerations ?? []);
  const requested = requestedByNode(
    [...input.pods, ...(input.clusterPods ?? [])].filter(isActivePod),
    draDevices,
  );
  // DRA can leave allocatable empty: where its slices were not read, nobody can say.
  const draUnknown = dra === undefined || dra === 'unreadable';

  const nodes = input.nodes
    .filter(
      node => isGpuNode(node) || draDevices.has(node.metadata?.name ?? ''),
    )
    .map(kubeNode => {
      const node = describeGpuNode(kubeNode, { tolerations });
      const devices = draDevices.get(node.name);
      return {
        ...node,
        requested: requested.get(node.name) ?? {},
        ...(devices && fromDraDevices(node, devices)),
        ...(draUnknown &&
          Object.keys(node.allocatable).length === 0 && { draUnread: true }),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const productOf = new Map(
    nodes.map(node => [node.name, node.product ?? UNLABELLED]),
  );

  const models = new Map<string, GpuModelSignal>();
  const model = (product: string, resource: string) => {
    const key = `${product}\u0000${resource}`;
    let entry = models.get(key);
    if (!entry) {
      entry = { product, resourceName: resource, allocatable: 0, requested: 0 };
      models.set(key, entry);
    }
    return entry;
  };

  let allocatable = 0;
  for (const node of nodes.filter(n => n.schedulable)) {
    const offered: Counts = { ...node.allocatable };
    for (const device of node.draDevices ?? []) {
      addCounts(offered, { [device.resourceName]: 1 });
    }
    for (const [resource, count] of Object.entries(offered)) {
      model(node.product ?? UNLABELLED, resource).allocatable += count;
    }
    allocatable += offered[resourceName] ?? 0;
  }

  let requestedTotal = 0;
  for (const { pod, requests } of activePods) {
    requestedTotal += requests[resourceName] ?? 0;
    const product = pod.spec?.nodeName
      ? productOf.get(pod.spec.nodeName)
      : undefined;
    if (product) {
      for (const [resource, count] of Object.entries(requests)) {
        model(product, resource).requested += count;
      }
    }
  }

  const pendingPods = activePods
    .map(({ pod, requests }) => describePendingGpuPod(pod, requests))
    .filter(<T>(pod: T | undefined): pod is T => pod !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
  const deploymentPods = activePods
    .filter(({ requests }) => Object.keys(requests).length > 0)
    .map(({ pod, requests }) => describeDeploymentPod(pod, requests))
    .sort((a, b) => a.name.localeCompare(b.name));

  const driverVersion = lowestDriver(nodes);
  // The observation is stored and shown to every reader of the deployment, and a scheduler's
  // message (or a label) may quote anything: what looks like a secret never leaves here.
  return redactSecretLikeValues({
    observedAt: input.observedAt,
    source: input.source,
    resourceName,
    allocatable,
    requested: requestedTotal,
    pendingGpuPods: pendingPods.length,
    models: [...models.values()].sort(
      (a, b) =>
        a.product.localeCompare(b.product) ||
        a.resourceName.localeCompare(b.resourceName),
    ),
    ...(driverVersion && { driverVersion }),
    nodes,
    pendingPods,
    podScope: input.clusterPods ? 'cluster' : 'namespace',
    deploymentPods,
    ...(dra && { dra }),
    ...(dra === 'unreadable' && input.draError && { draError: input.draError }),
  });
}
