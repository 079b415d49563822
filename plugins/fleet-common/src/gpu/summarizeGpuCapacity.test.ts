import type { CustomerDeploymentSpec } from '../kinds';
import { evaluateGpu } from '../status/evaluateGpu';
import { describeGpuNode } from './describeGpuNode';
import type { KubeNode, KubePod, KubeTaint } from './kubernetes';
import { summarizeGpuCapacity } from './summarizeGpuCapacity';

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
