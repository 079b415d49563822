import { evaluateGpuFit } from '../../gpu/fit/evaluateGpuFit';
import { evaluateGpuSizing } from '../../gpu/fit/evaluateGpuSizing';
import { judgeGpuFit } from '../../gpu/fit/judgeGpuFit';
import type { GpuFit } from '../../gpu/fit/types';
import { compareDriverVersions } from '../../releases/driverVersion';
import type { ReleasePolicy } from '../../releases/types';
import { plural } from '../../words/plural';
import {
  computeGpuRequirement,
  describeGpuRequirement,
  engineMemoryMiBOf,
  type GpuRequirement,
} from '../evaluateGpu';
import type { GpuCapacityObservation } from '../observations';
import type { GpuSizingSignal } from '../types';
import { describeSpan } from '../../time/durationWords';
import { parseInstant } from '../time';
import { defineUpgradeCheck, type Finding } from './context';

/**
 * Whether the pods the target needs (policy `gpuChanges` since the installed release, for
 * components the deployment runs) can be scheduled on the observed nodes, packed node by node
 * with room for one more engine pod during the rolling update (by totals for an observation
 * without nodes); the expected load against the target's sizing row; and the policy's minimum
 * driver against the observed one.
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
    const findings: Finding[] = [];
    const needs = `${target.version} needs ${after.required} ${
      after.resourceName
    } (${describeGpuRequirement(after)})`;
    const sizing = evaluateGpuSizing({
      gpu,
      policy,
      version: target.version,
      requirement: after,
      observation: observed,
    });
    const fit = evaluateGpuFit({
      observation: observed,
      requirement: after,
      engineMemoryMiB: engineMemoryMiBOf(gpu, sizing),
      policy,
      version: target.version,
    });
    if (fit) {
      findings.push(fitFinding(fit, observed.pendingGpuPods, needs, age));
      if (sizing) {
        findings.push(sizingFinding(sizing));
      }
    } else {
      findings.push(totalsFinding(observed, before, after, needs, age));
    }
    findings.push(...driverFindings(observed.driverVersion, policy));
    return findings;
  },
});

const OUTCOME_OF_STATUS = {
  ok: 'pass',
  tight: 'warn',
  insufficient: 'fail',
  unknown: 'unknown',
} as const;

function fitFinding(
  fit: GpuFit,
  pendingGpuPods: number,
  needs: string,
  age: string,
): Finding {
  const verdict = judgeGpuFit(fit, { pendingGpuPods, needs });
  const message = `${verdict.reason} (snapshot ${age} old)`;
  const unit = fit.resourceName;
  switch (verdict.status) {
    case 'insufficient':
      return {
        outcome: 'fail',
        message,
        fix:
          pendingGpuPods > 0 && fit.unplaced.length === 0
            ? 'resolve the pending pods before upgrading'
            : `free or add a node with ${
                fit.unplaced[0]?.gpus ?? fit.enginePod.gpus
              } ${unit} for each pod that fits nowhere, or reduce replicas, before upgrading`,
      };
    case 'tight':
      return {
        outcome: 'warn',
        message,
        fix: `free ${fit.enginePod.gpus} ${unit} on one node, or scale the engine down by one pod for the upgrade`,
      };
    case 'unknown':
      return {
        outcome: 'unknown',
        message,
        fix: "let the portal read resource.k8s.io ResourceSlices and ResourceClaims (the Kubernetes plugin's service account), or have the collector report them",
      };
    default:
      return { outcome: OUTCOME_OF_STATUS[verdict.status], message };
  }
}

function sizingFinding(sizing: GpuSizingSignal): Finding {
  const holdsTier =
    sizing.clusterHolds === undefined ||
    sizing.clusterHolds >= sizing.tier.engineReplicas;
  if (sizing.verdict === 'matches' && holdsTier) {
    return { outcome: 'pass', message: sizing.message };
  }
  return {
    outcome: 'warn',
    message: sizing.message,
    fix: holdsTier
      ? `declare the ${sizing.tier.name} row in spec.gpu (engine replicas, GPUs per engine, engineMemoryGiB) and the values, or lower spec.gpu.expectedStreams if the load is smaller`
      : `add GPUs for ${
          sizing.tier.engineReplicas - (sizing.clusterHolds ?? 0)
        } more engine pods of the ${
          sizing.tier.name
        } row before the load arrives`,
  };
}

/** For an observation with figures only (from before node-level observations). */
function totalsFinding(
  observed: GpuCapacityObservation,
  before: GpuRequirement,
  after: GpuRequirement,
  needs: string,
  age: string,
): Finding {
  const unit = after.resourceName;
  const extra = Math.max(0, after.required - before.required);
  const freeAfter = observed.allocatable - observed.requested - extra;
  if (after.required > observed.allocatable) {
    return {
      outcome: 'fail',
      message: `${needs}; only ${observed.allocatable} are allocatable (snapshot ${age} old)`,
      fix: `add ${
        after.required - observed.allocatable
      } ${unit} or reduce replicas before upgrading`,
    };
  }
  if (observed.pendingGpuPods > 0) {
    return {
      outcome: 'fail',
      message: `${plural(
        observed.pendingGpuPods,
        'pod',
      )} already pending for want of ${unit} (snapshot ${age} old)`,
      fix: 'resolve the pending pods before upgrading',
    };
  }
  if (freeAfter < 0) {
    return {
      outcome: 'fail',
      message: `${needs}, ${extra} more than now; only ${
        observed.allocatable - observed.requested
      } are free (snapshot ${age} old)`,
      fix: `free or add ${-freeAfter} ${unit} before upgrading`,
    };
  }
  if (freeAfter < after.perEngine) {
    return {
      outcome: 'warn',
      message: `${needs}; ${freeAfter} would be free, and a rolling upgrade needs ${after.perEngine} for one more engine pod (snapshot ${age} old)`,
      fix: `add ${
        after.perEngine - freeAfter
      } ${unit}, or scale the engine down by one pod for the upgrade`,
    };
  }
  return {
    outcome: 'pass',
    message: `${needs}; ${observed.allocatable} allocatable, ${freeAfter} free after the upgrade (snapshot ${age} old)`,
  };
}

function driverFindings(
  driverVersion: string | undefined,
  policy: ReleasePolicy | undefined,
): Finding[] {
  const minimum = policy?.minimumDriver?.version;
  if (!minimum) {
    return [];
  }
  if (!driverVersion) {
    return [
      {
        outcome: 'unknown',
        message: `the driver version was not observed, so the minimum ${minimum} could not be checked`,
      },
    ];
  }
  const order = compareDriverVersions(driverVersion, minimum);
  if (order === undefined) {
    return [
      {
        outcome: 'unknown',
        message: `cannot compare the driver version ${JSON.stringify(
          driverVersion,
        )} with the minimum ${minimum}`,
      },
    ];
  }
  return order < 0
    ? [
        {
          outcome: 'fail',
          message: `the NVIDIA driver ${driverVersion} is older than the minimum ${minimum}`,
          fix: `upgrade the NVIDIA driver on the GPU nodes to ${minimum} or later`,
        },
      ]
    : [
        {
          outcome: 'pass',
          message: `driver ${driverVersion} meets the minimum ${minimum}`,
        },
      ];
}
