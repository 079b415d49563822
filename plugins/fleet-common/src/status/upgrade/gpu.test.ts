import type { DeploymentObservations } from '../observations';
import {
  baseObservations,
  checkOf,
  daysFromNow,
  evaluate,
  POLICY,
} from './__testUtils__/upgradeFixture';

describe('evaluateUpgrade', () => {
  describe('gpu', () => {
    const gpuObservation = (
      change: Partial<NonNullable<DeploymentObservations['gpu']>>,
    ) => ({
      gpu: { ...baseObservations().gpu!, ...change },
    });

    it('warns when nothing is left for one more engine pod during a rolling update', () => {
      const signal = evaluate({
        observations: gpuObservation({ allocatable: 4 }),
      });
      expect(signal.status).toBe('ready-with-warnings');
      expect(checkOf(signal, 'gpu')).toMatchObject({
        outcome: 'warn',
        message:
          '0.42.0 needs 4 nvidia.com/gpu (4 engine pods × 1); 0 would be free, and a rolling upgrade needs 1 for one more engine pod (snapshot 6 hours old)',
        fix: 'add 1 nvidia.com/gpu, or scale the engine down by one pod for the upgrade',
      });
    });

    it('fails when the target needs more GPUs than are allocatable (0.35.0 agent TTS change)', () => {
      const signal = evaluate({
        spec: {
          chart: { name: 'deepgram-self-hosted', version: '0.34.0' },
          gpu: {
            resourceName: 'nvidia.com/mig-3g.40gb',
            perEngine: 1,
            engineReplicas: 6,
            components: [
              { name: 'agent-text-to-speech', replicas: 1, gpusPerPod: 1 },
            ],
          },
        },
        observations: gpuObservation({ allocatable: 7, requested: 7 }),
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'gpu')).toMatchObject({
        outcome: 'fail',
        message:
          '0.42.0 needs 8 nvidia.com/mig-3g.40gb (6 engine pods × 1 + agent-text-to-speech 1 × 2 (2 since 0.35.0, was 1)); only 7 are allocatable (snapshot 6 hours old)',
        fix: 'add 1 nvidia.com/mig-3g.40gb or reduce replicas before upgrading',
      });
    });

    it('fails when the extra GPUs the target needs are taken by other pods', () => {
      const signal = evaluate({
        spec: {
          chart: { name: 'deepgram-self-hosted', version: '0.34.0' },
          gpu: {
            resourceName: 'nvidia.com/gpu',
            perEngine: 1,
            engineReplicas: 6,
            components: [
              { name: 'agent-text-to-speech', replicas: 1, gpusPerPod: 1 },
            ],
          },
        },
        observations: gpuObservation({ allocatable: 9, requested: 9 }),
      });
      expect(checkOf(signal, 'gpu')).toMatchObject({
        outcome: 'fail',
        message:
          '0.42.0 needs 8 nvidia.com/gpu (6 engine pods × 1 + agent-text-to-speech 1 × 2 (2 since 0.35.0, was 1)), 1 more than now; only 0 are free (snapshot 6 hours old)',
      });
    });

    it('fails while GPU pods are pending', () => {
      expect(
        checkOf(
          evaluate({ observations: gpuObservation({ pendingGpuPods: 1 }) }),
          'gpu',
        ),
      ).toMatchObject({
        outcome: 'fail',
        message:
          '1 pod already pending for want of nvidia.com/gpu (snapshot 6 hours old)',
      });
    });

    it('checks the minimum driver when the policy and the observation both have one', () => {
      const policy = { ...POLICY, minimumDriver: { version: '560.28.03' } };
      expect(checkOf(evaluate({ policy }), 'gpu')).toMatchObject({
        outcome: 'fail',
        message:
          '0.42.0 needs 4 nvidia.com/gpu (4 engine pods × 1); 8 allocatable, 4 free after the upgrade (snapshot 6 hours old); the NVIDIA driver 550.54.15 is older than the minimum 560.28.03',
        fix: 'upgrade the NVIDIA driver on the GPU nodes to 560.28.03 or later',
      });
      expect(
        checkOf(
          evaluate({
            policy: { ...POLICY, minimumDriver: { version: '535.104.05' } },
          }),
          'gpu',
        ).outcome,
      ).toBe('pass');
      const unobserved = evaluate({
        policy,
        observations: gpuObservation({ driverVersion: undefined }),
      });
      expect(checkOf(unobserved, 'gpu')).toMatchObject({
        outcome: 'unknown',
        message: expect.stringContaining(
          'the driver version was not observed, so the minimum 560.28.03 could not be checked',
        ),
      });
      expect(unobserved.status).toBe('ready-with-warnings');
    });

    it.each([
      [
        { observations: { gpu: undefined } },
        'no GPU capacity has been observed for this deployment (no cluster snapshot or status report)',
      ],
      [
        {
          observations: gpuObservation({
            error: 'report unreadable',
            observedAt: daysFromNow(-12).toISOString(),
          }),
        },
        'the latest GPU observation failed (report unreadable); the last good snapshot is 12 days old',
      ],
      [
        { spec: { gpu: undefined } },
        'spec.gpu is not declared, so the GPUs this deployment needs are unknown',
      ],
    ])('is unknown without usable data (%#)', (change, message) => {
      const signal = evaluate(change);
      expect(checkOf(signal, 'gpu')).toMatchObject({
        outcome: 'unknown',
        message,
      });
      expect(signal.status).toBe('ready-with-warnings');
    });
  });
});
