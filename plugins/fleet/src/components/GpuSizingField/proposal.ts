import {
  plural,
  sizeForLoad,
  type GpuSizingTier,
  type ReleasePolicy,
} from '@fleetdeck/plugin-fleet-common';

/**
 * The value of the `FleetGpuSizing` field: the expected load and the engines sized for it.
 * `cpu` and `memory` are Kubernetes quantities per engine pod.
 *
 * @public
 */
export interface GpuSizingAnswer {
  /** Concurrent streams (users) expected at peak. */
  expectedStreams?: number;
  engineReplicas?: number;
  gpusPerEngine?: number;
  /** GPU memory one engine pod needs, GiB. */
  engineMemoryGiB?: number;
  /** CPU of one engine pod, e.g. `4`. */
  cpu?: string;
  /** Memory of one engine pod, e.g. `24Gi`. */
  memory?: string;
}

/** The figures of a sizing answer: everything but the load. */
export type GpuSizingFigures = Required<
  Omit<GpuSizingAnswer, 'expectedStreams'>
>;

/** The figures a field shows, in order. */
export const SIZING_FIGURES: ReadonlyArray<keyof GpuSizingFigures> = [
  'engineReplicas',
  'gpusPerEngine',
  'engineMemoryGiB',
  'cpu',
  'memory',
];

/** What the release policy's sizing table proposes for a load at a chart version. */
export interface GpuSizingProposal {
  expectedStreams: number;
  version: string;
  /** The sizing entry's `since`. */
  since: string;
  tier: GpuSizingTier;
  figures: GpuSizingFigures;
}

/**
 * The sizing table's row for `expectedStreams` at `version`, as the field's figures;
 * undefined when the policy has no sizing in force at that version.
 */
export function proposeGpuSizing(
  policy: ReleasePolicy | undefined,
  version: string,
  expectedStreams: number,
): GpuSizingProposal | undefined {
  const sized = sizeForLoad(policy, version, expectedStreams);
  if (!sized) {
    return undefined;
  }
  const { tier } = sized;
  return {
    expectedStreams,
    version,
    since: sized.since,
    tier,
    figures: {
      engineReplicas: tier.engineReplicas,
      gpusPerEngine: tier.gpusPerEngine,
      engineMemoryGiB: tier.gpuMemoryGiB,
      cpu: tier.cpu,
      memory: tier.memory,
    },
  };
}

/** Whether every figure of the answer is the proposal's (an SE has overridden none). */
export function followsProposal(
  answer: GpuSizingAnswer,
  proposal: GpuSizingProposal,
): boolean {
  return SIZING_FIGURES.every(key => answer[key] === proposal.figures[key]);
}

/** Whether the answer has no figure yet, so the proposal can fill them all. */
export function hasNoFigures(answer: GpuSizingAnswer): boolean {
  return SIZING_FIGURES.every(key => answer[key] === undefined);
}

/**
 * `For 8 concurrent streams, chart 0.42.0's sizing proposes medium: 2 engine pods with 1 GPU,
 * 16 GiB of GPU memory, 4 CPU and 24Gi memory each.`
 */
export function describeProposal(proposal: GpuSizingProposal): string {
  const { figures, tier } = proposal;
  return `For ${plural(proposal.expectedStreams, 'concurrent stream')}, chart ${
    proposal.version
  }'s sizing proposes ${tier.name}: ${plural(
    figures.engineReplicas,
    'engine pod',
  )} with ${plural(figures.gpusPerEngine, 'GPU')}, ${
    figures.engineMemoryGiB
  } GiB of GPU memory, ${figures.cpu} CPU and ${figures.memory} memory each.`;
}
