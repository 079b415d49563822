import type { CustomerDeploymentSpec, DeploymentGpu } from '../../kinds';
import type { ReleasePolicy } from '../../releases/types';
import { evaluateGpu } from '../../status/evaluateGpu';
import type { GpuCapacityObservation } from '../../status/observations';
import type { GpuNodeObservation, GpuPodObservation } from '../types';

// The packing rules as a table: each case is a cluster (nodes with what every pod on them
// holds, the deployment's pods and where they run), a deployment, and the status and reason
// words the GPU signal must give.

const now = new Date('2026-12-03T12:00:00Z');
const GPU = 'nvidia.com/gpu';

const node = (
  name: string,
  allocatable: number,
  requested: number,
  extra: Partial<GpuNodeObservation> = {},
  resourceName = GPU,
): GpuNodeObservation => ({
  name,
  product: 'NVIDIA-A100-SXM4-80GB',
  memoryMiB: 81920,
  count: allocatable,
  allocatable: allocatable > 0 ? { [resourceName]: allocatable } : {},
  requested: requested > 0 ? { [resourceName]: requested } : {},
  schedulable: true,
  ...extra,
});

const pod = (
  name: string,
  nodeName: string | undefined,
  gpus: number,
  app = 'deepgram-engine',
  resourceName = GPU,
): GpuPodObservation => ({
  name,
  ...(nodeName && { node: nodeName }),
  requests: { [resourceName]: gpus },
  app,
});

const observation = (
  nodes: GpuNodeObservation[],
  deploymentPods: GpuPodObservation[],
  extra: Partial<GpuCapacityObservation> = {},
): GpuCapacityObservation => ({
  observedAt: '2026-12-03T11:00:00Z',
  source: 'cluster',
  allocatable: 0,
  requested: 0,
  pendingGpuPods: 0,
  models: [],
  nodes,
  deploymentPods,
  podScope: 'cluster',
  ...extra,
});

const spec = (
  gpu: DeploymentGpu,
  version = '0.34.0',
): CustomerDeploymentSpec => ({
  customer: 'acme',
  owner: 'group:default/solutions-east',
  lifecycle: 'production',
  profile: 'connected',
  chart: { name: 'deepgram-self-hosted', version },
  cluster: { kubernetesVersion: '1.31', namespace: 'dg' },
  gpu,
});

const policy: ReleasePolicy = {
  chart: 'deepgram-self-hosted',
  valuesChanges: [],
  gpuChanges: [
    { since: '0.35.0', component: 'agent-text-to-speech', gpusPerPod: 2 },
  ],
  requiredIntermediates: [],
  knownBad: [],
  unsupportedGpus: [{ product: 'Tesla-T4*', since: '0.40.0', note: 'example' }],
};

type Case = {
  name: string;
  gpu: DeploymentGpu;
  observed: GpuCapacityObservation;
  target?: string;
  status: string;
  reason: string[];
  more?: number;
};

const engine = (
  engineReplicas: number,
  perEngine = 1,
  extra: Partial<DeploymentGpu> = {},
): DeploymentGpu => ({
  resourceName: GPU,
  perEngine,
  engineReplicas,
  ...extra,
});

// A voice agent before 0.35.0: one engine and a text-to-speech pod on a1, one GPU each.
const voiceAgent = engine(1, 1, {
  components: [{ name: 'agent-text-to-speech', replicas: 1, gpusPerPod: 1 }],
});
const voiceAgentPods = [
  pod('engine-1', 'a1', 1),
  pod('tts-1', 'a1', 1, 'deepgram-agent-text-to-speech'),
];

const cases: Case[] = [
  {
    name: 'whole A100s with room: ok, and how many more engine pods fit',
    gpu: engine(6),
    observed: observation(
      [node('a100-1', 4, 4), node('a100-2', 4, 2)],
      [1, 2, 3, 4, 5, 6].map(n =>
        pod(`engine-${n}`, n <= 4 ? 'a100-1' : 'a100-2', 1),
      ),
    ),
    status: 'ok',
    reason: [
      'needs 6 nvidia.com/gpu',
      'room for 2 more engine pods (a100-2 2)',
    ],
    more: 2,
  },
  {
    name: 'enough in total, but fragmented: no node has room for one more engine pod',
    gpu: engine(1, 2),
    observed: observation(
      [node('a1', 2, 1), node('a2', 2, 1), node('a3', 2, 1), node('b1', 2, 2)],
      [pod('engine-1', 'b1', 2)],
    ),
    status: 'tight',
    reason: [
      'no node has 2 free nvidia.com/gpu for one more engine pod',
      'free: a1 1, a2 1, a3 1, b1 0',
    ],
    more: 0,
  },
  {
    name: 'fragmented free GPUs cannot hold a missing engine pod: insufficient',
    gpu: engine(2, 2),
    observed: observation(
      [node('a1', 2, 1), node('a2', 2, 1), node('a3', 2, 1), node('b1', 2, 2)],
      [pod('engine-1', 'b1', 2), pod('engine-2', undefined, 2)],
    ),
    status: 'insufficient',
    reason: [
      '1 pod fit on no node (engine pod 2: 2 nvidia.com/gpu)',
      'free: a1 1, a2 1, a3 1, b1 0',
    ],
  },
  {
    name: "other namespaces' GPU pods take the room on the same nodes",
    gpu: engine(2),
    observed: observation(
      // a1 holds the 2 engine pods and 2 GPUs of another namespace's training job
      [node('a1', 4, 4)],
      [pod('engine-1', 'a1', 1), pod('engine-2', 'a1', 1)],
    ),
    status: 'tight',
    reason: ['no node has 1 free nvidia.com/gpu', 'free: a1 0'],
  },
  {
    name: 'pods the scheduler could not place: insufficient, whatever the packing says',
    gpu: engine(2),
    observed: observation(
      [node('a1', 4, 1)],
      [pod('engine-1', 'a1', 1), pod('engine-2', undefined, 1)],
      { pendingGpuPods: 1 },
    ),
    status: 'insufficient',
    reason: ['1 pod is pending for want of nvidia.com/gpu', 'free: a1 2'],
  },
  {
    name: 'NotReady, cordoned and tainted nodes are not capacity, and say why',
    gpu: engine(1),
    observed: observation(
      [
        node('a1', 1, 1),
        node('a2', 4, 0, {
          schedulable: false,
          unschedulableReason: 'NotReady',
        }),
        node('a3', 4, 0, {
          schedulable: false,
          unschedulableReason: 'cordoned',
        }),
      ],
      [pod('engine-1', 'a1', 1)],
    ),
    status: 'tight',
    reason: ['free: a1 0', 'not capacity: a2 (NotReady), a3 (cordoned)'],
  },
  {
    name: 'a MIG mixed-strategy node: the slice memory from its .memory label',
    gpu: {
      resourceName: 'nvidia.com/mig-3g.40gb',
      perEngine: 1,
      engineReplicas: 1,
      engineMemoryGiB: 24,
    },
    observed: observation(
      [
        node('mig-1', 2, 1, {
          migStrategy: 'mixed',
          migMemoryMiB: { 'nvidia.com/mig-3g.40gb': 40192 },
          allocatable: {
            'nvidia.com/mig-3g.40gb': 2,
            'nvidia.com/mig-1g.10gb': 3,
          },
          requested: { 'nvidia.com/mig-3g.40gb': 1 },
        }),
      ],
      [
        pod(
          'engine-1',
          'mig-1',
          1,
          'deepgram-engine',
          'nvidia.com/mig-3g.40gb',
        ),
      ],
    ),
    status: 'ok',
    reason: ['room for 1 more engine pod (mig-1 1)'],
  },
  {
    name: 'a MIG slice smaller than the engine needs is not capacity',
    gpu: {
      resourceName: 'nvidia.com/mig-3g.40gb',
      perEngine: 1,
      engineReplicas: 1,
      engineMemoryGiB: 40,
    },
    observed: observation(
      [
        node('mig-1', 2, 0, {
          migMemoryMiB: { 'nvidia.com/mig-3g.40gb': 40192 },
          allocatable: { 'nvidia.com/mig-3g.40gb': 2 },
          requested: {},
        }),
      ],
      [],
    ),
    status: 'insufficient',
    reason: [
      'engine pod 1: 1 nvidia.com/mig-3g.40gb',
      'mig-1 (a 3g.40gb slice of NVIDIA-A100-SXM4-80GB has 39.3 GiB; an engine pod needs 40 GiB)',
    ],
  },
  {
    name: 'an L4 time-sliced 4 ways: a share too small for the engine, and no memory isolation',
    gpu: engine(1, 1, { engineMemoryGiB: 12 }),
    observed: observation(
      [
        node('l4-a', 4, 0, {
          product: 'NVIDIA-L4',
          memoryMiB: 23034,
          count: 1,
          sharing: { strategy: 'time-slicing', replicas: 4 },
        }),
      ],
      [],
    ),
    status: 'insufficient',
    reason: [
      'l4-a (a time-slice of NVIDIA-L4 (4 ways, no memory isolation) has 5.6 GiB; an engine pod needs 12 GiB (time-slicing does not isolate memory',
    ],
  },
  {
    name: 'an H100 under MPS: a share big enough is capacity',
    gpu: engine(2, 1, { engineMemoryGiB: 16 }),
    observed: observation(
      [
        node('h100-mps', 2, 1, {
          product: 'NVIDIA-H100-80GB-HBM3',
          memoryMiB: 81559,
          count: 1,
          sharing: { strategy: 'mps', replicas: 2 },
        }),
      ],
      [pod('engine-1', 'h100-mps', 1)],
    ),
    status: 'tight',
    reason: [
      'no node has 1 free nvidia.com/gpu with 16 GiB',
      'free: h100-mps 0',
    ],
  },
  {
    name: 'a DRA node: ResourceSlice devices are capacity, claims hold some',
    gpu: engine(3),
    observed: observation(
      [
        node('dra-1', 0, 0, {
          product: undefined,
          count: undefined,
          allocatable: {},
          draDevices: Array.from({ length: 8 }, (_, i) => ({
            name: `gpu-${i}`,
            driver: 'gpu.nvidia.com',
            resourceName: GPU,
            product: 'NVIDIA H100 80GB HBM3',
            memoryMiB: 81559,
            ...(i < 5 && { allocatedTo: `ns/claim-${i}` }),
          })),
        }),
      ],
      [1, 2, 3].map(n => pod(`engine-${n}`, 'dra-1', 1)),
    ),
    status: 'ok',
    reason: ['room for 3 more engine pods (dra-1 3)'],
    more: 3,
  },
  {
    name: 'DRA slices that cannot be read: unknown, never insufficient',
    gpu: engine(2),
    observed: observation(
      [
        node('dra-1', 0, 0, { allocatable: {}, draUnread: true }),
        node('a1', 1, 1),
      ],
      [pod('engine-1', 'a1', 1)],
    ),
    status: 'unknown',
    reason: ['GPUs on dra-1 are managed by DRA', 'engine pod 2'],
  },
  {
    name: 'a target whose per-pod GPUs change: the new pod must fit beside the old one',
    gpu: voiceAgent,
    target: '0.35.0',
    observed: observation([node('a1', 2, 2), node('a2', 2, 1)], voiceAgentPods),
    status: 'insufficient',
    reason: [
      '1 pod fit on no node (agent-text-to-speech pod replacing tts-1: 2 nvidia.com/gpu)',
    ],
  },
  {
    name: 'a target whose per-pod GPUs change, with a node that has room for the new pod',
    gpu: voiceAgent,
    target: '0.35.0',
    observed: observation([node('a1', 2, 2), node('a2', 4, 0)], voiceAgentPods),
    status: 'ok',
    // the old pod's GPU on a1 is released once the new one runs on a2
    reason: ['room for 3 more engine pods (a1 1, a2 2)'],
    more: 3,
  },
  {
    name: 'nodes of a GPU the policy no longer supports at the target are not capacity',
    gpu: engine(1),
    target: '0.40.0',
    observed: observation(
      [node('t4-1', 4, 1, { product: 'Tesla-T4' })],
      [pod('engine-1', 't4-1', 1)],
    ),
    status: 'tight',
    reason: [
      'not capacity: t4-1 (Tesla-T4 is not supported from 0.40.0 (example))',
    ],
  },
];

describe('evaluateGpu, packed node by node', () => {
  it.each(cases)('$name', ({ gpu, observed, target, status, reason }) => {
    const signal = evaluateGpu(spec(gpu), { gpu: observed }, now, {
      policy,
      target,
    });
    expect(signal.status).toBe(status);
    for (const words of reason) {
      expect(signal.reason).toContain(words);
    }
    expect(signal.fit?.basis).toBe('nodes');
  });

  it.each(cases.filter(c => c.more !== undefined))(
    'how many more engine pods fit: $name',
    ({ gpu, observed, target, more }) => {
      const signal = evaluateGpu(spec(gpu), { gpu: observed }, now, {
        policy,
        target,
      });
      expect(signal.fit?.moreEnginePods).toBe(more);
    },
  );

  it('says what the packing could not see', () => {
    const signal = evaluateGpu(
      spec(engine(1)),
      {
        gpu: observation(
          [
            node('l4-a', 4, 0, {
              sharing: { strategy: 'time-slicing', replicas: 4 },
            }),
          ],
          [],
          { podScope: 'namespace' },
        ),
      },
      now,
    );
    expect(signal.fit?.notes).toEqual([
      expect.stringContaining("only the release namespace's pods were listed"),
      expect.stringContaining('spec.gpu.engineMemoryGiB'),
      expect.stringContaining('time-slicing does not isolate GPU memory'),
    ]);
  });

  it('judges an observation without nodes by totals, as before', () => {
    const signal = evaluateGpu(
      spec(engine(2)),
      {
        gpu: {
          observedAt: '2026-12-03T11:00:00Z',
          source: 'report',
          allocatable: 4,
          requested: 2,
          pendingGpuPods: 0,
          models: [],
        },
      },
      now,
    );
    expect(signal.status).toBe('ok');
    expect(signal.fit).toBeUndefined();
    expect(signal.reason).toContain('4 allocatable, 2 free');
  });

  it('lists per node what runs there, what was placed, and what more fits', () => {
    const signal = evaluateGpu(
      spec(engine(3)),
      {
        gpu: observation(
          [node('a1', 2, 2), node('a2', 4, 0)],
          [pod('engine-1', 'a1', 1), pod('engine-2', 'a1', 1)],
        ),
      },
      now,
    );
    expect(signal.fit?.nodes).toEqual([
      expect.objectContaining({
        node: 'a1',
        running: ['engine-1', 'engine-2'],
        placed: [],
        free: 0,
        moreEnginePods: 0,
      }),
      expect.objectContaining({
        node: 'a2',
        running: [],
        placed: ['engine pod 3'],
        free: 3,
        moreEnginePods: 3,
        isolation: 'whole',
        unitMemoryMiB: 81920,
      }),
    ]);
  });
});
