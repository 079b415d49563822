import { z } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';
import { answersFor, sizedAnswersFor } from '../__testUtils__/answerMatrix';
import { renderRunbook } from './renderRunbook';
import { describeEngineSizing } from './engineSizing';

const parse = (input: unknown) => onboardingAnswersSchema(z).parse(input);

describe('describeEngineSizing', () => {
  it('says the load and what each engine pod takes', () => {
    expect(
      describeEngineSizing(parse(sizedAnswersFor('airgapped', 'ebs', 'nfs'))),
    ).toBe(
      'Sized for 8 concurrent streams at peak: 2 engine pods with 2 nvidia.com/mig-3g.40gb, 16 GiB of GPU memory, 4 CPU and 24Gi memory each.',
    );
  });

  it('says what is known without a load, and nothing without a sizing', () => {
    const answers = answersFor('airgapped', 'ebs', 'nfs');
    expect(
      describeEngineSizing(
        parse({
          ...answers,
          gpu: { engineReplicas: 1, perEngine: 1, engineMemoryGiB: 12 },
        }),
      ),
    ).toBe(
      'Engines: 1 engine pod with 1 nvidia.com/gpu and 12 GiB of GPU memory each.',
    );
    expect(describeEngineSizing(parse(answers))).toBeUndefined();
  });

  it('opens the runbook when sized', () => {
    const runbook = renderRunbook(
      parse(sizedAnswersFor('airgapped', 'ebs', 'nfs')),
    );
    expect(runbook.split('\n').slice(0, 8).join('\n')).toContain(
      'Sized for 8 concurrent streams at peak',
    );
  });
});
