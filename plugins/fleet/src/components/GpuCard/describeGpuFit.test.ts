import type { GpuNodeFit } from '@fleetdeck/plugin-fleet-common';
import { gpuFit, gpuNodeFit } from '../../__fixtures__/gpuFit';
import { formatGpuMemory } from './describeGpu';
import {
  describeCounted,
  describeEnginePod,
  describeFitBasis,
  describeFree,
  describeIsolation,
  describeNodePods,
  describePodDemand,
  describeScaleUp,
  describeUnitMemory,
} from './describeGpuFit';

describe('formatGpuMemory', () => {
  it('rounds to whole GiB from 10 GiB, to one decimal below', () => {
    expect(formatGpuMemory(81920)).toBe('80 GiB');
    expect(formatGpuMemory(23034)).toBe('22 GiB');
    expect(formatGpuMemory(23034 / 4)).toBe('5.6 GiB');
    expect(formatGpuMemory(4096)).toBe('4 GiB');
    expect(formatGpuMemory(undefined)).toBe('—');
  });
});

describe('describeScaleUp', () => {
  it('answers how many more engine pods fit, in agreement', () => {
    expect(describeScaleUp(gpuFit({ moreEnginePods: 0 }))).toBe(
      'No more engine pods fit now',
    );
    expect(describeScaleUp(gpuFit({ moreEnginePods: 1 }))).toBe(
      '1 more engine pod fits now',
    );
    expect(describeScaleUp(gpuFit({ moreEnginePods: 3 }))).toBe(
      '3 more engine pods fit now',
    );
  });
});

describe('describeEnginePod', () => {
  it('gives the GPUs and GPU memory one engine pod asks for', () => {
    expect(
      describeEnginePod(
        gpuFit({
          resourceName: 'nvidia.com/mig-3g.40gb',
          enginePod: { gpus: 2, memoryMiB: 24576 },
        }),
      ),
    ).toBe(
      'An engine pod asks for 2 nvidia.com/mig-3g.40gb and 24 GiB of GPU memory.',
    );
  });

  it('says that memory goes unchecked, and where to declare it, when it is not declared', () => {
    expect(describeEnginePod(gpuFit({ enginePod: { gpus: 1 } }))).toBe(
      'An engine pod asks for 1 nvidia.com/gpu; its GPU memory is not declared (spec.gpu.engineMemoryGiB), so no node is checked for it.',
    );
  });
});

describe('describeFitBasis', () => {
  it('speaks only of an answer judged by totals', () => {
    expect(describeFitBasis(gpuFit({ basis: 'totals' }))).toBe(
      'Judged by totals: this observation lists no nodes.',
    );
    expect(describeFitBasis(gpuFit())).toBeUndefined();
  });
});

describe('describePodDemand', () => {
  it('names the pod and what it needs', () => {
    expect(
      describePodDemand({
        name: 'engine 3',
        role: 'engine',
        resourceName: 'nvidia.com/gpu',
        gpus: 1,
        memoryMiB: 16384,
      }),
    ).toBe('engine 3 needs 1 nvidia.com/gpu and 16 GiB of GPU memory');
    expect(
      describePodDemand({
        name: 'agent-text-to-speech 1',
        role: 'agent-text-to-speech',
        resourceName: 'nvidia.com/gpu',
        gpus: 2,
      }),
    ).toBe('agent-text-to-speech 1 needs 2 nvidia.com/gpu');
  });
});

describe('describeIsolation and describeUnitMemory', () => {
  it.each<[Partial<GpuNodeFit>, string, string, string]>([
    [
      { isolation: 'whole', unitMemoryMiB: 81920 },
      'nvidia.com/gpu',
      'Whole GPUs',
      '80 GiB per GPU',
    ],
    [
      { isolation: 'mig', unitMemoryMiB: 40960 },
      'nvidia.com/mig-3g.40gb',
      'MIG 3g.40gb slices',
      '40 GiB per slice',
    ],
    [
      { isolation: 'mig', unitMemoryMiB: 5120 },
      'nvidia.com/gpu',
      'MIG slices',
      '5 GiB per slice',
    ],
    [
      { isolation: 'time-slicing', sharedWays: 4, unitMemoryMiB: 23034 / 4 },
      'nvidia.com/gpu',
      'Time-sliced 4 ways — no memory isolation',
      '5.6 GiB per share',
    ],
    [
      { isolation: 'time-slicing', unitMemoryMiB: undefined },
      'nvidia.com/gpu',
      'Time-sliced — no memory isolation',
      '—',
    ],
    [
      { isolation: 'mps', sharedWays: 2, unitMemoryMiB: 40960 },
      'nvidia.com/gpu',
      'MPS 2 ways',
      '40 GiB per share',
    ],
    [
      { isolation: 'dra', unitMemoryMiB: 81559 },
      'nvidia.com/gpu',
      'DRA devices',
      '80 GiB per device',
    ],
  ])('%j of %s: %s, %s', (node, resourceName, isolation, memory) => {
    expect(describeIsolation(gpuNodeFit('gpu-0', node), resourceName)).toBe(
      isolation,
    );
    expect(describeUnitMemory(gpuNodeFit('gpu-0', node))).toBe(memory);
  });
});

describe('describeFree and describeCounted', () => {
  it('gives free of total, and why a node is not capacity', () => {
    expect(describeFree(gpuNodeFit('gpu-0', { units: 4, free: 1 }))).toBe(
      '1 of 4 free',
    );
    expect(describeCounted(gpuNodeFit('gpu-0'))).toBe('Yes');
    expect(
      describeCounted(
        gpuNodeFit('gpu-0', { counts: false, excluded: 'cordoned' }),
      ),
    ).toBe('No: cordoned');
    expect(describeCounted(gpuNodeFit('gpu-0', { counts: false }))).toBe(
      'No: no reason given',
    );
  });
});

describe('describeNodePods', () => {
  it('lists what runs there, what could go there and the room left', () => {
    expect(
      describeNodePods(
        gpuNodeFit('gpu-0', {
          running: ['deepgram-engine-0', 'deepgram-engine-1'],
          placed: ['engine 3'],
          moreEnginePods: 2,
        }),
      ),
    ).toEqual([
      'Runs deepgram-engine-0, deepgram-engine-1',
      'Could take engine 3',
      'Room for 2 more engine pods',
    ]);
  });

  it('offers no room on a node that does not count', () => {
    expect(
      describeNodePods(
        gpuNodeFit('gpu-0', { counts: false, moreEnginePods: 1 }),
      ),
    ).toEqual(['None']);
  });
});
