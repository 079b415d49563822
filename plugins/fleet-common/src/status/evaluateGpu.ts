import type { CustomerDeploymentSpec, DeploymentGpu } from '../kinds';
import { compareChartVersions } from '../releases/chartVersion';
import type { ReleasePolicy } from '../releases/types';
import type { DeploymentObservations } from './observations';
import { describeSpan } from '../time/durationWords';
import { plural } from '../words/plural';
import { parseInstant } from './time';
import type { GpuSignal, GpuSizingSignal } from './types';
import { evaluateGpuFit } from '../gpu/fit/evaluateGpuFit';
import { evaluateGpuSizing } from '../gpu/fit/evaluateGpuSizing';
import { gibToMiB } from '../gpu/fit/gpuMemory';
import { judgeGpuFit } from '../gpu/fit/judgeGpuFit';

/** @public */
export interface GpuComponentRequirement {
  name: string;
  replicas: number;
  /** GPUs per pod at the version the requirement was computed for. */
  gpusPerPod: number;
  /** GPUs per pod as the entity declares them (the installed version). */
  declaredGpusPerPod: number;
  /** The release whose policy `gpuChanges` rule set `gpusPerPod`, when one applied. */
  changedIn?: string;
  /** That rule's note. */
  note?: string;
}

/**
 * The GPUs a deployment's pods request, at its installed version or at an upgrade target.
 *
 * @public
 */
export interface GpuRequirement {
  resourceName: string;
  perEngine: number;
  engineReplicas: number;
  /** `engineReplicas × perEngine` */
  engineGpus: number;
  components: GpuComponentRequirement[];
  /** Engine GPUs plus every component's `replicas × gpusPerPod`. */
  required: number;
}

/** @public */
export interface GpuRequirementOptions {
  /** Rules for per-pod GPU changes between releases. */
  policy?: ReleasePolicy;
  /** The installed chart version. */
  from?: string;
  /** The version to compute the requirement for; needs `from` and `policy` to change anything. */
  to?: string;
}

/**
 * Computes the GPUs a deployment needs:
 * `engineReplicas × perEngine + Σ components replicas × gpusPerPod`. With a policy, `from` and
 * `to`, each component the deployment runs takes the `gpusPerPod` of the newest `gpuChanges`
 * rule whose `since` lies in `(from, to]` — for example `agent-text-to-speech` asks for 2 GPUs
 * from 0.35.0 on.
 *
 * @public
 */
export function computeGpuRequirement(
  gpu: DeploymentGpu,
  options: GpuRequirementOptions = {},
): GpuRequirement {
  const { policy, from, to } = options;
  const changes =
    policy && from && to
      ? policy.gpuChanges
          .filter(
            change =>
              compareChartVersions(change.since, from) > 0 &&
              compareChartVersions(change.since, to) <= 0,
          )
          .sort((a, b) => compareChartVersions(a.since, b.since))
      : [];
  const components = (gpu.components ?? []).map(component => {
    const requirement: GpuComponentRequirement = {
      name: component.name,
      replicas: component.replicas,
      gpusPerPod: component.gpusPerPod,
      declaredGpusPerPod: component.gpusPerPod,
    };
    for (const change of changes) {
      if (change.component === component.name) {
        requirement.gpusPerPod = change.gpusPerPod;
        requirement.changedIn = change.since;
        requirement.note = change.note;
      }
    }
    if (requirement.note === undefined) {
      delete requirement.note;
    }
    return requirement;
  });
  const engineGpus = gpu.engineReplicas * gpu.perEngine;
  return {
    resourceName: gpu.resourceName,
    perEngine: gpu.perEngine,
    engineReplicas: gpu.engineReplicas,
    engineGpus,
    components,
    required: components.reduce(
      (sum, component) => sum + component.replicas * component.gpusPerPod,
      engineGpus,
    ),
  };
}

/**
 * The arithmetic behind a requirement, in words:
 * `6 engine pods × 1 + agent-text-to-speech 1 × 2 (2 since 0.35.0, was 1)`.
 *
 * @public
 */
export function describeGpuRequirement(requirement: GpuRequirement): string {
  const parts = [
    `${plural(requirement.engineReplicas, 'engine pod')} × ${
      requirement.perEngine
    }`,
    ...requirement.components.map(component => {
      const change =
        component.changedIn &&
        component.gpusPerPod !== component.declaredGpusPerPod
          ? ` (${component.gpusPerPod} since ${component.changedIn}, was ${component.declaredGpusPerPod})`
          : '';
      return `${component.name} ${component.replicas} × ${component.gpusPerPod}${change}`;
    }),
  ];
  return parts.join(' + ');
}

/** @public */
export interface GpuEvaluationOptions {
  /** Release policy, for per-pod GPU changes when evaluating for a `target`. */
  policy?: ReleasePolicy;
  /** The installed chart version (defaults to `spec.chart.version`). */
  current?: string;
  /** Evaluate the capacity the deployment needs at this chart version instead of now. */
  target?: string;
}

/**
 * The GPU memory one engine pod needs, MiB: declared (`spec.gpu.engineMemoryGiB`), else the
 * sizing row's for the expected load.
 *
 * @internal
 */
export function engineMemoryMiBOf(
  gpu: DeploymentGpu,
  sizing: GpuSizingSignal | undefined,
): number | undefined {
  const gib = gpu.engineMemoryGiB ?? sizing?.tier.gpuMemoryGiB;
  return gib === undefined ? undefined : gibToMiB(gib);
}

const gpus = (count: number, resourceName: string) =>
  `${count} ${resourceName}`;

/**
 * Evaluates whether the pods a deployment needs can be scheduled on its cluster, from the latest
 * capacity observation (cluster snapshot or status report) and `spec.gpu`.
 *
 * When the observation lists the nodes and the deployment's pods, the pods are packed node by
 * node ({@link evaluateGpuFit}; GPU memory, MIG slices, shared and DRA GPUs, unsupported
 * products at the version judged) and {@link judgeGpuFit} decides: `insufficient` when a pod fits
 * on no node or GPU pods are pending, `tight` when no node has room for one more engine pod (a
 * rolling upgrade needs it), `ok` otherwise, `unknown` instead of a worse verdict while DRA
 * nodes cannot be read. `fit` holds the per-node detail, `sizing` the expected load against the
 * release policy's sizing row.
 *
 * An observation with figures only (from before node-level observations) is judged by totals:
 * `insufficient` when the GPUs required exceed those allocatable or pods are pending, `tight`
 * when fewer than `perEngine` are free, `ok` otherwise.
 *
 * `unknown`, with the reason, when there is no observation, no `spec.gpu`, or the latest
 * observation failed (the figures of the last good snapshot are still returned, with its age).
 * `reason` is set for every status.
 *
 * @public
 */
export function evaluateGpu(
  spec: CustomerDeploymentSpec,
  observations: DeploymentObservations,
  now: Date,
  options: GpuEvaluationOptions = {},
): GpuSignal {
  const observed = observations.gpu;
  const signal: GpuSignal = { status: 'unknown', models: [] };
  if (observed) {
    signal.allocatable = observed.allocatable;
    signal.requested = observed.requested;
    signal.models = observed.models;
    signal.observedAt = observed.observedAt;
    // The detail behind the figures, for the GPU card; absent when the source had none.
    const { source, resourceName, driverVersion, error, failedAt } = observed;
    Object.assign(
      signal,
      { source },
      resourceName && { resourceName },
      driverVersion && { driverVersion },
      error && { error },
      failedAt && { failedAt },
      observed.nodes && { nodes: observed.nodes },
      observed.pendingPods && { pendingPods: observed.pendingPods },
    );
  }
  if (!spec.gpu) {
    signal.reason =
      'spec.gpu is not declared, so the GPUs this deployment needs are unknown';
    return signal;
  }
  const requirement = computeGpuRequirement(spec.gpu, {
    policy: options.policy,
    from: options.current ?? spec.chart.version,
    to: options.target,
  });
  signal.required = requirement.required;
  const { resourceName, perEngine } = requirement;

  if (!observed) {
    const failure = observations.gpuFailure;
    if (failure) {
      Object.assign(signal, failure);
      const failedAt = parseInstant(failure.failedAt);
      signal.reason = `no GPU capacity has been observed for this deployment yet: reading its cluster failed${
        failedAt
          ? ` ${describeSpan(now.getTime() - failedAt.getTime())} ago`
          : ''
      } (${failure.error})`;
    } else {
      signal.reason =
        'no GPU capacity has been observed for this deployment yet (no cluster snapshot or status report)';
    }
    return signal;
  }
  const observedAt = parseInstant(observed.observedAt);
  const age = observedAt
    ? `${describeSpan(now.getTime() - observedAt.getTime())} old`
    : 'of unknown age';
  if (observed.error) {
    signal.reason = `the latest GPU observation failed (${observed.error}); the last good snapshot is ${age}`;
    return signal;
  }

  const version = options.target ?? options.current ?? spec.chart.version;
  const needs = `needs ${gpus(
    requirement.required,
    resourceName,
  )} (${describeGpuRequirement(requirement)})`;
  const sizing = evaluateGpuSizing({
    gpu: spec.gpu,
    policy: options.policy,
    version,
    requirement,
    observation: observed,
  });
  if (sizing) {
    signal.sizing = sizing;
  }
  const fit = evaluateGpuFit({
    observation: observed,
    requirement,
    engineMemoryMiB: engineMemoryMiBOf(spec.gpu, sizing),
    policy: options.policy,
    version,
  });
  if (fit) {
    signal.fit = fit;
    const verdict = judgeGpuFit(fit, {
      pendingGpuPods: observed.pendingGpuPods,
      needs,
    });
    signal.status = verdict.status;
    signal.reason = `${verdict.reason} (snapshot ${age})`;
    return signal;
  }

  // An observation with figures only (from before node-level observations): by totals.
  const free = observed.allocatable - observed.requested;
  if (requirement.required > observed.allocatable) {
    signal.status = 'insufficient';
    signal.reason = `${needs} but only ${observed.allocatable} are allocatable`;
  } else if (observed.pendingGpuPods > 0) {
    signal.status = 'insufficient';
    signal.reason = `${observed.pendingGpuPods} pod${
      observed.pendingGpuPods === 1 ? ' is' : 's are'
    } pending for want of ${resourceName}`;
  } else if (free < perEngine) {
    signal.status = 'tight';
    signal.reason = `${gpus(Math.max(free, 0), resourceName)} free of ${
      observed.allocatable
    } allocatable; a rolling upgrade needs ${perEngine} free for one more engine pod`;
  } else {
    signal.status = 'ok';
    signal.reason = `${needs}; ${observed.allocatable} allocatable, ${free} free`;
  }
  signal.reason += ` (snapshot ${age})`;
  return signal;
}
