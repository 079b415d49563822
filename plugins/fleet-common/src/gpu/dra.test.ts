import { readDraGpus } from './dra';
import type { KubeResourceClaim, KubeResourceSlice } from './kubernetes';

const slice = (
  node: string | undefined,
  devices: NonNullable<KubeResourceSlice['spec']>['devices'],
  extra: { driver?: string; generation?: number } = {},
): KubeResourceSlice => ({
  metadata: { name: `${node}-slice-${extra.generation ?? 1}` },
  spec: {
    driver: extra.driver ?? 'gpu.nvidia.com',
    ...(node && { nodeName: node }),
    pool: { name: node ?? 'shared', generation: extra.generation ?? 1 },
    devices,
  },
});

const claim = (
  name: string,
  devices: string[] | undefined,
  requests: NonNullable<
    NonNullable<KubeResourceClaim['spec']>['devices']
  >['requests'] = [],
): KubeResourceClaim => ({
  metadata: { name, namespace: 'dg' },
  spec: { devices: { requests } },
  ...(devices && {
    status: {
      allocation: {
        devices: {
          results: devices.map(device => ({
            request: 'gpu',
            driver: 'gpu.nvidia.com',
            pool: 'n1',
            device,
          })),
        },
      },
    },
  }),
});

describe('readDraGpus', () => {
  it('reads GPUs and MIG slices, with attributes qualified by the driver and bare quantities', () => {
    const { devicesByNode } = readDraGpus(
      [
        slice('n1', [
          {
            name: 'gpu-1-mig-3g40gb-0',
            attributes: {
              'gpu.nvidia.com/type': { string: 'mig' },
              'gpu.nvidia.com/profile': { string: '3g.40gb' },
            },
            capacity: { memory: '40192Mi' },
          },
          {
            name: 'gpu-0',
            attributes: { type: { string: 'gpu' } },
            capacity: { memory: { value: '40Gi' } },
          },
        ]),
      ],
      [],
    );
    expect(devicesByNode.get('n1')).toEqual([
      {
        name: 'gpu-0',
        driver: 'gpu.nvidia.com',
        resourceName: 'nvidia.com/gpu',
        memoryMiB: 40960,
      },
      {
        name: 'gpu-1-mig-3g40gb-0',
        driver: 'gpu.nvidia.com',
        resourceName: 'nvidia.com/mig-3g.40gb',
        memoryMiB: 40192,
      },
    ]);
  });

  it("leaves out other drivers, devices of no GPU type, slices without a node, and a pool's older generation", () => {
    const gpu = (name: string) => ({
      name,
      attributes: { type: { string: 'gpu' } },
    });
    const { devicesByNode } = readDraGpus(
      [
        slice('n1', [gpu('old-0')], { generation: 1 }),
        slice('n1', [gpu('gpu-0'), { name: 'odd', attributes: {} }], {
          generation: 2,
        }),
        slice('n1', [gpu('nic-0')], { driver: 'net.example.com' }),
        slice(undefined, [gpu('fabric-0')]),
      ],
      [],
    );
    expect([...devicesByNode.keys()]).toEqual(['n1']);
    expect(devicesByNode.get('n1')?.map(device => device.name)).toEqual([
      'gpu-0',
    ]);
  });

  it("counts a pod's claims: allocated devices as their resource, else whole GPUs asked for", () => {
    const devices = ['gpu-0', 'gpu-1', 'gpu-2'].map(name => ({
      name,
      attributes: { type: { string: 'gpu' } },
    }));
    const inventory = readDraGpus(
      [slice('n1', devices)],
      [
        claim('running-gpu', ['gpu-0', 'gpu-1']),
        claim('waiting-gpu', undefined, [
          {
            name: 'gpu',
            exactly: { deviceClassName: 'gpu.nvidia.com', count: 2 },
          },
          {
            name: 'all',
            deviceClassName: 'gpu.nvidia.com',
            allocationMode: 'All',
          },
          { name: 'nic', deviceClassName: 'net.example.com' },
        ]),
      ],
    );
    expect(
      inventory.devicesByNode.get('n1')?.map(device => device.allocatedTo),
    ).toEqual(['dg/running-gpu', 'dg/running-gpu', undefined]);
    expect(
      inventory.podRequests({
        metadata: { name: 'engine-0', namespace: 'dg' },
        spec: {
          resourceClaims: [{ name: 'gpu', resourceClaimName: 'running-gpu' }],
        },
      }),
    ).toEqual({ 'nvidia.com/gpu': 2 });
    // A reduced pod without its namespace, whose claim was made from a template.
    expect(
      inventory.podRequests({
        metadata: { name: 'engine-1' },
        status: {
          resourceClaimStatuses: [
            { name: 'gpu', resourceClaimName: 'waiting-gpu' },
          ],
        },
      }),
    ).toEqual({ 'nvidia.com/gpu': 2 });
    expect(inventory.podRequests({ metadata: { name: 'cpu-only' } })).toEqual(
      {},
    );
  });
});
