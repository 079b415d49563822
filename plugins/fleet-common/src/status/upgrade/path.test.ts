import type { ReleasePolicy } from '../../releases';
import { checkOf, evaluate, POLICY } from './__testUtils__/upgradeFixture';

describe('evaluateUpgrade', () => {
  describe('path', () => {
    it('fails when the upgrade skips required intermediate releases', () => {
      const policy: ReleasePolicy = {
        ...POLICY,
        requiredIntermediates: [
          { from: '>=0.40.0 <0.41.0', via: '0.41.1' },
          {
            from: '<0.40.0',
            via: '0.40.1',
            note: 'migrates the journal layout',
          },
          { from: '<0.30.0', via: '0.30.0' },
        ],
      };
      const signal = evaluate({ policy });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'path')).toEqual({
        id: 'path',
        title: 'Upgrade path',
        outcome: 'fail',
        message:
          'an upgrade from 0.39.0 must pass through 0.40.1 (migrates the journal layout), then 0.41.1',
        fix: 'upgrade to 0.40.1, then 0.41.1 first, then to 0.42.0',
      });
      // going to the intermediate itself needs no intermediate
      expect(
        checkOf(evaluate({ policy, options: { target: '0.40.1' } }), 'path')
          .outcome,
      ).toBe('pass');
    });

    it('fails when the target is known-bad, with the fixed release as fix', () => {
      const signal = evaluate({ options: { target: '0.41.0' } });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'path')).toMatchObject({
        outcome: 'fail',
        message: expect.stringMatching(
          /^0\.41\.0 is a known-bad release: carries the same 0\.40\.2/,
        ),
        fix: 'go to 0.41.1 instead of 0.41.0',
      });
    });

    it('fails when a release the upgrade passes through is known-bad', () => {
      const policy: ReleasePolicy = {
        ...POLICY,
        requiredIntermediates: [{ from: '<0.40.0', via: '0.40.2' }],
      };
      expect(checkOf(evaluate({ policy }), 'path')).toMatchObject({
        outcome: 'fail',
        fix: 'upgrade to 0.40.2 first, then to 0.42.0; go to 0.41.1 instead of 0.40.2',
      });
    });

    it('warns when the installed release is known-bad', () => {
      const signal = evaluate({
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.40.2' } },
      });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'path')).toMatchObject({
        outcome: 'warn',
        message: expect.stringMatching(
          /^the installed release 0\.40\.2 is known-bad: breaks images/,
        ),
        fix: 'move to 0.41.1 or later',
      });
    });

    it('keeps the known-bad warning of an up-to-date deployment', () => {
      const policy: ReleasePolicy = {
        ...POLICY,
        knownBad: [{ version: '0.42.0' }],
      };
      const signal = evaluate({
        policy,
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.42.0' } },
      });
      expect(signal.status).toBe('up-to-date');
      expect(signal.checks.map(c => [c.id, c.outcome])).toEqual([
        ['target', 'pass'],
        ['path', 'warn'],
      ]);
      expect(checkOf(signal, 'path').fix).toBe(
        'watch for a release that fixes it',
      );
    });
  });
});
