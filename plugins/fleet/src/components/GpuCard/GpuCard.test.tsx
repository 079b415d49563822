import { screen, within } from '@testing-library/react';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import type { GpuSignal } from '@fleetdeck/plugin-fleet-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FleetClient } from '../../api';
import { deploymentEntity } from '../../__fixtures__/entities';
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
