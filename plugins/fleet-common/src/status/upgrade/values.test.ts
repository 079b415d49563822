import type { ReleasePolicy } from '../../releases';
import { checkOf, evaluate, POLICY } from './__testUtils__/upgradeFixture';

describe('evaluateUpgrade', () => {
  describe('values', () => {
    const policy: ReleasePolicy = {
      ...POLICY,
      valuesChanges: [
        { since: '0.39.0', from: 'engine.old', to: 'engine.older' },
        { since: '0.40.0', from: 'engine.foo', to: 'engine.bar' },
        { since: '0.42.0', from: 'api.legacy' },
        { since: '0.43.0', from: 'api.future' },
      ],
    };

    it('fails on keys the target removed or renamed, with the replacement as fix', () => {
      const signal = evaluate({
        policy,
        observations: {
          valuesKeys: [
            'engine.old',
            'engine.foo',
            'engine.foo.sub',
            'engine.foobar',
            'api.legacy',
            'api.future',
          ],
        },
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'values')).toEqual({
        id: 'values',
        title: 'Values keys',
        outcome: 'fail',
        message:
          '0.42.0 no longer reads 3 values keys this deployment sets: engine.foo (renamed to engine.bar in 0.40.0), engine.foo.sub (engine.foo renamed to engine.bar in 0.40.0), api.legacy (removed in 0.42.0)',
        fix: 'in the values file, move engine.foo to engine.bar, move engine.foo.sub to engine.bar.sub, remove api.legacy',
      });
    });

    it('is unknown without a values file on record', () => {
      expect(
        checkOf(
          evaluate({ observations: { valuesKeys: undefined } }),
          'values',
        ),
      ).toMatchObject({
        outcome: 'unknown',
        message: 'no values file on record for this deployment',
      });
    });

    it('is unknown without a release policy, as is the path', () => {
      const signal = evaluate({ policy: null });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'values')).toMatchObject({
        outcome: 'unknown',
        message:
          'no release policy for deepgram-self-hosted, so removed and renamed values keys cannot be checked',
      });
      expect(checkOf(signal, 'path')).toMatchObject({
        outcome: 'unknown',
        message:
          'no release policy for deepgram-self-hosted, so required intermediate releases and known-bad releases cannot be checked',
      });
    });

    it('ignores a policy for another chart', () => {
      const signal = evaluate({ policy: { ...POLICY, chart: 'other-chart' } });
      expect(checkOf(signal, 'values').outcome).toBe('unknown');
    });
  });
});
