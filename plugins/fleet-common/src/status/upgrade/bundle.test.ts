import type { BundleObservation } from '../observations';
import {
  checkOf,
  evaluate,
  verifiedBundle,
} from './__testUtils__/upgradeFixture';

const bundle = (change: Partial<BundleObservation>): BundleObservation => ({
  ...verifiedBundle('0.42.0'),
  ...change,
});

describe('evaluateUpgrade', () => {
  describe('bundle', () => {
    it.each<{
      case: string;
      bundles: BundleObservation[];
      outcome: string;
      message: string;
      fix?: string;
    }>([
      {
        case: 'none handed out',
        bundles: [],
        outcome: 'fail',
        message:
          'no update bundle for 0.42.0 was handed out: an air-gapped site has no other way to get the chart and images',
        fix: `create the update bundle for 0.42.0 on the deployment's page (Upgrade → "Create update bundle"), carry it into the site and run sh verify-bundle.sh there`,
      },
      {
        case: 'only one for another release',
        bundles: [verifiedBundle('0.41.1')],
        outcome: 'fail',
        message: 'no update bundle for 0.42.0 was handed out',
      },
      {
        case: 'handed out, not verified yet',
        bundles: [
          bundle({
            verification: undefined,
            verifiedAt: undefined,
          }),
        ],
        outcome: 'warn',
        message:
          'the update bundle for 0.42.0 handed out 5 days ago by user:default/dana.se has not been verified on site yet',
        fix: 'run sh verify-bundle.sh in the bundle folder on site',
      },
      {
        case: 'verification failed',
        bundles: [
          bundle({
            verification: 'failed',
            failedFiles: ['images/engine-release-260812.tar', 'SHA256SUMS'],
          }),
        ],
        outcome: 'fail',
        message:
          'failed verification on site 3 days ago: missing or changed images/engine-release-260812.tar, SHA256SUMS',
        fix: 'copy images/engine-release-260812.tar, SHA256SUMS again from the bundle and run sh verify-bundle.sh again',
      },
      {
        case: 'the newest failed, an older one verified',
        bundles: [
          bundle({ id: 'b', verification: 'failed', failedFiles: ['x.tar'] }),
          bundle({ id: 'a' }),
        ],
        outcome: 'fail',
        message: 'missing or changed x.tar',
      },
      {
        case: 'verified',
        bundles: [verifiedBundle('0.41.1'), bundle({})],
        outcome: 'pass',
        message:
          'the update bundle for 0.42.0 handed out 5 days ago by user:default/dana.se was verified on site 3 days ago',
      },
    ])('air-gapped, $case: $outcome', ({ bundles, ...want }) => {
      const check = checkOf(evaluate({ observations: { bundles } }), 'bundle');
      expect(check.outcome).toBe(want.outcome);
      expect(check.message).toContain(want.message);
      // every finding but a pass says what to do, and names the script that checks the bundle
      expect(check.fix === undefined).toBe(want.outcome === 'pass');
      expect(check.fix ?? 'verify-bundle.sh').toContain('verify-bundle.sh');
      expect(check.fix ?? '').toContain(want.fix ?? '');
    });

    it.each(['connected', 'saas'] as const)(
      'is not needed for a %s deployment',
      profile => {
        expect(
          checkOf(
            evaluate({ spec: { profile }, observations: { bundles: [] } }),
            'bundle',
          ),
        ).toEqual({
          id: 'bundle',
          title: 'Update bundle',
          outcome: 'pass',
          message: `not needed: a ${profile} deployment pulls the chart and images itself`,
        });
      },
    );

    it('blocks the upgrade without a bundle', () => {
      expect(evaluate({ observations: { bundles: undefined } }).status).toBe(
        'blocked',
      );
    });
  });
});
