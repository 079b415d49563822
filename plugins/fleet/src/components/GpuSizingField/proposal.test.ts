import { releasesResponse } from '../../__fixtures__/statuses';
import {
  describeProposal,
  followsProposal,
  hasNoFigures,
  proposeGpuSizing,
} from './proposal';

const policy = releasesResponse.charts[0].policy;

describe('proposeGpuSizing', () => {
  it.each([
    [1, 'light', 1, 1, 12, '4', '16Gi'],
    [2, 'light', 1, 1, 12, '4', '16Gi'],
    [3, 'medium', 2, 1, 16, '4', '24Gi'],
    [10, 'medium', 2, 1, 16, '4', '24Gi'],
    [11, 'heavy', 3, 1, 24, '8', '32Gi'],
    [400, 'heavy', 3, 1, 24, '8', '32Gi'],
  ])(
    '%i streams: %s, %i engine pods × %i GPU, %i GiB, %s CPU, %s memory',
    (
      streams,
      tier,
      engineReplicas,
      gpusPerEngine,
      engineMemoryGiB,
      cpu,
      memory,
    ) => {
      const proposal = proposeGpuSizing(policy, '0.42.0', streams);
      expect(proposal?.tier.name).toBe(tier);
      expect(proposal?.figures).toEqual({
        engineReplicas,
        gpusPerEngine,
        engineMemoryGiB,
        cpu,
        memory,
      });
    },
  );

  it('proposes nothing where the policy has no sizing', () => {
    expect(proposeGpuSizing(policy, '0.20.0', 4)).toBeUndefined();
    expect(proposeGpuSizing(undefined, '0.42.0', 4)).toBeUndefined();
  });

  it('says what it proposes in words', () => {
    expect(describeProposal(proposeGpuSizing(policy, '0.42.0', 8)!)).toBe(
      "For 8 concurrent streams, chart 0.42.0's sizing proposes medium: 2 engine pods with 1 GPU, 16 GiB of GPU memory, 4 CPU and 24Gi memory each.",
    );
    expect(describeProposal(proposeGpuSizing(policy, '0.42.0', 1)!)).toMatch(
      /^For 1 concurrent stream, .* light: 1 engine pod with 1 GPU, 12 GiB/,
    );
  });

  it('tells an answer that follows the proposal from one an SE changed', () => {
    const proposal = proposeGpuSizing(policy, '0.42.0', 8)!;
    const answer = { expectedStreams: 8, ...proposal.figures };
    expect(followsProposal(answer, proposal)).toBe(true);
    expect(followsProposal({ ...answer, engineReplicas: 3 }, proposal)).toBe(
      false,
    );
    expect(hasNoFigures({ expectedStreams: 8 })).toBe(true);
    expect(hasNoFigures(answer)).toBe(false);
  });
});
