import { checkOf, daysFromNow, evaluate } from './__testUtils__/upgradeFixture';

describe('evaluateUpgrade', () => {
  describe('journal', () => {
    it('does not apply without journal billing', () => {
      const signal = evaluate({
        spec: {
          profile: 'connected',
          license: undefined,
          billing: { mode: 'license-server' },
        },
      });
      expect(checkOf(signal, 'journal')).toMatchObject({
        outcome: 'pass',
        message:
          'does not apply: this deployment bills by license-server, not by journals',
      });
    });

    it('warns when a replica is due', () => {
      const signal = evaluate({
        observations: {
          journals: [
            {
              replica: 'deepgram-billing-0',
              receivedAt: daysFromNow(-2).toISOString(),
            },
            {
              replica: 'deepgram-billing-1',
              receivedAt: daysFromNow(-25).toISOString(),
            },
          ],
        },
      });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'journal')).toMatchObject({
        outcome: 'warn',
        message: 'deepgram-billing-1 is due by 2026-08-25T12:00:00.000Z',
        fix: 'return the journals of deepgram-billing-1 before upgrading; the billing pods restart during the upgrade, so return their journals first',
      });
    });

    it('fails when a replica is overdue or never returned a journal', () => {
      const signal = evaluate({
        observations: {
          journals: [
            {
              replica: 'deepgram-billing-0',
              receivedAt: daysFromNow(-40).toISOString(),
            },
          ],
        },
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'journal')).toMatchObject({
        outcome: 'fail',
        message:
          'deepgram-billing-0 is overdue (due 2026-08-10T12:00:00.000Z), deepgram-billing-1 has never returned a journal',
        fix: 'collect and return the journals of deepgram-billing-0, deepgram-billing-1 before upgrading; the billing pods restart during the upgrade, so return their journals first',
      });
    });
  });
});
