import {
  plural,
  type GpuSizingSignal,
  type GpuSizingTier,
} from '@fleetdeck/plugin-fleet-common';
import type { StatusTone } from '../status';

/** `8 concurrent streams at peak`. */
export function describeExpectedLoad(sizing: GpuSizingSignal): string {
  return `${plural(sizing.expectedStreams, 'concurrent stream')} at peak`;
}

/** Which table applied: `the release policy's table for 0.42.0 (in force since 0.40.0)`. */
export function describeSizingSource(sizing: GpuSizingSignal): string {
  return `the release policy's table for ${sizing.version} (in force since ${sizing.since})`;
}

/** `medium (up to 10 streams)`, or the name alone for the open-ended last row. */
export function describeTierName(tier: GpuSizingTier): string {
  return tier.upToStreams === undefined
    ? tier.name
    : `${tier.name} (up to ${plural(tier.upToStreams, 'stream')})`;
}

/** `2 engine pods × 1 GPU, each with 16 GiB of GPU memory, 4 CPU and 16Gi of memory`. */
export function describeTierShape(tier: GpuSizingTier): string {
  return `${plural(tier.engineReplicas, 'engine pod')} × ${plural(
    tier.gpusPerEngine,
    'GPU',
  )}, each with ${tier.gpuMemoryGiB} GiB of GPU memory, ${tier.cpu} CPU and ${
    tier.memory
  } of memory`;
}

/** The verdict as a word and a tone, never by colour alone. */
export function sizingVerdict(sizing: GpuSizingSignal): {
  word: string;
  tone: StatusTone;
} {
  return sizing.verdict === 'matches'
    ? { word: 'Matches the load', tone: 'ok' }
    : { word: 'Undersized for the load', tone: 'warning' };
}
