import { checkOf, dateFromNow, evaluate } from './__testUtils__/upgradeFixture';

describe('evaluateUpgrade', () => {
  describe('license', () => {
    it('passes when none is required', () => {
      const signal = evaluate({
        spec: {
          profile: 'connected',
          license: undefined,
          billing: { mode: 'license-server' },
        },
      });
      expect(checkOf(signal, 'license')).toMatchObject({
        outcome: 'pass',
        message: 'a connected deployment needs no license of its own',
      });
    });

    it('warns when the license ends inside the upgrade window', () => {
      const spec = { license: { id: 'LIC-1', expiresAt: dateFromNow(45) } };
      expect(checkOf(evaluate({ spec }), 'license').outcome).toBe('pass');
      const signal = evaluate({ spec, options: { upgradeWindowDays: 60 } });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'license')).toEqual({
        id: 'license',
        title: 'License',
        outcome: 'warn',
        message:
          'license LIC-1 ends within the 60-day upgrade window: last valid day 2026-10-04 (in 45 days)',
        fix: 'renew license LIC-1 before upgrading, so the upgraded deployment does not stop soon after',
      });
      expect(
        checkOf(
          evaluate({
            spec: { license: { id: 'LIC-1', expiresAt: dateFromNow(0) } },
          }),
          'license',
        ).message,
      ).toBe(
        'license LIC-1 ends within the 30-day upgrade window: last valid day 2026-08-20 (today)',
      );
    });

    it('fails when the license expired', () => {
      const signal = evaluate({
        spec: { license: { id: 'LIC-1', expiresAt: dateFromNow(-9) } },
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'license')).toMatchObject({
        outcome: 'fail',
        message:
          'license LIC-1 expired: its last valid day was 2026-08-11, 9 days ago',
        fix: 'renew license LIC-1, update the license Secrets and spec.license.expiresAt, then upgrade',
      });
    });

    it('fails when an air-gapped deployment has no license', () => {
      expect(
        checkOf(evaluate({ spec: { license: undefined } }), 'license'),
      ).toMatchObject({
        outcome: 'fail',
        message:
          'an air-gapped deployment cannot run without a license, and none is on record',
      });
    });
  });
});
