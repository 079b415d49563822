import type { GpuSizingTier, ReleasePolicy } from './types';
import { sizeForLoad, sizingAt } from './sizing';

const row = (
  name: string,
  upToStreams: number | undefined,
  gpuMemoryGiB: number,
): GpuSizingTier => ({
  name,
  ...(upToStreams !== undefined && { upToStreams }),
  engineReplicas: 1,
  gpusPerEngine: 1,
  gpuMemoryGiB,
  cpu: '4',
  memory: '16Gi',
});

const policy: ReleasePolicy = {
  chart: 'deepgram-self-hosted',
  valuesChanges: [],
  gpuChanges: [],
  requiredIntermediates: [],
  knownBad: [],
  sizing: [
    {
      since: '0.40.0',
      loads: [row('light', 2, 14), row('heavy', undefined, 28)],
    },
    {
      since: '0.20.0',
      loads: [
        row('light', 2, 12),
        row('medium', 10, 16),
        row('heavy', undefined, 24),
      ],
    },
  ],
};

describe('sizeForLoad', () => {
  it.each([
    ['0.30.0', 1, 'light', 12],
    ['0.30.0', 2, 'light', 12],
    ['0.30.0', 3, 'medium', 16],
    ['0.30.0', 10, 'medium', 16],
    ['0.30.0', 11, 'heavy', 24],
    ['0.30.0', 500, 'heavy', 24],
    ['0.40.0', 5, 'heavy', 28],
    ['0.42.0', 2, 'light', 14],
  ])('at %s, %i streams → %s (%i GiB)', (version, streams, name, memory) => {
    const sized = sizeForLoad(policy, version, streams);
    expect(sized?.tier.name).toBe(name);
    expect(sized?.tier.gpuMemoryGiB).toBe(memory);
  });

  it('has no answer before the first entry or without a table', () => {
    expect(sizeForLoad(policy, '0.10.0', 4)).toBeUndefined();
    expect(
      sizeForLoad({ ...policy, sizing: undefined }, '0.30.0', 4),
    ).toBeUndefined();
    expect(sizeForLoad(undefined, '0.30.0', 4)).toBeUndefined();
  });

  it('takes the newest entry at or below the version', () => {
    expect(sizingAt(policy, '0.39.9')?.since).toBe('0.20.0');
    expect(sizingAt(policy, '0.40.0')?.since).toBe('0.40.0');
  });
});
