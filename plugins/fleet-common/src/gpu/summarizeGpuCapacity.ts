import { compareDriverVersions } from '../releases/driverVersion';
import { redactSecretLikeValues } from '../secrets';
import type { GpuCapacityObservation } from '../status/observations';
import type { GpuModelSignal } from '../status/types';
import { describeGpuNode, isGpuNode } from './describeGpuNode';
import type { KubeNode, KubePod, KubeToleration } from './kubernetes';
import { describePendingGpuPod, isActivePod, podGpuRequests } from './podGpus';
import type { GpuNodeObservation } from './types';

/** @public */
export interface GpuCapacityInput {
  /** The cluster's nodes (all of them; nodes without GPUs are left out). */
  nodes: KubeNode[];
  /** The pods of the deployment's namespace. */
  pods: KubePod[];
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

/**
 * Turns a cluster's nodes and a namespace's pods — from a live cluster or a status report —
 * into the GPU capacity observation that `evaluateGpu` judges:
 *
 * - `allocatable`: `resourceName` allocatable on nodes that can take engine pods (Ready, not
 *   cordoned, no untolerated NoSchedule/NoExecute taint);
 * - `requested`: `resourceName` asked for by the namespace's running and pending pods;
 * - `pendingGpuPods`: pods asking for GPUs that the scheduler could not place;
 * - `models`: allocatable and requested per GPU product and resource;
 * - `nodes`, `pendingPods`: the detail behind the figures; `driverVersion`: the lowest.
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
  const activePods = input.pods.filter(isActivePod);
  const tolerations =
    input.tolerations ??
    activePods
      .filter(pod => podGpuRequests(pod)[resourceName] !== undefined)
      .flatMap(pod => pod.spec?.tolerations ?? []);

  const nodes = input.nodes
    .filter(isGpuNode)
    .map(node => describeGpuNode(node, { tolerations }))
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
    for (const [resource, count] of Object.entries(node.allocatable)) {
      model(node.product ?? UNLABELLED, resource).allocatable += count;
    }
    allocatable += node.allocatable[resourceName] ?? 0;
  }

  let requested = 0;
  for (const pod of activePods) {
    const requests = podGpuRequests(pod);
    requested += requests[resourceName] ?? 0;
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
    .map(describePendingGpuPod)
    .filter(<T>(pod: T | undefined): pod is T => pod !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));

  const driverVersion = lowestDriver(nodes);
  // The observation is stored and shown to every reader of the deployment, and a scheduler's
  // message (or a label) may quote anything: what looks like a secret never leaves here.
  return redactSecretLikeValues({
    observedAt: input.observedAt,
    source: input.source,
    resourceName,
    allocatable,
    requested,
    pendingGpuPods: pendingPods.length,
    models: [...models.values()].sort(
      (a, b) =>
        a.product.localeCompare(b.product) ||
        a.resourceName.localeCompare(b.resourceName),
    ),
    ...(driverVersion && { driverVersion }),
    nodes,
    pendingPods,
  });
}
