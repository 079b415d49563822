import type { DeploymentGpu } from '../../kinds';
import { sizeForLoad } from '../../releases/sizing';
import type { ReleasePolicy } from '../../releases/types';
import type { GpuRequirement } from '../../status/evaluateGpu';
import type { GpuCapacityObservation } from '../../status/observations';
import type { GpuSizingSignal } from '../../status/types';
import { plural } from '../../words/plural';
import { evaluateGpuFit } from './evaluateGpuFit';
import { describeMiB, gibToMiB } from './gpuMemory';

/** @public */
export interface GpuSizingInput {
  gpu: DeploymentGpu;
  policy?: ReleasePolicy;
  /** The chart version whose sizing applies (installed, or an upgrade target). */
  version: string;
  /** The deployment's pods at that version. */
  requirement: GpuRequirement;
  observation?: GpuCapacityObservation;
}

/**
 * Compares the expected load (`spec.gpu.expectedStreams`) with the release policy's sizing row
 * at a version: whether the declared engine pods, GPUs per pod and GPU memory cover the row
 * (`matches`) or not (`undersized`), and — packing the row's engine pods onto the observed
 * nodes as {@link evaluateGpuFit} does — how many such pods the cluster holds.
 * `undefined` without an expected load or a sizing row for the version.
 *
 * @public
 */
export function evaluateGpuSizing(
  input: GpuSizingInput,
): GpuSizingSignal | undefined {
  const { gpu, version } = input;
  if (gpu.expectedStreams === undefined) {
    return undefined;
  }
  const sized = sizeForLoad(input.policy, version, gpu.expectedStreams);
  if (!sized) {
    return undefined;
  }
  const { tier } = sized;
  const short = [
    gpu.engineReplicas < tier.engineReplicas && 'engine pods',
    gpu.perEngine < tier.gpusPerEngine && 'GPUs per engine pod',
    gpu.engineMemoryGiB !== undefined &&
      gpu.engineMemoryGiB < tier.gpuMemoryGiB &&
      'GPU memory',
  ].filter((part): part is string => Boolean(part));

  const fit = input.observation
    ? evaluateGpuFit({
        observation: input.observation,
        requirement: {
          ...input.requirement,
          perEngine: tier.gpusPerEngine,
          engineReplicas: tier.engineReplicas,
        },
        engineMemoryMiB: gibToMiB(tier.gpuMemoryGiB),
        policy: input.policy,
        version,
      })
    : undefined;
  const clusterHolds = fit
    ? tier.engineReplicas -
      fit.unplaced.filter(pod => pod.role === 'engine').length +
      fit.moreEnginePods
    : undefined;

  const row = `${plural(tier.engineReplicas, 'engine pod')} × ${
    tier.gpusPerEngine
  } ${gpu.resourceName} with ${describeMiB(
    gibToMiB(tier.gpuMemoryGiB),
  )} GPU memory, ${tier.cpu} CPU and ${tier.memory} memory each`;
  const declared = `${plural(gpu.engineReplicas, 'engine pod')} × ${
    gpu.perEngine
  }${
    gpu.engineMemoryGiB !== undefined
      ? ` with ${describeMiB(gibToMiB(gpu.engineMemoryGiB))}`
      : ''
  }`;
  const holds =
    clusterHolds === undefined
      ? ''
      : `; the cluster holds ${plural(clusterHolds, 'such engine pod')}${
          clusterHolds < tier.engineReplicas
            ? `, ${tier.engineReplicas - clusterHolds} short`
            : ''
        }`;
  return {
    expectedStreams: gpu.expectedStreams,
    version,
    since: sized.since,
    tier,
    verdict: short.length > 0 ? 'undersized' : 'matches',
    message: `${plural(gpu.expectedStreams, 'stream')} at ${version} size as ${
      tier.name
    }: ${row}; declared ${declared}${
      short.length > 0 ? ` — short on ${short.join(' and ')}` : ''
    }${holds}`,
    ...(clusterHolds !== undefined && { clusterHolds }),
  };
}
