import type { CustomerDeploymentSpec, DeploymentGpu } from '../kinds';
import type { ReleasePolicy } from '../releases';
import {
  computeGpuRequirement,
  describeGpuRequirement,
  evaluateGpu,
} from './evaluateGpu';
import type { GpuCapacityObservation } from './observations';

const now = new Date('2026-08-20T12:00:00Z');

const gpu: DeploymentGpu = {
  resourceName: 'nvidia.com/gpu',
  perEngine: 2,
  engineReplicas: 4,
};

const spec = (
  overrides: Partial<CustomerDeploymentSpec> = {},
): CustomerDeploymentSpec => ({
  customer: 'acme',
  owner: 'group:default/solutions-east',
  lifecycle: 'production',
  profile: 'connected',
  chart: { name: 'deepgram-self-hosted', version: '0.34.0' },
  cluster: { kubernetesVersion: '1.31', namespace: 'dg' },
  gpu,
  ...overrides,
});

const observed = (
  overrides: Partial<GpuCapacityObservation> = {},
): GpuCapacityObservation => ({
  observedAt: '2026-08-20T09:00:00Z',
  source: 'cluster',
  allocatable: 12,
  requested: 8,
  pendingGpuPods: 0,
  models: [
    {
      product: 'NVIDIA-A100-SXM4-80GB',
      resourceName: 'nvidia.com/gpu',
      allocatable: 12,
      requested: 8,
    },
  ],
  ...overrides,
});

const policy: ReleasePolicy = {
  chart: 'deepgram-self-hosted',
  valuesChanges: [],
  gpuChanges: [
    {
      since: '0.35.0',
      component: 'agent-text-to-speech',
      gpusPerPod: 2,
      note: 'Aura-2',
    },
    { since: '0.50.0', component: 'agent-text-to-speech', gpusPerPod: 4 },
    { since: '0.36.0', component: 'not-deployed', gpusPerPod: 8 },
  ],
  requiredIntermediates: [],
  knownBad: [],
};

describe('evaluateGpu', () => {
  it.each([
    // allocatable, requested, pending, status
    [12, 8, 0, 'ok'],
    [10, 8, 0, 'ok'],
    [9, 8, 0, 'tight'],
    [8, 8, 0, 'tight'],
    [7, 7, 0, 'insufficient'],
    [12, 8, 1, 'insufficient'],
  ])(
    'with %d allocatable, %d requested and %d pending it is %s',
    (allocatable, requested, pendingGpuPods, status) => {
      const signal = evaluateGpu(
        spec(),
        { gpu: observed({ allocatable, requested, pendingGpuPods }) },
        now,
      );
      expect(signal).toMatchObject({
        status,
        allocatable,
        requested,
        required: 8,
        observedAt: '2026-08-20T09:00:00Z',
      });
      expect(signal.models).toHaveLength(1);
      expect(signal.reason).toContain('(snapshot 3 hours old)');
    },
  );

  it('explains each status', () => {
    expect(evaluateGpu(spec(), { gpu: observed() }, now).reason).toBe(
      'needs 8 nvidia.com/gpu (4 engine pods × 2); 12 allocatable, 4 free (snapshot 3 hours old)',
    );
    expect(
      evaluateGpu(spec(), { gpu: observed({ allocatable: 9 }) }, now).reason,
    ).toBe(
      '1 nvidia.com/gpu free of 9 allocatable; a rolling upgrade needs 2 free for one more engine pod (snapshot 3 hours old)',
    );
    expect(
      evaluateGpu(
        spec(),
        { gpu: observed({ allocatable: 6, requested: 6 }) },
        now,
      ).reason,
    ).toBe(
      'needs 8 nvidia.com/gpu (4 engine pods × 2) but only 6 are allocatable (snapshot 3 hours old)',
    );
    expect(
      evaluateGpu(spec(), { gpu: observed({ pendingGpuPods: 2 }) }, now).reason,
    ).toBe(
      '2 pods are pending for want of nvidia.com/gpu (snapshot 3 hours old)',
    );
  });

  it('is unknown without an observation', () => {
    expect(evaluateGpu(spec(), {}, now)).toEqual({
      status: 'unknown',
      required: 8,
      models: [],
      reason:
        'no GPU capacity has been observed for this deployment yet (no cluster snapshot or status report)',
    });
  });

  it('is unknown, with the failed attempt, when its cluster was never read successfully', () => {
    const failedAt = new Date(now.getTime() - 10 * 60_000).toISOString();
    expect(
      evaluateGpu(
        spec(),
        { gpuFailure: { error: 'cluster gpu-east is unreachable', failedAt } },
        now,
      ),
    ).toEqual({
      status: 'unknown',
      required: 8,
      models: [],
      error: 'cluster gpu-east is unreachable',
      failedAt,
      reason:
        'no GPU capacity has been observed for this deployment yet: reading its cluster failed 10 minutes ago (cluster gpu-east is unreachable)',
    });
  });

  it('is unknown without spec.gpu', () => {
    expect(
      evaluateGpu(spec({ gpu: undefined }), { gpu: observed() }, now),
    ).toMatchObject({
      status: 'unknown',
      reason:
        'spec.gpu is not declared, so the GPUs this deployment needs are unknown',
    });
  });

  it('is unknown when the latest observation failed, and says how old the last good one is', () => {
    const signal = evaluateGpu(
      spec(),
      {
        gpu: observed({
          observedAt: '2026-08-17T08:00:00Z',
          error: 'cluster unreachable',
        }),
      },
      now,
    );
    expect(signal).toMatchObject({
      status: 'unknown',
      allocatable: 12,
      requested: 8,
      observedAt: '2026-08-17T08:00:00Z',
      reason:
        'the latest GPU observation failed (cluster unreachable); the last good snapshot is 3 days old',
    });
  });

  it('can evaluate the capacity a target version needs', () => {
    const withAgent = spec({
      gpu: {
        resourceName: 'nvidia.com/mig-3g.40gb',
        perEngine: 1,
        engineReplicas: 6,
        components: [
          { name: 'agent-text-to-speech', replicas: 1, gpusPerPod: 1 },
        ],
      },
    });
    const snapshot = { gpu: observed({ allocatable: 8, requested: 7 }) };
    expect(evaluateGpu(withAgent, snapshot, now)).toMatchObject({
      status: 'ok',
      required: 7,
    });
    expect(
      evaluateGpu(withAgent, snapshot, now, { policy, target: '0.42.0' }),
    ).toMatchObject({ status: 'ok', required: 8 });
    expect(
      evaluateGpu(
        withAgent,
        { gpu: observed({ allocatable: 7, requested: 7 }) },
        now,
        {
          policy,
          target: '0.42.0',
        },
      ),
    ).toMatchObject({ status: 'insufficient', required: 8 });
  });
});

describe('computeGpuRequirement', () => {
  const agent: DeploymentGpu = {
    resourceName: 'nvidia.com/gpu',
    perEngine: 1,
    engineReplicas: 6,
    components: [{ name: 'agent-text-to-speech', replicas: 2, gpusPerPod: 1 }],
  };

  it('adds the engine and the other GPU pods', () => {
    expect(computeGpuRequirement(agent)).toEqual({
      resourceName: 'nvidia.com/gpu',
      perEngine: 1,
      engineReplicas: 6,
      engineGpus: 6,
      components: [
        {
          name: 'agent-text-to-speech',
          replicas: 2,
          gpusPerPod: 1,
          declaredGpusPerPod: 1,
        },
      ],
      required: 8,
    });
  });

  it.each([
    // from, to, GPUs per agent pod, required
    ['0.34.0', '0.35.0', 2, 10],
    ['0.34.0', '0.42.0', 2, 10],
    ['0.34.0', '0.34.9', 1, 8],
    ['0.35.0', '0.42.0', 1, 8],
    ['0.34.0', '0.50.0', 4, 14],
    ['0.40.0', '0.50.0', 4, 14],
  ])(
    'from %s to %s asks %d GPUs per agent pod',
    (from, to, gpusPerPod, required) => {
      const requirement = computeGpuRequirement(agent, { policy, from, to });
      expect(requirement.components[0].gpusPerPod).toBe(gpusPerPod);
      expect(requirement.required).toBe(required);
    },
  );

  it('describes the arithmetic, with the changes', () => {
    expect(
      describeGpuRequirement(
        computeGpuRequirement(agent, { policy, from: '0.34.0', to: '0.42.0' }),
      ),
    ).toBe(
      '6 engine pods × 1 + agent-text-to-speech 2 × 2 (2 since 0.35.0, was 1)',
    );
  });
});
