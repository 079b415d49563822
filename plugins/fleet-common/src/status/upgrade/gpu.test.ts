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

    describe('packed node by node', () => {
      const nodes = (free: number[]) =>
        free.map((f, i) => ({
          name: `a${i + 1}`,
          product: 'NVIDIA-A100-SXM4-80GB',
          memoryMiB: 81920,
          allocatable: { 'nvidia.com/gpu': 2 },
          requested: { 'nvidia.com/gpu': 2 - f },
          schedulable: true,
        }));
      const voiceAgent = {
        chart: { name: 'deepgram-self-hosted', version: '0.34.0' },
        gpu: {
          resourceName: 'nvidia.com/gpu',
          perEngine: 1,
          engineReplicas: 1,
          components: [
            { name: 'agent-text-to-speech', replicas: 1, gpusPerPod: 1 },
          ],
        },
      };
      const running = [
        { name: 'engine-1', node: 'a1', requests: { 'nvidia.com/gpu': 1 } },
        {
          name: 'tts-1',
          node: 'a1',
          requests: { 'nvidia.com/gpu': 1 },
          app: 'deepgram-agent-text-to-speech',
        },
      ];

      it('fails when the 0.35.0 text-to-speech pod (2 GPUs) fits on no node, though 2 are free in total', () => {
        const check = checkOf(
          evaluate({
            spec: voiceAgent,
            observations: gpuObservation({
              nodes: nodes([0, 1, 1]),
              deploymentPods: running,
              podScope: 'cluster',
            }),
          }),
          'gpu',
        );
        expect(check.outcome).toBe('fail');
        expect(check.message).toContain(
          '1 pod fit on no node (agent-text-to-speech pod replacing tts-1: 2 nvidia.com/gpu); free: a1 0, a2 1, a3 1',
        );
      });

      it("passes when the new pod fits on another node, and the old pod's GPU is released", () => {
        const check = checkOf(
          evaluate({
            spec: voiceAgent,
            observations: gpuObservation({
              nodes: nodes([0, 2]),
              deploymentPods: running,
              podScope: 'cluster',
            }),
          }),
          'gpu',
        );
        expect(check.outcome).toBe('pass');
        expect(check.message).toContain('room for 1 more engine pod (a1 1)');
      });

      it('warns when the target fits but leaves no node with room for one more engine pod', () => {
        const check = checkOf(
          evaluate({
            spec: {
              ...voiceAgent,
              gpu: { ...voiceAgent.gpu, perEngine: 2 },
            },
            observations: gpuObservation({
              // a1 runs the 2-GPU engine pod, a3 (one GPU) the text-to-speech pod
              nodes: [
                ...nodes([0, 2]),
                {
                  ...nodes([0])[0],
                  name: 'a3',
                  allocatable: { 'nvidia.com/gpu': 1 },
                  requested: { 'nvidia.com/gpu': 1 },
                },
              ],
              deploymentPods: [
                {
                  name: 'engine-1',
                  node: 'a1',
                  requests: { 'nvidia.com/gpu': 2 },
                },
                { ...running[1], node: 'a3' },
              ],
              podScope: 'cluster',
            }),
          }),
          'gpu',
        );
        expect(check).toMatchObject({
          outcome: 'warn',
          fix: 'free 2 nvidia.com/gpu on one node, or scale the engine down by one pod for the upgrade',
        });
        expect(check.message).toContain(
          'no node has 2 free nvidia.com/gpu for one more engine pod, which a rolling upgrade needs; free: a1 0, a2 0, a3 1',
        );
      });

      it('warns when the expected load sizes for more than the cluster holds at the target', () => {
        const sizedPolicy = {
          ...POLICY,
          sizing: [
            {
              since: '0.30.0',
              loads: [
                {
                  name: 'heavy',
                  engineReplicas: 4,
                  gpusPerEngine: 1,
                  gpuMemoryGiB: 24,
                  cpu: '8',
                  memory: '32Gi',
                },
              ],
            },
          ],
        };
        const signal = evaluate({
          spec: {
            ...voiceAgent,
            gpu: { ...voiceAgent.gpu, expectedStreams: 20 },
          },
          policy: sizedPolicy,
          observations: gpuObservation({
            nodes: nodes([0, 2]),
            deploymentPods: running,
            podScope: 'cluster',
          }),
        });
        const check = checkOf(signal, 'gpu');
        expect(check.outcome).toBe('warn');
        expect(check.message).toContain(
          '20 streams at 0.42.0 size as heavy: 4 engine pods × 1 nvidia.com/gpu with 24 GiB GPU memory, 8 CPU and 32Gi memory each; declared 1 engine pod × 1 — short on engine pods; the cluster holds 2 such engine pods, 2 short',
        );
      });
    });
  });
});
