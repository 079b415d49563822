import type { CustomerDeploymentEntity } from '../../kinds';
import type { DeploymentFeature } from '../../releases/types';
import { defineUpgradeCheck, type Finding, newer } from './context';

const FEATURE_WORDS: Record<DeploymentFeature, string> = {
  'journal-billing': 'journal billing',
  'mig-resource': 'MIG GPU resource names',
};

/** The features with a minimum chart version that the deployment's entity declares it uses. */
export function deploymentFeatures(
  entity: CustomerDeploymentEntity,
): DeploymentFeature[] {
  const features: DeploymentFeature[] = [];
  if (entity.spec.billing?.mode === 'journal') {
    features.push('journal-billing');
  }
  if (entity.spec.gpu?.resourceName.startsWith('nvidia.com/mig-')) {
    features.push('mig-resource');
  }
  return features;
}

/**
 * The deployment's features (journal billing, MIG resource names) against the first chart
 * version that has them (policy `featureMinimums`): a target below a minimum would drop one.
 */
export const featuresCheck = defineUpgradeCheck({
  id: 'features',
  title: 'Features',
  evaluate(ctx) {
    const { policy, target, entity } = ctx;
    if (!target) {
      return {
        outcome: 'unknown',
        message: 'no target release to check the features against',
      };
    }
    if (!policy) {
      return {
        outcome: 'unknown',
        message: `no release policy for ${entity.spec.chart.name}, so the chart versions features need cannot be checked`,
        fix: 'publish a ReleasePolicy next to the chart index',
      };
    }
    const used = deploymentFeatures(entity);
    if (!used.length) {
      return {
        outcome: 'pass',
        message:
          'the deployment uses no feature that needs a minimum chart version',
      };
    }
    const findings: Finding[] = [];
    const met: string[] = [];
    for (const feature of used) {
      const minimum = policy.featureMinimums?.find(
        rule => rule.feature === feature,
      );
      if (!minimum) {
        met.push(`${FEATURE_WORDS[feature]} (no minimum in the policy)`);
      } else if (newer(minimum.minimum, target.version)) {
        findings.push({
          outcome: 'fail',
          message: `${target.version} has no ${FEATURE_WORDS[feature]}, which this deployment uses: it needs ${minimum.minimum} or later (${minimum.note})`,
          fix: `go to ${minimum.minimum} or later`,
        });
      } else {
        met.push(`${FEATURE_WORDS[feature]} (since ${minimum.minimum})`);
      }
    }
    if (!findings.length) {
      findings.push({
        outcome: 'pass',
        message: `${
          target.version
        } has every feature this deployment uses: ${met.join(', ')}`,
      });
    }
    return findings;
  },
});
