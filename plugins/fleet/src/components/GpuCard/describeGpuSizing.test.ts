import { undersizedGpuSizing } from '../../__fixtures__/gpuFit';
import {
  describeExpectedLoad,
  describeSizingSource,
  describeTierName,
  describeTierShape,
  sizingVerdict,
} from './describeGpuSizing';

const sizing = undersizedGpuSizing;

describe('describeGpuSizing', () => {
  it('words the load, the table and the tier', () => {
    expect(describeExpectedLoad(sizing)).toBe('8 concurrent streams at peak');
    expect(describeSizingSource(sizing)).toBe(
      "the release policy's table for 0.42.0 (in force since 0.40.0)",
    );
    expect(describeTierName(sizing.tier)).toBe('medium (up to 10 streams)');
    expect(
      describeTierName({
        ...sizing.tier,
        name: 'heavy',
        upToStreams: undefined,
      }),
    ).toBe('heavy');
    expect(describeTierShape(sizing.tier)).toBe(
      '2 engine pods × 1 GPU, each with 16 GiB of GPU memory, 4 CPU and 16Gi of memory',
    );
  });

  it('gives the verdict a word and a tone', () => {
    expect(sizingVerdict(sizing)).toEqual({
      word: 'Undersized for the load',
      tone: 'warning',
    });
    expect(sizingVerdict({ ...sizing, verdict: 'matches' })).toEqual({
      word: 'Matches the load',
      tone: 'ok',
    });
  });
});
