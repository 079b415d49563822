import {
  checkOf,
  evaluate,
  now,
  release,
} from './__testUtils__/upgradeFixture';

describe('evaluateUpgrade', () => {
  describe('kubernetes', () => {
    it('fails when the target needs a newer Kubernetes, and says which', () => {
      const signal = evaluate({
        spec: { cluster: { kubernetesVersion: '1.27', namespace: 'speech' } },
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'kubernetes')).toEqual({
        id: 'kubernetes',
        title: 'Kubernetes version',
        outcome: 'fail',
        message:
          '0.42.0 needs Kubernetes >=1.28.0-0; the cluster runs 1.27 (as declared in spec.cluster.kubernetesVersion)',
        fix: 'upgrade the cluster to a Kubernetes version that satisfies >=1.28.0-0 before upgrading the chart',
      });
    });

    it('names the newest release the cluster could take instead', () => {
      const signal = evaluate({
        spec: { cluster: { kubernetesVersion: '1.27', namespace: 'speech' } },
        releases: [
          release('0.41.0', '>=1.28.0-0'),
          release('0.40.0', '>=1.26.0-0'),
          release('0.39.0', '>=1.26.0-0'),
        ],
        policy: null,
      });
      expect(checkOf(signal, 'kubernetes').fix).toBe(
        'upgrade the cluster to a Kubernetes version that satisfies >=1.28.0-0 before upgrading the chart, or upgrade only to 0.40.0, the newest release that supports Kubernetes 1.27',
      );
    });

    it('explains a vendor suffix refused by a range without "-0"', () => {
      const signal = evaluate({
        spec: {
          cluster: { kubernetesVersion: 'v1.29.3-eks-4d1a2', namespace: 'dg' },
        },
        releases: [
          release('0.42.0', '>=1.28.0'),
          release('0.39.0', '>=1.28.0'),
        ],
      });
      expect(checkOf(signal, 'kubernetes')).toMatchObject({
        outcome: 'fail',
        fix: 'Helm reads the vendor suffix of v1.29.3-eks-4d1a2 as a pre-release, which >=1.28.0 (no "-0") does not admit; the chart\'s kubeVersion would need "-0" (e.g. ">=1.28.0-0")',
      });
    });

    it('takes the Kubernetes version the cluster reported over the entity', () => {
      const signal = evaluate({
        spec: { cluster: { kubernetesVersion: '1.27', namespace: 'speech' } },
        observations: {
          reported: {
            kubernetesVersion: 'v1.30.5-gke.1014001',
            observedAt: now.toISOString(),
          },
        },
      });
      expect(checkOf(signal, 'kubernetes')).toMatchObject({
        outcome: 'pass',
        message:
          "Kubernetes v1.30.5-gke.1014001 (as last reported by the cluster) satisfies 0.42.0's kubeVersion >=1.28.0-0",
      });
    });

    it('passes a release without kubeVersion', () => {
      const signal = evaluate({
        releases: [release('0.42.0'), release('0.39.0')],
      });
      expect(checkOf(signal, 'kubernetes')).toMatchObject({
        outcome: 'pass',
        message:
          '0.42.0 declares no kubeVersion, so Helm installs it on any Kubernetes',
      });
    });

    it('is unknown, and so is the upgrade, when the cluster version cannot be read', () => {
      const signal = evaluate({
        spec: { cluster: { kubernetesVersion: 'latest', namespace: 'dg' } },
      });
      expect(signal.status).toBe('unknown');
      expect(checkOf(signal, 'kubernetes')).toMatchObject({
        outcome: 'unknown',
        message:
          'cannot read the cluster\'s Kubernetes version "latest" (as declared in spec.cluster.kubernetesVersion)',
      });
    });
  });
});
