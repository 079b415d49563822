import type { CustomerDeploymentSpec } from '../kinds';
import { evaluateGpu } from '../status/evaluateGpu';
import { describeGpuNode } from './describeGpuNode';
import type {
  KubeNode,
  KubePod,
  KubeResourceClaim,
  KubeResourceSlice,
  KubeTaint,
} from './kubernetes';
import {
  summarizeGpuCapacity,
  type GpuCapacityInput,
} from './summarizeGpuCapacity';

const gpuNode = (
  name: string,
  labels: Record<string, string>,
  allocatable: Record<string, string>,
  extra: {
    ready?: boolean;
    unschedulable?: boolean;
    taints?: KubeTaint[];
  } = {},
): KubeNode => ({
  metadata: { name, labels },
  spec: {
    unschedulable: extra.unschedulable,
    taints: extra.taints,
  },
  status: {
    allocatable: { cpu: '96', ...allocatable },
    capacity: { cpu: '96', ...allocatable },
    conditions: [
      { type: 'Ready', status: extra.ready === false ? 'Unknown' : 'True' },
    ],
  },
});

const a100 = (name: string, gpus = 8) =>
  gpuNode(
    name,
    {
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
      'nvidia.com/gpu.memory': '81920',
      'nvidia.com/gpu.count': String(gpus),
      'nvidia.com/cuda.driver.major': '550',
      'nvidia.com/cuda.driver.minor': '54',
      'nvidia.com/cuda.driver.rev': '15',
    },
    { 'nvidia.com/gpu': String(gpus) },
  );

const pod = (
  name: string,
  gpus: number,
  options: { node?: string; phase?: string; unschedulable?: string } = {},
): KubePod => ({
  metadata: { name, labels: { app: 'deepgram-engine' } },
  spec: {
    nodeName: options.node,
    containers: [
      {
        name: 'engine',
        resources: { limits: { 'nvidia.com/gpu': String(gpus), cpu: '4' } },
      },
    ],
  },
  status: {
    phase: options.phase ?? (options.node ? 'Running' : 'Pending'),
    conditions: options.unschedulable
      ? [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: options.unschedulable,
          },
        ]
      : [{ type: 'PodScheduled', status: 'True' }],
  },
});

const engines = (count: number, node: string) =>
  Array.from({ length: count }, (_, i) =>
    pod(`deepgram-engine-${node}-${i}`, 1, { node }),
  );

const spec = (engineReplicas: number, perEngine = 1) =>
  ({
    chart: { name: 'deepgram-self-hosted', version: '0.40.2' },
    gpu: { resourceName: 'nvidia.com/gpu', perEngine, engineReplicas },
  } as unknown as CustomerDeploymentSpec);

const now = new Date('2026-11-20T03:00:00Z');
const summarize = (nodes: KubeNode[], pods: KubePod[]) =>
  summarizeGpuCapacity({
    nodes,
    pods,
    resourceName: 'nvidia.com/gpu',
    observedAt: '2026-11-20T02:00:00Z',
    source: 'cluster',
  });

describe('describeGpuNode', () => {
  it('reads GPU feature discovery labels, time-slicing and the driver', () => {
    const node = gpuNode(
      'l4-0',
      {
        'nvidia.com/gpu.product': 'NVIDIA-L4',
        'nvidia.com/gpu.memory': '23034',
        'nvidia.com/gpu.count': '1',
        'nvidia.com/gpu.replicas': '4',
        'nvidia.com/gpu.sharing-strategy': 'time-slicing',
        'nvidia.com/cuda.driver-version.full': '535.104.05',
      },
      { 'nvidia.com/gpu': '4' },
    );
    expect(describeGpuNode(node)).toEqual({
      name: 'l4-0',
      product: 'NVIDIA-L4',
      memoryMiB: 23034,
      count: 1,
      allocatable: { 'nvidia.com/gpu': 4 },
      sharing: { strategy: 'time-slicing', replicas: 4 },
      driverVersion: '535.104.05',
      schedulable: true,
    });
  });

  it('reads MIG slices of a mixed-strategy node and MPS sharing', () => {
    const node = gpuNode(
      'mig-0',
      {
        'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
        'nvidia.com/mig.strategy': 'mixed',
        'nvidia.com/mig-1g.10gb.count': '14',
        'nvidia.com/gpu.replicas': '2',
        'nvidia.com/gpu.sharing-strategy': 'mps',
      },
      {
        'nvidia.com/gpu': '0',
        'nvidia.com/mig-1g.10gb': '14',
        'nvidia.com/mig-3g.40gb': '4',
      },
    );
    expect(describeGpuNode(node)).toMatchObject({
      allocatable: {
        'nvidia.com/mig-1g.10gb': 14,
        'nvidia.com/mig-3g.40gb': 4,
      },
      migStrategy: 'mixed',
      sharing: { strategy: 'mps', replicas: 2 },
    });
  });

  it('gives the memory of a MIG slice from its .memory label, else from the profile name', () => {
    const node = gpuNode(
      'mig-1',
      {
        'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
        'nvidia.com/mig.strategy': 'mixed',
        'nvidia.com/mig-3g.40gb.memory': '40192',
      },
      { 'nvidia.com/mig-3g.40gb': '2', 'nvidia.com/mig-1g.10gb': '7' },
    );
    expect(describeGpuNode(node).migMemoryMiB).toEqual({
      'nvidia.com/mig-3g.40gb': 40192,
      'nvidia.com/mig-1g.10gb': 10240,
    });
  });

  it.each([
    ['nvidia.com/gpu', { 'nvidia.com/gpu': 16 }],
    // renameByDefault: the device plugin advertises shared GPUs under their own name.
    ['nvidia.com/gpu.shared', { 'nvidia.com/gpu.shared': 16 }],
  ])(
    'reads a time-sliced GPU advertised as %s, its product without GFD’s -SHARED',
    (resource, allocatable) => {
      const node = gpuNode(
        't4-0',
        {
          'nvidia.com/gpu.product': 'Tesla-T4-SHARED',
          'nvidia.com/gpu.count': '4',
          'nvidia.com/gpu.replicas': '4',
          'nvidia.com/gpu.sharing-strategy': 'time-slicing',
        },
        { [resource]: '16' },
      );
      expect(describeGpuNode(node)).toMatchObject({
        product: 'Tesla-T4',
        allocatable,
        sharing: { strategy: 'time-slicing', replicas: 4 },
      });
    },
  );

  it('keeps a -SHARED product of a GPU that is not shared', () => {
    const node = gpuNode(
      'x',
      { 'nvidia.com/gpu.product': 'Odd-GPU-SHARED' },
      { 'nvidia.com/gpu': '1' },
    );
    expect(describeGpuNode(node).product).toBe('Odd-GPU-SHARED');
  });

  it.each([
    [{ ready: false }, [], 'NotReady'],
    [{ unschedulable: true }, [], 'cordoned'],
    [
      {
        taints: [{ key: 'dedicated', value: 'training', effect: 'NoSchedule' }],
      },
      [],
      'taint dedicated=training:NoSchedule not tolerated by the engine',
    ],
  ])('is not schedulable when %j', (extra, tolerations, reason) => {
    const node = gpuNode('n', {}, { 'nvidia.com/gpu': '1' }, extra);
    expect(describeGpuNode(node, { tolerations })).toMatchObject({
      schedulable: false,
      unschedulableReason: reason,
    });
  });

  it('takes tolerated and PreferNoSchedule taints as schedulable', () => {
    const node = gpuNode(
      'n',
      {},
      { 'nvidia.com/gpu': '1' },
      {
        taints: [
          { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
          { key: 'spot', effect: 'PreferNoSchedule' },
        ],
      },
    );
    expect(
      describeGpuNode(node, {
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
      }).schedulable,
    ).toBe(true);
  });
});

describe('summarizeGpuCapacity', () => {
  it('counts allocatable on schedulable nodes and requests of active pods', () => {
    const cordoned = gpuNode(
      'a10g-0',
      { 'nvidia.com/gpu.product': 'NVIDIA-A10G' },
      { 'nvidia.com/gpu': '4' },
      { unschedulable: true },
    );
    const cpu: KubeNode = {
      metadata: { name: 'cpu-0' },
      status: { allocatable: { cpu: '16' } },
    };
    const summary = summarize(
      [a100('a100-0'), cordoned, cpu],
      [
        ...engines(6, 'a100-0'),
        pod('done', 1, { node: 'a100-0', phase: 'Succeeded' }),
        pod('tts-0', 2, {
          unschedulable:
            '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient nvidia.com/gpu.',
        }),
      ],
    );
    expect(summary).toMatchObject({
      allocatable: 8,
      requested: 8,
      pendingGpuPods: 1,
      driverVersion: '550.54.15',
      models: [
        {
          product: 'NVIDIA-A100-SXM4-80GB',
          resourceName: 'nvidia.com/gpu',
          allocatable: 8,
          requested: 6,
        },
      ],
      pendingPods: [
        {
          name: 'tts-0',
          requests: { 'nvidia.com/gpu': 2 },
          message: expect.stringContaining('Insufficient nvidia.com/gpu'),
        },
      ],
    });
    expect(summary.nodes?.map(n => n.name)).toEqual(['a100-0', 'a10g-0']);
  });

  it('does not count a scheduled pod pulling its image as pending', () => {
    const pulling = pod('engine-new', 1, { node: 'a100-0', phase: 'Pending' });
    expect(summarize([a100('a100-0')], [pulling]).pendingGpuPods).toBe(0);
  });

  it('keeps the lowest driver version', () => {
    const old = gpuNode(
      'old',
      { 'nvidia.com/cuda.driver-version.full': '535.104.05' },
      { 'nvidia.com/gpu': '1' },
    );
    expect(summarize([a100('a'), old], []).driverVersion).toBe('535.104.05');
  });

  it('never keeps anything of container env', () => {
    const withEnv = {
      ...pod('engine-0', 1, { node: 'a100-0' }),
    } as KubePod & { spec: { containers: Array<Record<string, unknown>> } };
    withEnv.spec.containers[0].env = [
      { name: 'DEEPGRAM_API_KEY', value: 'dg_live_0123456789abcdef' },
    ];
    const summary = summarize([a100('a100-0')], [withEnv]);
    expect(JSON.stringify(summary)).not.toContain('dg_live');
  });

  it('redacts what looks like a secret in messages, names and labels it keeps', () => {
    const licenseKey =
      'a3f9c2b17d8e4f60a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f809';
    const leaky = gpuNode(
      'AKIAIOSFODNN7EXAMPLE',
      { 'nvidia.com/gpu.product': licenseKey },
      { 'nvidia.com/gpu': '8' },
    );
    const pending = pod('deepgram-engine-0', 1, {
      unschedulable: `0/5 nodes are available; pull secret password=hunter2`,
    });
    const summary = summarize([leaky], [pending]);
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(/AKIAIOSFODNN7EXAMPLE|hunter2/);
    expect(text).not.toContain(licenseKey);
    expect(summary.nodes?.[0]).toMatchObject({
      name: '[redacted: looks like an AWS access key id]',
      product: '[redacted: looks like an API or license key]',
    });
    expect(summary.pendingPods?.[0].message).toBe(
      '[redacted: looks like a password or key assignment]',
    );
    // The figures stay: a redacted word costs no GPU fact.
    expect(summary).toMatchObject({ allocatable: 8, pendingGpuPods: 1 });
  });
});

describe('summarizeGpuCapacity: node requests, DRA and the deployment’s pods', () => {
  const draSlice = (node: string, gpus: number): KubeResourceSlice => ({
    spec: {
      driver: 'gpu.nvidia.com',
      nodeName: node,
      pool: { name: node, generation: 1 },
      devices: Array.from({ length: gpus }, (_, i) => ({
        name: `gpu-${i}`,
        attributes: {
          type: { string: 'gpu' },
          productName: { string: 'NVIDIA H100 80GB HBM3' },
        },
        capacity: { memory: { value: '80Gi' } },
      })),
    },
  });
  const draOnlyNode = (name: string, extra = {}): KubeNode =>
    gpuNode(name, {}, {}, extra);
  const claimedPod = (
    name: string,
    claimName: string,
    options: { node?: string; unschedulable?: string } = {},
  ): KubePod => ({
    metadata: {
      name,
      namespace: 'dg',
      labels: {
        app: 'deepgram-engine',
        'app.kubernetes.io/component': 'engine-fast',
      },
    },
    spec: {
      nodeName: options.node,
      containers: [{ name: 'engine', resources: { requests: { cpu: '4' } } }],
      resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu' }],
    },
    status: {
      phase: options.node ? 'Running' : 'Pending',
      conditions: [
        options.unschedulable
          ? {
              type: 'PodScheduled',
              status: 'False',
              message: options.unschedulable,
            }
          : { type: 'PodScheduled', status: 'True' },
      ],
      resourceClaimStatuses: [{ name: 'gpu', resourceClaimName: claimName }],
    },
  });
  const claim = (name: string, device?: string): KubeResourceClaim => ({
    metadata: { name, namespace: 'dg' },
    spec: {
      devices: {
        requests: [
          { name: 'gpu', exactly: { deviceClassName: 'gpu.nvidia.com' } },
        ],
      },
    },
    ...(device && {
      status: {
        allocation: {
          devices: {
            results: [
              {
                driver: 'gpu.nvidia.com',
                pool: 'dra-0',
                device,
                request: 'gpu',
              },
            ],
          },
        },
      },
    }),
  });
  const summarizeDra = (input: Partial<GpuCapacityInput>) =>
    summarizeGpuCapacity({
      nodes: [],
      pods: [],
      resourceName: 'nvidia.com/gpu',
      observedAt: '2026-11-20T02:00:00Z',
      source: 'cluster',
      ...input,
    });

  it('sums what every listed pod on a node asks for, the other namespaces’ too', () => {
    const other = pod('trainer-0', 3, { node: 'a100-0' });
    other.metadata!.namespace = 'research';
    const summary = summarizeDra({
      nodes: [a100('a100-0'), a100('a100-1')],
      pods: [...engines(2, 'a100-0'), pod('pending', 1)],
      clusterPods: [
        other,
        pod('finished', 4, { node: 'a100-1', phase: 'Failed' }),
      ],
    });
    expect(summary.podScope).toBe('cluster');
    expect(summary.nodes?.map(node => node.requested)).toEqual([
      { 'nvidia.com/gpu': 5 },
      {},
    ]);
    // The deployment's figure stays its own.
    expect(summary.requested).toBe(3);
  });

  it('takes a node that only DRA publishes GPUs for as a GPU node, its facts from the devices', () => {
    const summary = summarizeDra({
      nodes: [
        draOnlyNode('dra-0'),
        draOnlyNode('dra-1', { unschedulable: true }),
      ],
      resourceSlices: [draSlice('dra-0', 4), draSlice('dra-1', 8)],
      resourceClaims: [claim('engine-0-gpu', 'gpu-2')],
      pods: [claimedPod('engine-0', 'engine-0-gpu', { node: 'dra-0' })],
    });
    expect(summary.dra).toBe('read');
    expect(summary.nodes?.[0]).toMatchObject({
      name: 'dra-0',
      product: 'NVIDIA-H100-80GB-HBM3',
      count: 4,
      memoryMiB: 81920,
      allocatable: {},
      requested: { 'nvidia.com/gpu': 1 },
    });
    // The cordoned node's devices are no capacity.
    expect(summary.allocatable).toBe(4);
    expect(summary.deploymentPods).toEqual([
      {
        name: 'engine-0',
        node: 'dra-0',
        requests: { 'nvidia.com/gpu': 1 },
        app: 'engine-fast',
      },
    ]);
  });

  it('lists a pod waiting for the GPUs its claim asks for as pending', () => {
    const summary = summarizeDra({
      nodes: [draOnlyNode('dra-0')],
      resourceSlices: [draSlice('dra-0', 1)],
      resourceClaims: [claim('engine-1-gpu')],
      pods: [
        claimedPod('engine-1', 'engine-1-gpu', {
          unschedulable:
            '0/1 nodes are available: 1 cannot allocate all claims.',
        }),
      ],
    });
    expect(summary).toMatchObject({
      requested: 1,
      pendingGpuPods: 1,
      pendingPods: [{ name: 'engine-1', requests: { 'nvidia.com/gpu': 1 } }],
      deploymentPods: [{ name: 'engine-1', requests: { 'nvidia.com/gpu': 1 } }],
    });
    expect(summary.deploymentPods?.[0].node).toBeUndefined();
  });

  it('keeps draError only when DRA was unreadable, redacted like every other word', () => {
    expect(
      summarizeDra({ dra: 'absent', draError: 'not this' }).draError,
    ).toBeUndefined();
    expect(
      summarizeDra({
        dra: 'unreadable',
        draError:
          'forbidden with token ghp_R2d2C3poX9wing5Falcon7Ewok1Jedi4Sith8',
      }).draError,
    ).toBe('[redacted: looks like a GitHub token]');
  });
});

describe('status at the boundaries, from nodes and pods', () => {
  // Engines on A100 nodes; a rolling upgrade needs one more engine pod's worth of GPUs free.
  it.each([
    ['exactly one engine pod (1 GPU) free: ok', [8, 1], 8, 1, 'ok'],
    ['no GPU free: tight', [8], 8, 1, 'tight'],
    ['exactly one engine pod (2 GPUs) free: ok', [8, 2], 4, 2, 'ok'],
    ['1 GPU free for 2-GPU engine pods: tight', [8, 1], 4, 2, 'tight'],
    ['one GPU short of the need: insufficient', [7], 7, 1, 'insufficient'],
  ])('%s', (_, sizes, replicas, perEngine, status) => {
    const nodes = (sizes as number[]).map((gpus, i) => a100(`a100-${i}`, gpus));
    const pods = Array.from({ length: replicas as number }, (__, i) =>
      pod(`deepgram-engine-${i}`, perEngine as number, { node: 'a100-0' }),
    );
    const observation = summarize(nodes, pods);
    const signal = evaluateGpu(
      spec(8 / (perEngine as number), perEngine as number),
      { gpu: observation },
      now,
    );
    expect(signal.status).toBe(status);
  });

  it('is insufficient with a pod pending for GPUs despite room elsewhere', () => {
    const observation = summarize(
      [a100('a', 16)],
      [
        ...engines(7, 'a'),
        pod('engine-7', 1, { unschedulable: '0/1 nodes are available' }),
      ],
    );
    expect(evaluateGpu(spec(8), { gpu: observation }, now).status).toBe(
      'insufficient',
    );
  });
});
