import {
  checkOf,
  evaluate,
  now,
  release,
  RELEASES,
} from './__testUtils__/upgradeFixture';

describe('evaluateUpgrade', () => {
  describe('target', () => {
    it('passes for a requested older-than-latest target and says what is newest', () => {
      const signal = evaluate({ options: { target: '0.41.1' } });
      expect(signal).toMatchObject({
        status: 'ready',
        target: '0.41.1',
        latest: '0.42.0',
      });
      expect(checkOf(signal, 'target')).toMatchObject({
        outcome: 'pass',
        message:
          'upgrade from 0.39.0 to 0.41.1: 5 releases ahead, 28 days newer (the newest is 0.42.0)',
      });
    });

    it('is up to date on the newest release, reporting only the target', () => {
      const signal = evaluate({
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.42.0' } },
      });
      expect(signal).toEqual({
        status: 'up-to-date',
        current: '0.42.0',
        target: '0.42.0',
        latest: '0.42.0',
        versionsBehind: 0,
        daysBehind: 0,
        checks: [
          {
            id: 'target',
            title: 'Target release',
            outcome: 'pass',
            message:
              '0.42.0 is installed, the newest release of deepgram-self-hosted',
          },
        ],
      });
    });

    it('is up to date when the requested target is what is installed', () => {
      const signal = evaluate({ options: { target: '0.39.0' } });
      expect(signal).toMatchObject({
        status: 'up-to-date',
        target: '0.39.0',
        latest: '0.42.0',
      });
      expect(checkOf(signal, 'target').message).toBe(
        '0.39.0 is already installed (the newest is 0.42.0)',
      );
    });

    it('fails for a target that is not a release, naming those available', () => {
      const signal = evaluate({ options: { target: '0.50.0' } });
      expect(signal.status).toBe('blocked');
      expect(signal.target).toBeUndefined();
      expect(checkOf(signal, 'target')).toEqual({
        id: 'target',
        title: 'Target release',
        outcome: 'fail',
        message:
          '0.50.0 is not a release of deepgram-self-hosted; available: 0.42.0, 0.41.1, 0.41.0, 0.40.2, 0.40.1, 0.40.0, 0.39.0, 0.38.0, … (22 releases)',
        fix: 'pick one of the available versions',
      });
      expect(checkOf(signal, 'kubernetes').outcome).toBe('unknown');
    });

    it('fails for a target older than the installed release', () => {
      expect(
        checkOf(evaluate({ options: { target: '0.38.0' } }), 'target'),
      ).toMatchObject({
        outcome: 'fail',
        message:
          '0.38.0 is older than the installed 0.39.0; only upgrades are checked',
      });
    });

    it('is unknown when the installed version is not in the index', () => {
      const signal = evaluate({
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.39.5' } },
      });
      expect(signal.status).toBe('unknown');
      expect(signal.versionsBehind).toBeUndefined();
      expect(checkOf(signal, 'target')).toMatchObject({
        outcome: 'unknown',
        message:
          'the installed version 0.39.5 is not a release of deepgram-self-hosted in the index (newest: 0.42.0)',
      });
    });

    it('is unknown without any release', () => {
      const signal = evaluate({ releases: [] });
      expect(signal.status).toBe('unknown');
      expect(checkOf(signal, 'target')).toMatchObject({
        outcome: 'unknown',
        message: 'the release index has no releases of deepgram-self-hosted',
      });
    });

    it('takes the installed version the cluster reported over the entity', () => {
      const signal = evaluate({
        spec: { chart: { name: 'deepgram-self-hosted', version: '0.38.0' } },
        observations: {
          reported: { chartVersion: '0.39.0', observedAt: now.toISOString() },
        },
      });
      expect(signal.current).toBe('0.39.0');
      expect(checkOf(signal, 'target').message).toBe(
        'upgrade from 0.39.0 (last reported by the cluster; the entity declares 0.38.0) to 0.42.0: 6 releases ahead, 42 days newer',
      );
    });

    it('does not offer a pre-release as the newest release', () => {
      const signal = evaluate({
        releases: [release('0.43.0-rc.1'), ...RELEASES],
      });
      expect(signal).toMatchObject({
        latest: '0.42.0',
        target: '0.42.0',
        versionsBehind: 6,
      });
    });
  });
});
