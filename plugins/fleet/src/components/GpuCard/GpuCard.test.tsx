import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import type { GpuFit, GpuSignal } from '@fleetdeck/plugin-fleet-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FleetClient } from '../../api';
import { deploymentEntity } from '../../__fixtures__/entities';
import {
  gpuFit,
  gpuNodeFit,
  undersizedGpuSizing,
} from '../../__fixtures__/gpuFit';
import { deploymentStatus } from '../../__fixtures__/statuses';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { GpuCard } from './GpuCard';
import { gpuAdvice } from './describeGpu';

const now = new Date('2026-11-22T12:00:00Z');

const clusterSignal: Partial<GpuSignal> = {
  status: 'insufficient',
  reason:
    '1 pod is pending for want of nvidia.com/gpu (snapshot 5 minutes old)',
  source: 'cluster',
  observedAt: '2026-11-22T11:55:00Z',
  resourceName: 'nvidia.com/gpu',
  driverVersion: '535.104.05',
  allocatable: 12,
  requested: 8,
  required: 8,
  models: [
    {
      product: 'NVIDIA-A100-SXM4-80GB',
      resourceName: 'nvidia.com/gpu',
      allocatable: 4,
      requested: 4,
    },
    {
      product: 'NVIDIA-A100-SXM4-80GB',
      resourceName: 'nvidia.com/mig-1g.10gb',
      allocatable: 14,
      requested: 0,
    },
    {
      product: 'NVIDIA-L4',
      resourceName: 'nvidia.com/gpu',
      allocatable: 4,
      requested: 0,
    },
  ],
  nodes: [
    {
      name: 'gpu-a100-0',
      product: 'NVIDIA-A100-SXM4-80GB',
      memoryMiB: 81920,
      count: 4,
      allocatable: { 'nvidia.com/gpu': 4 },
      driverVersion: '550.54.15',
      schedulable: true,
    },
    {
      name: 'gpu-l4-0',
      product: 'NVIDIA-L4',
      memoryMiB: 23034,
      count: 1,
      allocatable: { 'nvidia.com/gpu': 4 },
      sharing: { strategy: 'time-slicing', replicas: 4 },
      driverVersion: '550.54.15',
      schedulable: true,
    },
    {
      name: 'gpu-a10g-1',
      product: 'NVIDIA-A10G',
      memoryMiB: 23028,
      count: 4,
      allocatable: { 'nvidia.com/gpu': 4 },
      driverVersion: '535.104.05',
      schedulable: false,
      unschedulableReason: 'cordoned',
    },
    {
      name: 'gpu-mig-0',
      product: 'NVIDIA-A100-SXM4-80GB',
      memoryMiB: 81920,
      count: 8,
      allocatable: { 'nvidia.com/mig-1g.10gb': 14 },
      migStrategy: 'mixed',
      schedulable: true,
    },
  ],
  pendingPods: [
    {
      name: 'deepgram-engine-6d8f9c7b54-z9y3k',
      requests: { 'nvidia.com/gpu': 1 },
      message: '0/7 nodes are available: 2 Insufficient nvidia.com/gpu.',
    },
  ],
};

/** The text of each element of `role` in the card's section headed `heading`. */
function textsIn(heading: string, role: 'listitem' | 'term' | 'definition') {
  const section = screen
    .getByRole('heading', { name: heading })
    .closest('section');
  return within(section!)
    .getAllByRole(role)
    .map(element => element.textContent ?? '');
}

/** Clicks a column's sort label: the nodes in their new order, and the column's `aria-sort`. */
async function sortBy(column: string) {
  const table = screen.getByRole('table', { name: 'GPU nodes' });
  await userEvent.click(within(table).getByRole('button', { name: column }));
  return {
    nodes: nodeCells().map(([node]) => node),
    sort: within(table)
      .getByRole('columnheader', { name: column })
      .getAttribute('aria-sort'),
  };
}

/** A signal observed on the live cluster with the given fit. */
function fitSignal(
  fit: GpuFit,
  overrides: Partial<GpuSignal> = {},
): Partial<GpuSignal> {
  return {
    status: 'ok',
    source: 'cluster',
    observedAt: '2026-11-22T11:55:00Z',
    resourceName: fit.resourceName,
    models: [],
    fit,
    ...overrides,
  };
}

/** The GPU nodes table's body, cell by cell. */
function nodeCells(): string[][] {
  const table = screen.getByRole('table', { name: 'GPU nodes' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

describe('GpuCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve(gpu: Partial<GpuSignal>) {
    server.use(
      http.get(
        'http://fleet.test/api/fleet/deployments/default/acme-prod',
        () => HttpResponse.json(deploymentStatus({ gpu })),
      ),
    );
  }

  const client = () =>
    new FleetClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://fleet.test' }),
      fetchApi: new MockFetchApi(),
      identityApi: mockApis.identity(),
    });

  it('shows a live cluster: figures per model, nodes, pending pods and what to do', async () => {
    serve(clusterSignal);
    renderEntityCard(
      deploymentEntity({ spec: { profile: 'connected' } }),
      <GpuCard now={now} />,
      client(),
    );

    expect(await screen.findByText('Insufficient')).toBeInTheDocument();
    expect(screen.getByText('GPU capacity')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Source: Live cluster, snapshot 5 minutes ago (2026-11-22 11:55 UTC) · lowest NVIDIA driver 535.104.05',
      ),
    ).toBeInTheDocument();

    // The bars carry their figures in text, not only in length or colour.
    const meters = screen.getAllByRole('meter');
    expect(meters.map(m => m.getAttribute('aria-label'))).toEqual([
      'All schedulable nodes, nvidia.com/gpu: 8 requested · 12 allocatable · 8 needed',
      'NVIDIA-A100-SXM4-80GB (GPU): 4 requested · 4 allocatable',
      'NVIDIA-A100-SXM4-80GB (mig-1g.10gb): 0 requested · 14 allocatable',
      'NVIDIA-L4 (GPU): 0 requested · 4 allocatable',
    ]);
    expect(
      screen.getByText('8 requested · 12 allocatable · 8 needed'),
    ).toBeInTheDocument();

    const rows = within(screen.getByRole('table', { name: 'GPU nodes' }))
      .getAllByRole('row')
      .map(row => row.textContent);
    expect(rows).toEqual([
      'NodeModelMemoryGPUsSharingDriverState',
      'gpu-a100-0NVIDIA-A100-SXM4-80GB80 GiB4 × GPU (4 physical)none550.54.15Schedulable',
      'gpu-l4-0NVIDIA-L422 GiB4 × GPU (1 physical)time-slicing × 4550.54.15Schedulable',
      'gpu-a10g-1NVIDIA-A10G22 GiB4 × GPU (4 physical)none535.104.05Not schedulable: cordoned',
      'gpu-mig-0NVIDIA-A100-SXM4-80GB80 GiB14 × mig-1g.10gb (8 physical)MIG mixed—Schedulable',
    ]);

    expect(
      screen.getByText(
        /deepgram-engine-6d8f9c7b54-z9y3k asks for 1 nvidia.com\/gpu — 0\/7 nodes are available/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('What to do:').parentElement).toHaveTextContent(
      '1 pod is waiting for nvidia.com/gpu: add GPU nodes with nvidia.com/gpu, free GPUs used by other workloads, or lower scaling.replicas.engine. 1 GPU node cannot take pods now (gpu-a10g-1: cordoned); bringing it back is the quickest fix.',
    );
  });

  it('shows a status report with its date, and no advice when ok', async () => {
    serve({
      status: 'ok',
      reason: 'needs 6 nvidia.com/gpu; 8 allocatable, 2 free',
      source: 'report',
      observedAt: '2026-11-20T02:00:00Z',
      allocatable: 8,
      requested: 6,
      required: 6,
      models: [
        {
          product: 'NVIDIA-H100-80GB-HBM3',
          resourceName: 'nvidia.com/gpu',
          allocatable: 8,
          requested: 6,
        },
      ],
    });
    renderEntityCard(deploymentEntity(), <GpuCard now={now} />, client());

    expect(
      await screen.findByText(
        'Source: Status report of 2026-11-20 02:00 UTC (2 days ago)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('What to do:')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  /** Serves the signal and renders the card; resolves once the scale-up answer shows. */
  async function showFit(gpu: Partial<GpuSignal>, answer: string) {
    serve(gpu);
    renderEntityCard(deploymentEntity(), <GpuCard now={now} />, client());
    expect(await screen.findByText(answer)).toBeInTheDocument();
  }

  it('answers the scale-up question for whole GPUs, node by node, sortable', async () => {
    await showFit(
      fitSignal(
        gpuFit({
          moreEnginePods: 3,
          nodes: [
            gpuNodeFit('gpu-a100-0', {
              taken: 3,
              free: 1,
              running: [
                'deepgram-engine-7c9d-abcde',
                'deepgram-engine-7c9d-fghij',
              ],
              moreEnginePods: 1,
            }),
            gpuNodeFit('gpu-h100-10', {
              product: 'NVIDIA-H100-80GB-HBM3',
              physicalGpus: 8,
              unitMemoryMiB: 81559,
              units: 8,
              taken: 8,
              free: 0,
            }),
            gpuNodeFit('gpu-h100-2', {
              product: 'NVIDIA-H100-80GB-HBM3',
              physicalGpus: 8,
              unitMemoryMiB: 81559,
              units: 8,
              taken: 6,
              free: 2,
              moreEnginePods: 2,
            }),
          ],
        }),
        {
          nodes: [
            {
              name: 'gpu-a100-0',
              allocatable: { 'nvidia.com/gpu': 4 },
              driverVersion: '550.54.15',
              schedulable: true,
            },
          ],
        },
      ),
      '3 more engine pods fit now',
    );

    expect(
      screen.getByText(
        'An engine pod asks for 1 nvidia.com/gpu and 16 GiB of GPU memory.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Caveats' })).toBeNull();
    expect(screen.queryByText('Sized for the load')).toBeNull();
    expect(screen.queryByText('Pods that fit on no node')).toBeNull();

    const table = screen.getByRole('table', { name: 'GPU nodes' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual([
      'Node',
      'Product',
      'GPU memory',
      'Physical GPUs',
      'Shared or sliced',
      'Free',
      'Counted',
      "This deployment's pods",
    ]);
    // By name at first, in natural order: gpu-h100-2 before gpu-h100-10.
    expect(nodeCells()).toEqual([
      [
        'gpu-a100-0',
        'NVIDIA-A100-SXM4-80GBdriver 550.54.15',
        '80 GiB per GPU',
        '4',
        'Whole GPUs',
        '1 of 4 free',
        'Yes',
        'Runs deepgram-engine-7c9d-abcde, deepgram-engine-7c9d-fghijRoom for 1 more engine pod',
      ],
      [
        'gpu-h100-2',
        'NVIDIA-H100-80GB-HBM3',
        '80 GiB per GPU',
        '8',
        'Whole GPUs',
        '2 of 8 free',
        'Yes',
        'Room for 2 more engine pods',
      ],
      [
        'gpu-h100-10',
        'NVIDIA-H100-80GB-HBM3',
        '80 GiB per GPU',
        '8',
        'Whole GPUs',
        '0 of 8 free',
        'Yes',
        'None',
      ],
    ]);
    expect(
      within(table).getByRole('columnheader', { name: 'Node' }),
    ).toHaveAttribute('aria-sort', 'ascending');

    // Fewest free first, then most.
    expect(await sortBy('Free')).toEqual({
      nodes: ['gpu-h100-10', 'gpu-a100-0', 'gpu-h100-2'],
      sort: 'ascending',
    });
    expect(await sortBy('Free')).toEqual({
      nodes: ['gpu-h100-2', 'gpu-a100-0', 'gpu-h100-10'],
      sort: 'descending',
    });
    expect(
      within(table).getByRole('columnheader', { name: 'Node' }),
    ).not.toHaveAttribute('aria-sort');
  });

  it.each<[string, GpuFit, string, string[]]>([
    [
      'a MIG node by its slice and the slice’s memory',
      gpuFit({
        resourceName: 'nvidia.com/mig-3g.40gb',
        enginePod: { gpus: 1, memoryMiB: 32768 },
        moreEnginePods: 1,
        nodes: [
          gpuNodeFit('gpu-mig-0', {
            product: 'NVIDIA-A100-SXM4-80GB',
            isolation: 'mig',
            physicalGpus: 1,
            unitMemoryMiB: 40960,
            units: 2,
            taken: 1,
            free: 1,
            running: ['deepgram-engine-5f6b-klmno'],
            moreEnginePods: 1,
          }),
        ],
      }),
      'An engine pod asks for 1 nvidia.com/mig-3g.40gb and 32 GiB of GPU memory.',
      [
        'gpu-mig-0',
        'NVIDIA-A100-SXM4-80GB',
        '40 GiB per slice',
        '1',
        'MIG 3g.40gb slices',
        '1 of 2 free',
        'Yes',
        'Runs deepgram-engine-5f6b-klmnoRoom for 1 more engine pod',
      ],
    ],
    [
      'a time-sliced node by its ways and the memory of a share, without isolation',
      gpuFit({
        enginePod: { gpus: 1, memoryMiB: 4096 },
        moreEnginePods: 2,
        nodes: [
          gpuNodeFit('gpu-l4-0', {
            product: 'NVIDIA-L4',
            isolation: 'time-slicing',
            physicalGpus: 1,
            sharedWays: 4,
            unitMemoryMiB: 23034 / 4,
            taken: 2,
            free: 2,
            running: ['deepgram-engine-0', 'deepgram-engine-1'],
            moreEnginePods: 2,
          }),
        ],
      }),
      'An engine pod asks for 1 nvidia.com/gpu and 4 GiB of GPU memory.',
      [
        'gpu-l4-0',
        'NVIDIA-L4',
        '5.6 GiB per share',
        '1',
        'Time-sliced 4 ways — no memory isolation',
        '2 of 4 free',
        'Yes',
        'Runs deepgram-engine-0, deepgram-engine-1Room for 2 more engine pods',
      ],
    ],
    [
      'an MPS node by its ways and the memory of a share',
      gpuFit({
        enginePod: { gpus: 1, memoryMiB: 24576 },
        moreEnginePods: 1,
        nodes: [
          gpuNodeFit('gpu-h100-mps', {
            product: 'NVIDIA-H100-80GB-HBM3',
            isolation: 'mps',
            physicalGpus: 2,
            sharedWays: 2,
            unitMemoryMiB: 40960,
            taken: 2,
            free: 2,
            placed: ['engine 2'],
            moreEnginePods: 1,
          }),
        ],
      }),
      'An engine pod asks for 1 nvidia.com/gpu and 24 GiB of GPU memory.',
      [
        'gpu-h100-mps',
        'NVIDIA-H100-80GB-HBM3',
        '40 GiB per share',
        '2',
        'MPS 2 ways',
        '2 of 4 free',
        'Yes',
        'Could take engine 2Room for 1 more engine pod',
      ],
    ],
    [
      'a DRA node by its devices',
      gpuFit({
        moreEnginePods: 6,
        nodes: [
          gpuNodeFit('gpu-dra-0', {
            product: 'NVIDIA H100 80GB HBM3',
            isolation: 'dra',
            physicalGpus: 8,
            unitMemoryMiB: 81559,
            units: 8,
            taken: 2,
            free: 6,
            running: ['deepgram-engine-0', 'deepgram-engine-1'],
            moreEnginePods: 6,
          }),
        ],
      }),
      'An engine pod asks for 1 nvidia.com/gpu and 16 GiB of GPU memory.',
      [
        'gpu-dra-0',
        'NVIDIA H100 80GB HBM3',
        '80 GiB per device',
        '8',
        'DRA devices',
        '6 of 8 free',
        'Yes',
        'Runs deepgram-engine-0, deepgram-engine-1Room for 6 more engine pods',
      ],
    ],
  ])('shows %s', async (_, fit, demand, cells) => {
    await showFit(
      fitSignal(fit),
      `${fit.moreEnginePods} more engine ${
        fit.moreEnginePods === 1 ? 'pod fits' : 'pods fit'
      } now`,
    );
    expect(screen.getByText(demand)).toBeInTheDocument();
    expect(nodeCells()).toEqual([cells]);
  });

  it('shows the caveats of the fit', async () => {
    const caveat =
      'gpu-l4-0 time-slices each GPU 4 ways without memory isolation: a pod can use more than its 5.6 GiB share and starve the others.';
    await showFit(
      fitSignal(gpuFit({ moreEnginePods: 2, notes: [caveat] })),
      '2 more engine pods fit now',
    );
    const caveats = screen.getByRole('list', { name: 'Caveats' });
    expect(
      within(caveats)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([caveat]);
  });

  it('says why a node does not count, and sorts the counted ones first', async () => {
    await showFit(
      fitSignal(
        gpuFit({
          moreEnginePods: 4,
          nodes: [
            gpuNodeFit('gpu-a100-0', {
              moreEnginePods: 4,
            }),
            gpuNodeFit('gpu-a10g-1', {
              product: 'NVIDIA-A10G',
              physicalGpus: 4,
              unitMemoryMiB: 23028,
              counts: false,
              excluded: 'cordoned',
            }),
            gpuNodeFit('gpu-t4-0', {
              product: 'Tesla-T4',
              physicalGpus: 4,
              unitMemoryMiB: 15360,
              counts: false,
              excluded: 'Tesla-T4 is not supported from 0.40.0',
            }),
          ],
        }),
      ),
      '4 more engine pods fit now',
    );
    expect(nodeCells().map(row => [row[0], row[6], row[7]])).toEqual([
      ['gpu-a10g-1', 'No: cordoned', 'None'],
      ['gpu-a100-0', 'Yes', 'Room for 4 more engine pods'],
      ['gpu-t4-0', 'No: Tesla-T4 is not supported from 0.40.0', 'None'],
    ]);

    // Counted first, then the others by their reason.
    expect(await sortBy('Counted')).toEqual({
      nodes: ['gpu-a100-0', 'gpu-a10g-1', 'gpu-t4-0'],
      sort: 'ascending',
    });
  });

  it('lists the pods that fit on no node', async () => {
    await showFit(
      fitSignal(
        gpuFit({
          unplaced: [
            {
              name: 'engine 3',
              role: 'engine',
              resourceName: 'nvidia.com/gpu',
              gpus: 1,
              memoryMiB: 16384,
            },
            {
              name: 'agent-text-to-speech 1',
              role: 'agent-text-to-speech',
              resourceName: 'nvidia.com/gpu',
              gpus: 2,
            },
          ],
          nodes: [
            gpuNodeFit('gpu-a100-0', {
              taken: 3,
              free: 1,
              running: ['deepgram-engine-0', 'deepgram-engine-1'],
            }),
          ],
        }),
        {
          status: 'insufficient',
          reason:
            'engine 3 and agent-text-to-speech 1 fit on no node; free: gpu-a100-0 1',
        },
      ),
      'No more engine pods fit now',
    );
    expect(textsIn('Pods that fit on no node', 'listitem')).toEqual([
      'engine 3 needs 1 nvidia.com/gpu and 16 GiB of GPU memory',
      'agent-text-to-speech 1 needs 2 nvidia.com/gpu',
    ]);
  });

  it('says when the answer is judged by totals, and shows no node table', async () => {
    await showFit(
      fitSignal(gpuFit({ basis: 'totals', moreEnginePods: 2 }), {
        source: 'report',
        observedAt: '2026-11-20T02:00:00Z',
        allocatable: 8,
        requested: 6,
        required: 6,
      }),
      '2 more engine pods fit now',
    );
    expect(
      screen.getByText(
        'An engine pod asks for 1 nvidia.com/gpu and 16 GiB of GPU memory. Judged by totals: this observation lists no nodes.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('compares the expected load with the sizing table and says when it is undersized', async () => {
    await showFit(
      fitSignal(gpuFit({ moreEnginePods: 1 }), { sizing: undersizedGpuSizing }),
      '1 more engine pod fits now',
    );
    expect(textsIn('Sized for the load', 'term')).toEqual([
      'Expected load',
      'Tier',
      'The tier needs',
      'Verdict',
    ]);
    expect(textsIn('Sized for the load', 'definition')).toEqual([
      '8 concurrent streams at peak',
      "medium (up to 10 streams), from the release policy's table for 0.42.0 (in force since 0.40.0)",
      '2 engine pods × 1 GPU, each with 16 GiB of GPU memory, 4 CPU and 16Gi of memory',
      'Undersized for the load',
    ]);
    expect(screen.getByText('Undersized for the load')).toHaveAttribute(
      'data-verdict',
      'undersized',
    );
    expect(screen.getByText(undersizedGpuSizing.message)).toBeInTheDocument();
  });

  it('tells how to get data when nothing was observed', async () => {
    serve({
      status: 'unknown',
      reason: 'no GPU capacity has been observed for this deployment yet',
      allocatable: undefined,
      requested: undefined,
      required: 6,
      models: [],
    });
    renderEntityCard(deploymentEntity(), <GpuCard now={now} />, client());

    expect(
      await screen.findByText('Source: nothing observed yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('What to do:').parentElement).toHaveTextContent(
      'run the collector script and send its status report',
    );
  });
});

describe('gpuAdvice', () => {
  it('says how many GPUs are missing', () => {
    expect(
      gpuAdvice(
        {
          status: 'insufficient',
          models: [],
          resourceName: 'nvidia.com/mig-1g.10gb',
          allocatable: 5,
          required: 8,
        },
        { profile: 'airgapped' },
      ),
    ).toMatch(
      /^The deployment needs 3 more nvidia.com\/mig-1g.10gb than the cluster can schedule/,
    );
  });

  it('explains tight and a failed snapshot', () => {
    expect(
      gpuAdvice(
        { status: 'tight', models: [] },
        { profile: 'connected', perEngine: 2 },
      ),
    ).toMatch(/^No room for one more engine pod \(2 GPUs\)/);
    expect(
      gpuAdvice(
        { status: 'unknown', models: [], error: 'cluster gpu-west: timeout' },
        { profile: 'connected' },
      ),
    ).toMatch(
      /^The last attempt to read the cluster failed \(cluster gpu-west: timeout\)/,
    );
  });
});
