import { compareDriverVersions } from '../../releases/driverVersion';
import { plural } from '../../words/plural';
import { computeGpuRequirement, describeGpuRequirement } from '../evaluateGpu';
import { describeSpan } from '../../time/durationWords';
import { parseInstant } from '../time';
import { defineUpgradeCheck, type Finding } from './context';

/**
 * The GPUs the target needs (policy `gpuChanges` since the installed release, for components
 * the deployment runs) against those allocatable and free, with room for one more engine pod
 * during the rolling update; and the policy's minimum driver against the observed one.
 */
export const gpuCheck = defineUpgradeCheck({
  id: 'gpu',
  title: 'GPU capacity',
  evaluate(ctx) {
    const { entity, observations, policy, current, target, now } = ctx;
    const gpu = entity.spec.gpu;
    if (!target) {
      return {
        outcome: 'unknown',
        message: 'no target release to compute the GPUs for',
      };
    }
    if (!gpu) {
      return {
        outcome: 'unknown',
        message:
          'spec.gpu is not declared, so the GPUs this deployment needs are unknown',
        fix: 'declare spec.gpu (resourceName, perEngine, engineReplicas and GPU components)',
      };
    }
    const observed = observations.gpu;
    if (!observed) {
      return {
        outcome: 'unknown',
        message:
          'no GPU capacity has been observed for this deployment (no cluster snapshot or status report)',
        fix: 'connect the cluster through the Kubernetes plugin, or have the customer send a status report',
      };
    }
    const observedAt = parseInstant(observed.observedAt);
    const age = observedAt
      ? describeSpan(now.getTime() - observedAt.getTime())
      : 'an unknown time';
    if (observed.error) {
      return {
        outcome: 'unknown',
        message: `the latest GPU observation failed (${observed.error}); the last good snapshot is ${age} old`,
        fix: 'fix the cluster connection or ask for a fresh status report',
      };
    }
    const before = computeGpuRequirement(gpu, { from: current, to: current });
    const after = computeGpuRequirement(gpu, {
      policy,
      from: current,
      to: target.version,
    });
    const unit = after.resourceName;
    const extra = Math.max(0, after.required - before.required);
    const freeAfter = observed.allocatable - observed.requested - extra;
    const findings: Finding[] = [];
    const needs = `${target.version} needs ${
      after.required
    } ${unit} (${describeGpuRequirement(after)})`;
    if (after.required > observed.allocatable) {
      findings.push({
        outcome: 'fail',
        message: `${needs}; only ${observed.allocatable} are allocatable (snapshot ${age} old)`,
        fix: `add ${
          after.required - observed.allocatable
        } ${unit} or reduce replicas before upgrading`,
      });
    } else if (observed.pendingGpuPods > 0) {
      findings.push({
        outcome: 'fail',
        message: `${plural(
          observed.pendingGpuPods,
          'pod',
        )} already pending for want of ${unit} (snapshot ${age} old)`,
        fix: 'resolve the pending pods before upgrading',
      });
    } else if (freeAfter < 0) {
      findings.push({
        outcome: 'fail',
        message: `${needs}, ${extra} more than now; only ${
          observed.allocatable - observed.requested
        } are free (snapshot ${age} old)`,
        fix: `free or add ${-freeAfter} ${unit} before upgrading`,
      });
    } else if (freeAfter < after.perEngine) {
      findings.push({
        outcome: 'warn',
        message: `${needs}; ${freeAfter} would be free, and a rolling upgrade needs ${after.perEngine} for one more engine pod (snapshot ${age} old)`,
        fix: `add ${
          after.perEngine - freeAfter
        } ${unit}, or scale the engine down by one pod for the upgrade`,
      });
    } else {
      findings.push({
        outcome: 'pass',
        message: `${needs}; ${observed.allocatable} allocatable, ${freeAfter} free after the upgrade (snapshot ${age} old)`,
      });
    }
    const minimum = policy?.minimumDriver?.version;
    if (minimum && observed.driverVersion) {
      const order = compareDriverVersions(observed.driverVersion, minimum);
      if (order === undefined) {
        findings.push({
          outcome: 'unknown',
          message: `cannot compare the driver version ${JSON.stringify(
            observed.driverVersion,
          )} with the minimum ${minimum}`,
        });
      } else if (order < 0) {
        findings.push({
          outcome: 'fail',
          message: `the NVIDIA driver ${observed.driverVersion} is older than the minimum ${minimum}`,
          fix: `upgrade the NVIDIA driver on the GPU nodes to ${minimum} or later`,
        });
      } else {
        findings.push({
          outcome: 'pass',
          message: `driver ${observed.driverVersion} meets the minimum ${minimum}`,
        });
      }
    } else if (minimum) {
      findings.push({
        outcome: 'unknown',
        message: `the driver version was not observed, so the minimum ${minimum} could not be checked`,
      });
    }
    return findings;
  },
});
