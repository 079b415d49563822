import { normalizeVersion } from '../../releases/chartVersion';
import { satisfiesKubeVersion } from '../../releases/kubeVersion';
import { defineUpgradeCheck, newer } from './context';

/**
 * The target's `kubeVersion` against the cluster's version (the reported one wins over
 * `spec.cluster.kubernetesVersion`), with Helm's rules; fails naming the newest release the
 * cluster could take instead.
 */
export const kubernetesCheck = defineUpgradeCheck({
  id: 'kubernetes',
  title: 'Kubernetes version',
  essential: true,
  evaluate(ctx) {
    const { entity, observations, target, releases, current } = ctx;
    const reported = observations.reported?.kubernetesVersion;
    const cluster = reported ?? entity.spec.cluster.kubernetesVersion;
    const source = reported
      ? 'as last reported by the cluster'
      : 'as declared in spec.cluster.kubernetesVersion';
    if (!target) {
      return {
        outcome: 'unknown',
        message: 'no target release to check the cluster against',
      };
    }
    if (!target.kubeVersion?.trim()) {
      return {
        outcome: 'pass',
        message: `${target.version} declares no kubeVersion, so Helm installs it on any Kubernetes`,
      };
    }
    const range = target.kubeVersion;
    const fits = satisfiesKubeVersion(range, cluster);
    if (fits === undefined) {
      return normalizeVersion(cluster)
        ? {
            outcome: 'unknown',
            message: `cannot read ${
              target.version
            }'s kubeVersion ${JSON.stringify(range)}`,
          }
        : {
            outcome: 'unknown',
            message: `cannot read the cluster's Kubernetes version ${JSON.stringify(
              cluster,
            )} (${source})`,
            fix: 'set spec.cluster.kubernetesVersion to what `kubectl version` reports, e.g. v1.31.4-eks-2d5f260',
          };
    }
    if (fits) {
      return {
        outcome: 'pass',
        message: `Kubernetes ${cluster} (${source}) satisfies ${target.version}'s kubeVersion ${range}`,
      };
    }
    const normalized = normalizeVersion(cluster)!;
    const core = normalized.replace(/[-+].*$/, '');
    const suffixOnly =
      core !== normalized.replace(/\+.*$/, '') &&
      satisfiesKubeVersion(range, core) === true;
    const supported = releases.find(
      release =>
        newer(release.version, current) &&
        !newer(release.version, target.version) &&
        (!release.kubeVersion ||
          satisfiesKubeVersion(release.kubeVersion, cluster) === true),
    );
    const fixes = [
      suffixOnly
        ? `Helm reads the vendor suffix of ${cluster} as a pre-release, which ${range} (no "-0") does not admit; the chart's kubeVersion would need "-0" (e.g. ">=1.28.0-0")`
        : `upgrade the cluster to a Kubernetes version that satisfies ${range} before upgrading the chart`,
    ];
    if (supported) {
      fixes.push(
        `or upgrade only to ${supported.version}, the newest release that supports Kubernetes ${cluster}`,
      );
    }
    return {
      outcome: 'fail',
      message: `${target.version} needs Kubernetes ${range}; the cluster runs ${cluster} (${source})`,
      fix: fixes.join(', '),
    };
  },
});
