import type { GpuRequirement } from '../../status/evaluateGpu';
import type { GpuCapacityObservation } from '../../status/observations';
import type { ReleasePolicy } from '../../releases/types';
import type { GpuPodObservation } from '../types';
import { describeNodeOffer, type NodeOffer } from './describeNodeOffer';
import { packGpuPods, podsThatFit } from './packGpuPods';
import type { GpuFit, GpuNodeFit, GpuPodDemand } from './types';

/** @public */
export interface GpuFitInput {
  observation: GpuCapacityObservation;
  /** The pods the deployment needs at the version judged ({@link computeGpuRequirement}). */
  requirement: GpuRequirement;
  /** GPU memory one engine pod needs, MiB; memory is not checked without it. */
  engineMemoryMiB?: number;
  policy?: ReleasePolicy;
  /** The chart version judged, for the policy's unsupported GPUs. */
  version?: string;
}

type Role = {
  role: string;
  replicas: number;
  gpus: number;
  memoryMiB?: number;
};

function rolesOf(input: GpuFitInput): Role[] {
  const { requirement, engineMemoryMiB } = input;
  return [
    {
      role: 'engine',
      replicas: requirement.engineReplicas,
      gpus: requirement.perEngine,
      ...(engineMemoryMiB !== undefined && { memoryMiB: engineMemoryMiB }),
    },
    ...requirement.components.map(component => ({
      role: component.name,
      replicas: component.replicas,
      gpus: component.gpusPerPod,
    })),
  ];
}

/** A running pod's role: the component whose name its app label or name carries, else engine. */
function roleOfPod(pod: GpuPodObservation, components: string[]): string {
  const text = `${pod.app ?? ''} ${pod.name}`;
  return components.find(name => text.includes(name)) ?? 'engine';
}

const withoutInternals = ({
  blocked: _blocked,
  engineShortfall: _shortfall,
  ...fit
}: NodeOffer): GpuNodeFit => fit;

/**
 * Packs the pods a deployment needs onto its cluster's nodes, as the scheduler would have to:
 *
 * 1. Each GPU node offers the units of the engine's resource it advertises (allocatable, or its
 *    DRA devices), minus what every listed pod on it holds; nodes that cannot take the pods
 *    (NotReady, cordoned, tainted against the engine, DRA without readable slices, a GPU the
 *    policy no longer supports at the version judged) offer nothing, and units too small for an
 *    engine pod's GPU memory offer nothing to engine pods.
 * 2. The deployment's running pods stay where they are. Pods it needs but does not run (pending,
 *    or more replicas declared) are placed — largest first, best fit; a running pod whose GPUs
 *    change at the version judged is replaced the way a rolling update does it: the new pod is
 *    placed while the old one still holds its GPUs, which are then released.
 * 3. What is left answers the scale-up question: how many more engine pods fit, node by node.
 *
 * `undefined` when the observation does not list the nodes and the deployment's pods (a
 * snapshot or report from before node-level observations): the caller judges by totals.
 *
 * @public
 */
export function evaluateGpuFit(input: GpuFitInput): GpuFit | undefined {
  const { observation, requirement, engineMemoryMiB } = input;
  const { nodes, deploymentPods } = observation;
  if (!nodes || !deploymentPods) {
    return undefined;
  }
  const { resourceName, perEngine } = requirement;
  const offers = nodes.map(node =>
    describeNodeOffer(node, {
      resourceName,
      perEngine,
      engineMemoryMiB,
      policy: input.policy,
      version: input.version,
    }),
  );
  const offerOf = new Map(offers.map(offer => [offer.node, offer]));
  const components = requirement.components.map(c => c.name);

  const demands: GpuPodDemand[] = [];
  const replaced: Array<{ pod: GpuPodDemand; node: string; gpus: number }> = [];
  for (const role of rolesOf(input)) {
    const running = deploymentPods
      .filter(
        pod =>
          pod.node !== undefined &&
          (pod.requests[resourceName] ?? 0) > 0 &&
          roleOfPod(pod, components) === role.role,
      )
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, role.replicas);
    const demand = (name: string): GpuPodDemand => ({
      name,
      role: role.role,
      resourceName,
      gpus: role.gpus,
      ...(role.memoryMiB !== undefined && { memoryMiB: role.memoryMiB }),
    });
    for (const pod of running) {
      offerOf.get(pod.node as string)?.running.push(pod.name);
      const gpus = pod.requests[resourceName] ?? 0;
      if (gpus !== role.gpus) {
        const replacement = demand(`${role.role} pod replacing ${pod.name}`);
        demands.push(replacement);
        replaced.push({ pod: replacement, node: pod.node as string, gpus });
      }
    }
    for (let n = running.length + 1; n <= role.replicas; n++) {
      demands.push(demand(`${role.role} pod ${n}`));
    }
  }

  const unplaced = packGpuPods(offers, demands);
  // A rolling update that cannot start the new pod keeps the old one running.
  for (const { node, gpus } of replaced.filter(
    ({ pod }) => !unplaced.includes(pod),
  )) {
    const offer = offerOf.get(node);
    if (offer) {
      const released = Math.min(gpus, offer.taken);
      offer.taken -= released;
      offer.free += released;
    }
  }

  const enginePod: GpuPodDemand = {
    name: 'one more engine pod',
    role: 'engine',
    resourceName,
    gpus: perEngine,
    ...(engineMemoryMiB !== undefined && { memoryMiB: engineMemoryMiB }),
  };
  for (const offer of offers) {
    offer.moreEnginePods = podsThatFit(offer, enginePod);
  }
  return {
    basis: 'nodes',
    resourceName,
    enginePod: {
      gpus: perEngine,
      ...(engineMemoryMiB !== undefined && { memoryMiB: engineMemoryMiB }),
    },
    nodes: offers.map(withoutInternals),
    unplaced,
    moreEnginePods: offers.reduce(
      (sum, offer) => sum + offer.moreEnginePods,
      0,
    ),
    notes: fitNotes(observation, offers, engineMemoryMiB),
  };
}

function fitNotes(
  observation: GpuCapacityObservation,
  offers: NodeOffer[],
  engineMemoryMiB: number | undefined,
): string[] {
  const notes: string[] = [];
  const used = offers.filter(offer => !offer.blocked && offer.units > 0);
  if (observation.podScope !== 'cluster') {
    notes.push(
      "only the release namespace's pods were listed: GPUs that other namespaces' pods hold on these nodes are not subtracted, so fewer may be free",
    );
  }
  if (engineMemoryMiB === undefined) {
    notes.push(
      'the GPU memory an engine pod needs is not declared (spec.gpu.engineMemoryGiB), so GPU memory was not checked',
    );
  }
  if (used.some(offer => offer.isolation === 'time-slicing')) {
    notes.push(
      'time-slicing does not isolate GPU memory: pods sharing a GPU can run each other out of memory',
    );
  }
  if (used.some(offer => offer.isolation === 'mps')) {
    notes.push(
      "MPS limits each pod to its share of the GPU's memory; a pod that needs more fails to allocate it",
    );
  }
  return notes;
}
