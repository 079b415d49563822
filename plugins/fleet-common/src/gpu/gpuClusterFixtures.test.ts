import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { DeploymentGpu } from '../kinds';
import { readReleasePolicy } from '../releases/readReleasePolicy';
import { evaluateGpu } from '../status/evaluateGpu';
import {
  GPU_CLUSTER_FIXTURES,
  gpuCapacityInputOf,
  gpuClusterAsV1beta1,
  gpuClusterDeploymentEntity,
  type GpuClusterFixture,
} from '../testUtils';
import {
  summarizeGpuCapacity,
  type GpuCapacityInput,
} from './summarizeGpuCapacity';
import type { GpuNodeObservation } from './types';

const summarize = (
  fixture: GpuClusterFixture,
  overrides: Partial<GpuCapacityInput> = {},
) =>
  summarizeGpuCapacity({
    ...gpuCapacityInputOf(fixture),
    observedAt: '2026-12-03T17:00:00Z',
    source: 'cluster',
    ...overrides,
  });

const byName = (nodes: GpuNodeObservation[] | undefined) =>
  Object.fromEntries((nodes ?? []).map(node => [node.name, node]));

/** Every GPU node's facts as GPU feature discovery and the pods of every namespace give them. */
const expectedNodes: Record<
  keyof typeof GPU_CLUSTER_FIXTURES,
  Record<string, Partial<GpuNodeObservation>>
> = {
  'gpu-whole': {
    'ip-10-20-1-11.ec2.internal': {
      product: 'NVIDIA-A100-SXM4-80GB',
      memoryMiB: 81920,
      count: 8,
      allocatable: { 'nvidia.com/gpu': 8 },
      requested: { 'nvidia.com/gpu': 4 },
      schedulable: true, // its nvidia.com/gpu taint is tolerated by the engine
    },
    'ip-10-20-1-12.ec2.internal': {
      product: 'NVIDIA-H100-80GB-HBM3',
      memoryMiB: 81559,
      count: 8,
      allocatable: { 'nvidia.com/gpu': 8 },
      requested: { 'nvidia.com/gpu': 4 },
      schedulable: true,
    },
  },
  'gpu-mig-mixed': {
    'ip-10-21-1-11.ec2.internal': {
      product: 'NVIDIA-A100-SXM4-80GB',
      count: 8,
      migStrategy: 'mixed',
      allocatable: {
        'nvidia.com/mig-1g.10gb': 28,
        'nvidia.com/mig-3g.40gb': 8,
      },
      // The .memory labels, not the profile names' 10 and 40 GiB.
      migMemoryMiB: {
        'nvidia.com/mig-1g.10gb': 9728,
        'nvidia.com/mig-3g.40gb': 40192,
      },
      // Six engine pods, and another namespace's notebook on ten small slices.
      requested: {
        'nvidia.com/mig-3g.40gb': 6,
        'nvidia.com/mig-1g.10gb': 10,
      },
    },
  },
  'gpu-l4-time-sliced': {
    'ip-10-22-1-11.ec2.internal': {
      product: 'NVIDIA-L4', // GFD labels it NVIDIA-L4-SHARED
      memoryMiB: 23034,
      count: 4,
      sharing: { strategy: 'time-slicing', replicas: 4 },
      allocatable: { 'nvidia.com/gpu': 16 },
      requested: { 'nvidia.com/gpu': 3 },
    },
  },
  'gpu-h100-mps': {
    'ip-10-23-1-11.ec2.internal': {
      product: 'NVIDIA-H100-80GB-HBM3',
      memoryMiB: 81559,
      count: 8,
      sharing: { strategy: 'mps', replicas: 2 },
      allocatable: { 'nvidia.com/gpu': 16 },
      requested: { 'nvidia.com/gpu': 10 },
    },
  },
  'gpu-dra': {
    'ip-10-24-1-11.ec2.internal': {
      product: 'NVIDIA-H100-80GB-HBM3',
      count: 8,
      allocatable: {},
      // Three engine pods' claims and the trainer's two devices.
      requested: { 'nvidia.com/gpu': 5 },
      schedulable: true,
    },
  },
  'gpu-fragmented': Object.fromEntries(
    ['a1', 'a2', 'a3'].map(name => [
      name,
      {
        product: 'NVIDIA-A100-80GB-PCIe',
        allocatable: { 'nvidia.com/gpu': 4 },
        requested: { 'nvidia.com/gpu': 3 }, // an engine pod (2) and a TTS pod (1)
      },
    ]),
  ),
  'gpu-shared-cluster': {
    // Two engine pods and a 6-GPU job of another namespace each; a finished job is not counted.
    'ip-10-26-1-11.ec2.internal': { requested: { 'nvidia.com/gpu': 8 } },
    'ip-10-26-1-12.ec2.internal': { requested: { 'nvidia.com/gpu': 8 } },
  },
};

describe('summarizeGpuCapacity on the GPU cluster fixtures', () => {
  it.each(Object.entries(expectedNodes))(
    '%s: the node-level facts',
    (name, nodes) => {
      const fixture =
        GPU_CLUSTER_FIXTURES[name as keyof typeof GPU_CLUSTER_FIXTURES];
      const observation = summarize(fixture);
      expect(observation.podScope).toBe('cluster');
      expect(observation.dra).toBe(fixture.resourceSlices ? 'read' : 'absent');
      // CPU nodes are left out; no node is DRA-unread where the cluster serves no DRA.
      expect(Object.keys(byName(observation.nodes)).sort()).toEqual(
        Object.keys(nodes).sort(),
      );
      for (const [node, facts] of Object.entries(nodes)) {
        expect(byName(observation.nodes)[node]).toMatchObject(facts);
        expect(byName(observation.nodes)[node].draUnread).toBeUndefined();
      }
    },
  );

  it.each(Object.keys(expectedNodes))(
    "%s: the deployment's GPU pods, where they run, and nothing of their env",
    name => {
      const fixture =
        GPU_CLUSTER_FIXTURES[name as keyof typeof GPU_CLUSTER_FIXTURES];
      const observation = summarize(fixture);
      const gpuPods = fixture.pods.items.filter(
        pod =>
          pod.metadata?.namespace === fixture.namespace &&
          pod.metadata.labels?.app !== 'deepgram-api',
      );
      expect(observation.deploymentPods).toHaveLength(gpuPods.length);
      for (const pod of observation.deploymentPods ?? []) {
        expect(pod).toEqual({
          name: expect.stringMatching(/^deepgram-/),
          node: expect.any(String),
          requests: expect.any(Object),
          app: expect.stringMatching(
            /^deepgram-(engine|agent-text-to-speech)$/,
          ),
        });
      }
      expect(JSON.stringify(observation)).not.toMatch(
        /DEEPGRAM_API_KEY|secretKeyRef|quay\.io/,
      );
    },
  );

  it('keeps the totals: allocatable and requested of the engine resource', () => {
    expect(summarize(GPU_CLUSTER_FIXTURES['gpu-whole'])).toMatchObject({
      allocatable: 16,
      requested: 8,
      pendingGpuPods: 0,
      driverVersion: '550.54.15',
    });
    expect(summarize(GPU_CLUSTER_FIXTURES['gpu-mig-mixed'])).toMatchObject({
      resourceName: 'nvidia.com/mig-3g.40gb',
      allocatable: 8,
      requested: 6,
    });
    // DRA devices count as allocatable where the node lists none.
    expect(summarize(GPU_CLUSTER_FIXTURES['gpu-dra'])).toMatchObject({
      allocatable: 8,
      requested: 3,
      models: [
        {
          product: 'NVIDIA-H100-80GB-HBM3',
          resourceName: 'nvidia.com/gpu',
          allocatable: 8,
          requested: 3,
        },
      ],
    });
  });

  it("counts only the namespace's pods when the other namespaces' were not listed", () => {
    const fixture = GPU_CLUSTER_FIXTURES['gpu-shared-cluster'];
    const observation = summarize(fixture, { clusterPods: undefined });
    expect(observation.podScope).toBe('namespace');
    expect(observation.nodes?.map(node => node.requested)).toEqual([
      { 'nvidia.com/gpu': 2 },
      { 'nvidia.com/gpu': 2 },
    ]);
  });

  describe('the DRA node', () => {
    const fixture = GPU_CLUSTER_FIXTURES['gpu-dra'];
    const draNode = 'ip-10-24-1-11.ec2.internal';

    it('lists its devices from the ResourceSlice and the claim holding each', () => {
      const node = byName(summarize(fixture).nodes)[draNode];
      expect(node.draDevices).toHaveLength(8); // the compute-domain channel is no GPU
      expect(node.draDevices?.[0]).toEqual({
        name: 'gpu-0',
        driver: 'gpu.nvidia.com',
        resourceName: 'nvidia.com/gpu',
        product: 'NVIDIA H100 80GB HBM3',
        memoryMiB: 81920,
        allocatedTo: expect.stringMatching(
          /^dg-self-hosted\/deepgram-engine-.*-gpu-/,
        ),
      });
      expect(
        node.draDevices?.map(device => device.allocatedTo?.split('/')[0]),
      ).toEqual([
        'dg-self-hosted',
        'dg-self-hosted',
        'dg-self-hosted',
        'research',
        'research',
        undefined,
        undefined,
        undefined,
      ]);
    });

    it('counts the claims of engine pods as the resource of their devices', () => {
      expect(summarize(fixture).deploymentPods).toEqual(
        Array.from({ length: 3 }, () =>
          expect.objectContaining({
            node: draNode,
            requests: { 'nvidia.com/gpu': 1 },
            app: 'deepgram-engine',
          }),
        ),
      );
    });

    it('reads resource.k8s.io/v1beta1 objects alike', () => {
      const v1beta1 = gpuClusterAsV1beta1(fixture);
      expect(v1beta1.resourceSlices?.items[0].spec?.devices?.[0]).toEqual({
        name: 'gpu-0',
        basic: expect.objectContaining({ attributes: expect.any(Object) }),
      });
      expect(summarize(v1beta1)).toEqual(summarize(fixture));
    });

    it.each([
      [
        'unreadable',
        { dra: 'unreadable', draError: 'resourceslices is forbidden' },
      ],
      ['not tried (an older collector)', { dra: undefined }],
    ] as const)(
      'is DRA-unread when DRA was %s, with nothing counted',
      (_, overrides) => {
        const observation = summarize(fixture, {
          ...overrides,
          resourceSlices: undefined,
          resourceClaims: undefined,
        });
        expect(byName(observation.nodes)[draNode]).toMatchObject({
          allocatable: {},
          draUnread: true,
        });
        expect(byName(observation.nodes)[draNode].draDevices).toBeUndefined();
        expect(observation).toMatchObject({ allocatable: 0 });
        expect(observation.dra).toBe(overrides.dra);
        expect(observation.draError).toBe(
          overrides.dra === 'unreadable' ? overrides.draError : undefined,
        );
      },
    );

    it('is not DRA-unread where the cluster serves no DRA: its device plugin is down', () => {
      const observation = summarize(fixture, {
        dra: 'absent',
        resourceSlices: undefined,
        resourceClaims: undefined,
      });
      expect(byName(observation.nodes)[draNode].draUnread).toBeUndefined();
    });
  });
});

describe('the GPU status each fixture earns', () => {
  const now = new Date('2026-12-03T17:10:00Z');
  const policy = readReleasePolicy(
    parse(
      fs.readFileSync(
        path.resolve(__dirname, '../__fixtures__/releases/policy.yaml'),
        'utf8',
      ),
    ),
  );
  const judge = (
    name: keyof typeof GPU_CLUSTER_FIXTURES,
    options: {
      input?: Partial<GpuCapacityInput>;
      gpu?: Partial<DeploymentGpu>;
      target?: string;
    } = {},
  ) => {
    const fixture = GPU_CLUSTER_FIXTURES[name];
    const { spec } = gpuClusterDeploymentEntity(fixture);
    return evaluateGpu(
      { ...spec, gpu: { ...spec.gpu!, ...options.gpu } },
      { gpu: summarize(fixture, options.input) },
      now,
      { policy, ...(options.target && { target: options.target }) },
    );
  };

  it.each([
    [
      'gpu-whole',
      'ok',
      4,
      'room for 4 more engine pods (ip-10-20-1-11.ec2.internal 2, ip-10-20-1-12.ec2.internal 2)',
    ],
    [
      'gpu-mig-mixed',
      'ok',
      2,
      'needs 6 nvidia.com/mig-3g.40gb (6 engine pods × 1); room for 2 more engine pods',
    ],
    ['gpu-l4-time-sliced', 'ok', 13, 'room for 13 more engine pods'],
    ['gpu-h100-mps', 'ok', 6, 'room for 6 more engine pods'],
    [
      'gpu-dra',
      'ok',
      3,
      'room for 3 more engine pods (ip-10-24-1-11.ec2.internal 3)',
    ],
    [
      'gpu-fragmented',
      'tight',
      0,
      'no node has 2 free nvidia.com/gpu with 16 GiB for one more engine pod, which a rolling upgrade needs; free: a1 1, a2 1, a3 1',
    ],
    [
      'gpu-shared-cluster',
      'tight',
      0,
      'no node has 1 free nvidia.com/gpu with 24 GiB for one more engine pod, which a rolling upgrade needs; free: ip-10-26-1-11.ec2.internal 0, ip-10-26-1-12.ec2.internal 0',
    ],
  ] as const)('%s: %s, %d more engine pods', (name, status, more, reason) => {
    const signal = judge(name);
    expect(signal.status).toBe(status);
    expect(signal.reason).toContain(reason);
    expect(signal.fit).toMatchObject({ basis: 'nodes', moreEnginePods: more });
  });

  it('says how shared GPUs are shared', () => {
    expect(judge('gpu-l4-time-sliced').fit?.notes).toContain(
      'time-slicing does not isolate GPU memory: pods sharing a GPU can run each other out of memory',
    );
    expect(judge('gpu-h100-mps').fit?.notes).toContain(
      "MPS limits each pod to its share of the GPU's memory; a pod that needs more fails to allocate it",
    );
  });

  it('takes no time-slice too small for an engine pod as capacity, and says which node and why', () => {
    const signal = judge('gpu-l4-time-sliced', {
      gpu: { engineMemoryGiB: 12 },
    });
    expect(signal.status).toBe('tight');
    expect(signal.reason).toContain(
      'not capacity: ip-10-22-1-11.ec2.internal (a time-slice of NVIDIA-L4 (4 ways, no memory isolation) has 5.6 GiB; an engine pod needs 12 GiB (time-slicing does not isolate memory: pods on one GPU share all of it))',
    );
  });

  it("has room on the shared cluster only when other namespaces' pods were not listed, and says so", () => {
    const signal = judge('gpu-shared-cluster', {
      input: { clusterPods: undefined },
    });
    expect(signal).toMatchObject({ status: 'ok', fit: { moreEnginePods: 12 } });
    expect(signal.fit?.notes[0]).toContain(
      "only the release namespace's pods were listed",
    );
  });

  it('is unknown, never insufficient or tight, where DRA manages the GPUs and could not be read', () => {
    const signal = judge('gpu-dra', {
      input: {
        dra: 'unreadable',
        draError: 'forbidden',
        resourceSlices: undefined,
        resourceClaims: undefined,
      },
    });
    expect(signal.status).toBe('unknown');
    expect(signal.reason).toMatch(
      /^GPUs on ip-10-24-1-11\.ec2\.internal are managed by DRA and their ResourceSlices could not be read/,
    );
  });

  it('finds no node for the 2-GPU agent-text-to-speech pods of 0.35.0 on the fragmented nodes', () => {
    const signal = judge('gpu-fragmented', { target: '0.35.0' });
    expect(signal.status).toBe('insufficient');
    expect(signal.reason).toContain('fit on no node');
    expect(signal.fit?.unplaced.map(pod => pod.gpus)).toEqual([2, 2, 2]);
  });
});
