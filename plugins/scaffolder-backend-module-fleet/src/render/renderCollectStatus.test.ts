import { renderCollectStatus as renderFleetCollector } from '@fleetdeck/plugin-fleet-common';
import { z } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';
import { answersFor } from '../__testUtils__/answerMatrix';
import { COLLECTOR_VERSION, renderCollectStatus } from './renderCollectStatus';

// The script itself is tested, against a loopback API server, where it lives: fleet-common's
// reports/collector.
describe('renderCollectStatus (onboarding)', () => {
  it("renders the fleet's collector for the deployment's name and namespace", () => {
    const answers = onboardingAnswersSchema(z).parse({
      ...answersFor('airgapped', 'ebs', 'nfs'),
      deployment: {
        name: 'acme-staging',
        lifecycle: 'staging',
        namespace: 'dg-staging',
        kubernetesVersion: '1.31',
      },
    });
    const script = renderCollectStatus(answers);
    expect(script).toBe(
      renderFleetCollector({
        deploymentName: 'acme-staging',
        namespace: 'dg-staging',
      }),
    );
    expect(script).toContain("DEPLOYMENT='acme-staging'");
    expect(script).toContain(COLLECTOR_VERSION);
  });
});
