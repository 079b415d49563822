import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import fleetPlugin from '@fleetdeck/plugin-fleet-backend';
import {
  CustomerDeploymentEntity,
  DeploymentListResponse,
  DeploymentObservations,
  evaluateDeployment,
  GPU_STATUSES,
  JOURNAL_STATUSES,
  LICENSE_STATUSES,
  readReleaseIndex,
  readReleasePolicy,
  UPGRADE_STATUSES,
} from '@fleetdeck/plugin-fleet-common';
import {
  EXAMPLES_DIR,
  loadExampleEntities,
} from '../__testUtils__/exampleFiles';
import exampleObservationsModule, {
  mergeJournalReceipts,
  readExampleObservations,
} from './exampleObservations';

jest.setTimeout(60_000);

const now = new Date('2026-11-22T20:00:00Z');
const observationsFile = path.join(EXAMPLES_DIR, 'observations.yaml');

describe('readExampleObservations', () => {
  it('turns days-ago into times before now', () => {
    const patches = readExampleObservations(
      {
        kind: 'ExampleObservations',
        deployments: {
          acme: {
            firstSeenDaysAgo: 10,
            journals: [
              {
                replica: 'deepgram-billing-0',
                receivedDaysAgo: 1.5,
                capturedDaysAgo: 2,
              },
            ],
            reported: { chartVersion: '0.40.2', observedDaysAgo: 0 },
          },
        },
      },
      now,
    );
    expect(patches.get('customerdeployment:default/acme')).toEqual({
      firstSeenAt: '2026-11-12T20:00:00.000Z',
      journals: [
        {
          replica: 'deepgram-billing-0',
          receivedAt: '2026-11-21T08:00:00.000Z',
          capturedAt: '2026-11-20T20:00:00.000Z',
        },
      ],
      reported: {
        chartVersion: '0.40.2',
        observedAt: '2026-11-22T20:00:00.000Z',
      },
    });
  });

  it('names the field it cannot read', () => {
    expect(() =>
      readExampleObservations(
        {
          kind: 'ExampleObservations',
          deployments: {
            acme: { journals: [{ replica: 'x', receivedDaysAgo: 'soon' }] },
          },
        },
        now,
      ),
    ).toThrow(
      'deployments.acme.journals[0].receivedDaysAgo: must be a number of days ≥ 0, got "soon"',
    );
    expect(() => readExampleObservations({ kind: 'Other' }, now)).toThrow(
      'expected kind: ExampleObservations',
    );
  });
});

describe('readExampleObservations: node-level GPU detail', () => {
  const gpu = {
    source: 'cluster',
    observedDaysAgo: 0,
    allocatable: 8,
    requested: 3,
    models: [],
    podScope: 'cluster',
    dra: 'read',
    nodes: [
      {
        name: 'h100-a',
        allocatable: {},
        requested: { 'nvidia.com/gpu': 3 },
        schedulable: true,
        draDevices: [
          {
            name: 'gpu-0',
            driver: 'gpu.nvidia.com',
            resourceName: 'nvidia.com/gpu',
            allocatedTo: 'dg/engine-0-gpu',
          },
        ],
      },
    ],
    deploymentPods: [
      {
        name: 'engine-0',
        node: 'h100-a',
        requests: { 'nvidia.com/gpu': 1 },
        app: 'deepgram-engine',
      },
    ],
  };
  const read = (detail: object) =>
    readExampleObservations(
      {
        kind: 'ExampleObservations',
        deployments: { acme: { gpu: { ...gpu, ...detail } } },
      },
      now,
    );

  it('passes nodes, the deployment’s pods, pod scope and DRA through', () => {
    expect(read({}).get('customerdeployment:default/acme')?.gpu).toMatchObject({
      podScope: 'cluster',
      dra: 'read',
      nodes: gpu.nodes,
      deploymentPods: gpu.deploymentPods,
      pendingGpuPods: 0,
      observedAt: now.toISOString(),
    });
  });

  it('names the field a typo would silently change', () => {
    expect(() => read({ podScope: 'everything' })).toThrow(
      'deployments.acme.gpu.podScope: must be one of namespace, cluster, got "everything"',
    );
    expect(() => read({ dra: 'yes' })).toThrow(
      'deployments.acme.gpu.dra: must be one of read, absent, unreadable, got "yes"',
    );
    expect(() => read({ nodes: 'h100-a' })).toThrow(
      'deployments.acme.gpu.nodes: must be a list',
    );
    expect(() =>
      read({ deploymentPods: [{ ...gpu.deploymentPods[0], node: 'h100-b' }] }),
    ).toThrow(
      'deployments.acme.gpu.deploymentPods[0].node: names no node of deployments.acme.gpu.nodes, got "h100-b"',
    );
  });
});

describe('mergeJournalReceipts', () => {
  it('keeps a journal that really arrived over an older seeded one, per replica', () => {
    const seeded = [
      { replica: 'deepgram-billing-0', receivedAt: '2026-10-13T20:00:00.000Z' },
      { replica: 'deepgram-billing-1', receivedAt: '2026-10-13T20:00:00.000Z' },
    ];
    const uploaded = {
      replica: 'deepgram-billing-0',
      receivedAt: '2026-11-22T19:00:00.000Z',
    };
    expect(mergeJournalReceipts(seeded, [uploaded])).toEqual([
      uploaded,
      seeded[1],
    ]);
    expect(mergeJournalReceipts(seeded)).toEqual(seeded);
  });
});

describe('the example fleet with its observations', () => {
  const entities = loadExampleEntities('fleet/deployments.yaml', now).filter(
    e => e.kind === 'CustomerDeployment',
  ) as CustomerDeploymentEntity[];
  const patches = readExampleObservations(
    parse(fs.readFileSync(observationsFile, 'utf8')),
    now,
  );
  const index = readReleaseIndex(
    parse(
      fs.readFileSync(path.join(EXAMPLES_DIR, 'releases/index.yaml'), 'utf8'),
    ),
  );
  const policy = readReleasePolicy(
    parse(
      fs.readFileSync(path.join(EXAMPLES_DIR, 'releases/policy.yaml'), 'utf8'),
    ),
  );
  const statuses = entities.map(entity =>
    evaluateDeployment(
      entity,
      (patches.get(`customerdeployment:default/${entity.metadata.name}`) ??
        {}) as DeploymentObservations,
      index,
      policy,
      now,
    ),
  );

  const gpuOf = (name: string) =>
    patches.get(`customerdeployment:default/${name}`)?.gpu;
  const statusNamed = (name: string) =>
    statuses.find(s => s.entityRef === `customerdeployment:default/${name}`)!;

  it('shows a time-sliced deployment, a DRA one and one whose free GPUs are fragmented, node by node', () => {
    // GPU sharing: every node of cascadia-courts-prod time-slices its L4s two ways
    const shared = gpuOf('cascadia-courts-prod')!;
    expect(shared.nodes?.map(n => n.sharing)).toEqual([
      { strategy: 'time-slicing', replicas: 2 },
      { strategy: 'time-slicing', replicas: 2 },
    ]);
    // DRA: no nvidia.com/gpu in allocatable, the GPUs published as ResourceSlice devices
    const dra = gpuOf('brightline-contact-uat')!;
    expect(dra.dra).toBe('read');
    expect(dra.nodes?.map(n => [n.allocatable, n.draDevices?.length])).toEqual([
      [{}, 8],
    ]);
    // fragmented: enough free in total for one more engine pod, on no single node
    const fragmented = gpuOf('lumen-captions-dubbing')!;
    const free = fragmented.nodes!.map(
      n =>
        n.allocatable['nvidia.com/gpu'] -
        (n.requested?.['nvidia.com/gpu'] ?? 0),
    );
    expect(free).toEqual([1, 1, 1]);
    expect(free.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(2);
    const cascadia = statusNamed('cascadia-courts-prod').gpu;
    expect(cascadia.status).toBe('ok');
    expect(cascadia.fit?.nodes.map(n => n.isolation)).toEqual([
      'time-slicing',
      'time-slicing',
    ]);
    expect(cascadia.fit?.notes).toContain(
      'time-slicing does not isolate GPU memory: pods sharing a GPU can run each other out of memory',
    );
    const uat = statusNamed('brightline-contact-uat').gpu;
    expect(uat.status).toBe('ok');
    expect(uat.fit).toMatchObject({
      basis: 'nodes',
      nodes: [{ isolation: 'dra', units: 8, free: 5 }],
      moreEnginePods: 5,
    });
    expect(uat.sizing?.verdict).toBe('matches');
    const dubbing = statusNamed('lumen-captions-dubbing').gpu;
    expect(dubbing.status).toBe('tight');
    expect(dubbing.reason).toMatch(
      /^no node has 2 free nvidia\.com\/gpu with 16 GiB for one more engine pod, .*; free: gke-lumen-dubbing-a100-pool-a1 1, gke-lumen-dubbing-a100-pool-a2 1, gke-lumen-dubbing-a100-pool-a3 1/,
    );
    expect(dubbing.fit?.moreEnginePods).toBe(0);
  });

  it('observes only deployments that exist', () => {
    const refs = new Set(
      entities.map(e => `customerdeployment:default/${e.metadata.name}`),
    );
    expect([...patches.keys()].filter(ref => !refs.has(ref))).toEqual([]);
  });

  it.each([
    [
      'license',
      LICENSE_STATUSES,
      (s: (typeof statuses)[0]) => s.license.status,
    ],
    [
      'journal',
      JOURNAL_STATUSES,
      (s: (typeof statuses)[0]) => s.journal.status,
    ],
    ['gpu', GPU_STATUSES, (s: (typeof statuses)[0]) => s.gpu.status],
    [
      'upgrade',
      UPGRADE_STATUSES,
      (s: (typeof statuses)[0]) => s.upgrade.status,
    ],
  ] as const)('shows every %s status', (_, vocabulary, statusOf) => {
    expect(new Set(statuses.map(statusOf))).toEqual(new Set(vocabulary));
  });
});

describe('the example observations module', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function startPortalFleet(fleet: JsonObject) {
    const { server } = await startTestBackend({
      features: [
        fleetPlugin,
        exampleObservationsModule,
        catalogServiceMock.factory({
          entities: loadExampleEntities('fleet/deployments.yaml', new Date()),
        }),
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: {
            fleet: {
              releases: {
                index: path.join(EXAMPLES_DIR, 'releases/index.yaml'),
                policy: path.join(EXAMPLES_DIR, 'releases/policy.yaml'),
              },
              ...fleet,
            },
          },
        }),
      ],
    });
    const response = await request(server)
      .get('/api/fleet/deployments?limit=500')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return (response.body as DeploymentListResponse).items;
  }

  it('seeds the example fleet through the fleet plugin before its first refresh, so every status shows', async () => {
    const statuses = await startPortalFleet({
      examples: { observations: observationsFile },
    });
    expect(new Set(statuses.map(s => s.license.status))).toEqual(
      new Set(LICENSE_STATUSES),
    );
    expect(new Set(statuses.map(s => s.journal.status))).toEqual(
      new Set(JOURNAL_STATUSES),
    );
    expect(new Set(statuses.map(s => s.gpu.status))).toEqual(
      new Set(GPU_STATUSES),
    );
    expect(new Set(statuses.map(s => s.upgrade.status))).toEqual(
      new Set(UPGRADE_STATUSES),
    );
  });

  it('seeds nothing without fleet.examples.observations', async () => {
    const statuses = await startPortalFleet({});
    expect(statuses.some(s => s.journal.lastReceivedAt)).toBe(false);
  });
});
