import type { ReleasePolicy } from '../../releases';
import {
  checkOf,
  evaluate,
  POLICY,
  release,
} from './__testUtils__/upgradeFixture';

describe('evaluateUpgrade', () => {
  describe('features', () => {
    // an index reaching below the features' minimums, to judge targets that lack them
    const releases = [
      release('0.35.0'),
      release('0.30.0'),
      release('0.27.0'),
      release('0.26.0'),
    ];
    const migGpu = {
      resourceName: 'nvidia.com/mig-3g.40gb',
      perEngine: 1,
      engineReplicas: 1,
    };
    const wholeGpu = { ...migGpu, resourceName: 'nvidia.com/gpu' };
    const journal = { mode: 'journal' as const, replicas: 1 };
    const license = { mode: 'license-server' as const };

    it.each([
      {
        case: 'journal billing to a release that has it',
        installed: '0.27.0',
        target: '0.30.0',
        billing: journal,
        gpu: wholeGpu,
        outcome: 'pass',
        message:
          '0.30.0 has every feature this deployment uses: journal billing (since 0.27.1)',
      },
      {
        case: 'MIG to a release before MIG resource names',
        installed: '0.27.0',
        target: '0.30.0',
        billing: license,
        gpu: migGpu,
        outcome: 'fail',
        message:
          '0.30.0 has no MIG GPU resource names, which this deployment uses: it needs 0.34.0 or later',
        fix: 'go to 0.34.0 or later',
      },
      {
        case: 'journal billing to a release before the Billing container',
        installed: '0.26.0',
        target: '0.27.0',
        billing: journal,
        gpu: wholeGpu,
        outcome: 'fail',
        message:
          '0.27.0 has no journal billing, which this deployment uses: it needs 0.27.1 or later',
        fix: 'go to 0.27.1 or later',
      },
      {
        case: 'both features to a release that has both',
        installed: '0.30.0',
        target: '0.35.0',
        billing: journal,
        gpu: migGpu,
        outcome: 'pass',
        message:
          '0.35.0 has every feature this deployment uses: journal billing (since 0.27.1), MIG GPU resource names (since 0.34.0)',
      },
      {
        case: 'no feature with a minimum',
        installed: '0.26.0',
        target: '0.27.0',
        billing: license,
        gpu: wholeGpu,
        outcome: 'pass',
        message:
          'the deployment uses no feature that needs a minimum chart version',
      },
    ])('$case: $outcome', ({ installed, target, billing, gpu, ...want }) => {
      const check = checkOf(
        evaluate({
          releases,
          spec: {
            chart: { name: 'deepgram-self-hosted', version: installed },
            billing,
            gpu,
          },
          options: { target },
        }),
        'features',
      );
      expect(check.outcome).toBe(want.outcome);
      expect(check.message).toContain(want.message);
      expect(check.fix).toBe(want.fix);
    });

    it('cites the CHANGELOG in a failure', () => {
      const check = checkOf(
        evaluate({
          releases,
          spec: {
            chart: { name: 'deepgram-self-hosted', version: '0.27.0' },
            gpu: migGpu,
          },
          options: { target: '0.30.0' },
        }),
        'features',
      );
      expect(check.message).toContain('CHANGELOG 0.34.0');
    });

    it('passes a feature the policy names no minimum for, saying so', () => {
      const policy: ReleasePolicy = { ...POLICY, featureMinimums: undefined };
      expect(
        checkOf(evaluate({ policy, spec: { gpu: migGpu } }), 'features'),
      ).toMatchObject({
        outcome: 'pass',
        message:
          '0.42.0 has every feature this deployment uses: journal billing (no minimum in the policy), MIG GPU resource names (no minimum in the policy)',
      });
    });

    it('is unknown without a release policy', () => {
      expect(checkOf(evaluate({ policy: null }), 'features')).toMatchObject({
        outcome: 'unknown',
        fix: 'publish a ReleasePolicy next to the chart index',
      });
    });
  });
});
