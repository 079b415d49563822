import request from 'supertest';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  summarizeGpuCapacity,
  type DeploymentStatus,
  type GpuCapacityObservation,
  type GpuStatus,
} from '@fleetdeck/plugin-fleet-common';
import {
  GPU_CLUSTER_FIXTURES,
  gpuCapacityInputOf,
  gpuClusterDeploymentEntity,
  gpuClusterStatusReport,
  type GpuClusterFixture,
} from '@fleetdeck/plugin-fleet-common/testUtils';
import { DatabaseFleetStore } from '../database/DatabaseFleetStore';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';
import {
  fixtureApiServer,
  servingEverything,
  type FixtureApiServerState,
} from './__testUtils__/fixtureApiServer';
import {
  kubernetesCluster,
  startGpuPortal,
} from './__testUtils__/startGpuPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

type FixtureName = keyof typeof GPU_CLUSTER_FIXTURES;
const FIXTURES = Object.entries(GPU_CLUSTER_FIXTURES) as Array<
  [FixtureName, GpuClusterFixture]
>;
const NAMES = FIXTURES.map(([name]) => name);

/** Each fixture is a cluster of its own name, at its own fake API server. */
const apiServerUrl = (name: string) => `https://${name}.k8s.example.test`;
const states = Object.fromEntries(
  NAMES.map(name => [name, servingEverything()]),
) as Record<FixtureName, FixtureApiServerState>;
const server = setupServer(
  ...FIXTURES.flatMap(([name, fixture]) =>
    fixtureApiServer(
      apiServerUrl(name),
      fixture,
      `${name}-token`,
      states[name],
    ),
  ),
  // The test backend itself (the fleet plugin calling the kubernetes plugin).
  http.all('http://localhost*', () => passthrough()),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());
beforeEach(() => {
  for (const state of Object.values(states)) {
    Object.assign(state, servingEverything());
  }
});

/** What summarizeGpuCapacity makes of the fixture read whole, as the sources should read it. */
const readDirectly = (
  name: FixtureName,
  observed: GpuCapacityObservation,
): GpuCapacityObservation =>
  summarizeGpuCapacity({
    ...gpuCapacityInputOf(GPU_CLUSTER_FIXTURES[name]),
    observedAt: observed.observedAt,
    source: observed.source,
  });

async function startPortal(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const portal = await startGpuPortal({
    knex,
    entities: FIXTURES.map(([, fixture]) =>
      gpuClusterDeploymentEntity(fixture),
    ),
    clusters: NAMES.map(name =>
      kubernetesCluster(name, apiServerUrl(name), `${name}-token`),
    ),
  });
  const store = new DatabaseFleetStore(knex);
  return {
    snapshot: portal.snapshot,
    report: (
      name: FixtureName,
      options?: { clusterPods?: boolean; dra?: 'unreadable' },
    ) =>
      request(portal.server)
        .post(`/api/fleet/deployments/default/${name}/reports`)
        .set('Authorization', mockCredentials.user.header())
        .send(gpuClusterStatusReport(GPU_CLUSTER_FIXTURES[name], options)),
    /** The GPU observation as stored. */
    observed: async (name: FixtureName) => {
      const entityRef = `customerdeployment:default/${name}`;
      const gpu = (await store.getObservations([entityRef])).get(
        entityRef,
      )?.gpu;
      if (!gpu) {
        throw new Error(`no GPU observation of ${name}`);
      }
      return gpu;
    },
    /** The deployment's status as the fleet API serves it. */
    status: portal.status,
    /** Its GPU signal. */
    signal: async (name: FixtureName) => (await portal.status(name)).gpu,
  };
}

/** The GPU status each fixture earns, and the words of its reason that name the node-level fact. */
const VERDICTS: Record<FixtureName, [GpuStatus, string]> = {
  'gpu-whole': ['ok', 'room for 4 more engine pods'],
  'gpu-mig-mixed': ['ok', 'room for 2 more engine pods'],
  'gpu-l4-time-sliced': ['ok', 'room for 13 more engine pods'],
  'gpu-h100-mps': ['ok', 'room for 6 more engine pods'],
  'gpu-dra': [
    'ok',
    'room for 3 more engine pods (ip-10-24-1-11.ec2.internal 3)',
  ],
  // Enough GPUs in all (3 free), but no node with room for one more 2-GPU engine pod.
  'gpu-fragmented': [
    'tight',
    'no node has 2 free nvidia.com/gpu with 16 GiB for one more engine pod, which a rolling upgrade needs; free: a1 1, a2 1, a3 1',
  ],
  'gpu-shared-cluster': [
    'tight',
    'no node has 1 free nvidia.com/gpu with 24 GiB for one more engine pod, which a rolling upgrade needs; free: ip-10-26-1-11.ec2.internal 0, ip-10-26-1-12.ec2.internal 0',
  ],
};

async function expectVerdicts(
  signalOf: (name: FixtureName) => Promise<DeploymentStatus['gpu']>,
) {
  for (const name of NAMES) {
    const signal = await signalOf(name);
    expect({ name, status: signal.status, reason: signal.reason }).toEqual({
      name,
      status: VERDICTS[name][0],
      reason: expect.stringContaining(VERDICTS[name][1]),
    });
  }
}

const byNode = (observation: GpuCapacityObservation) =>
  Object.fromEntries((observation.nodes ?? []).map(node => [node.name, node]));

describe.each(databases.eachSupportedId())(
  'GPU cluster fixtures through the Kubernetes plugin and through status reports, %p',
  databaseId => {
    it('reads every fixture through the Kubernetes plugin as it reads the fixture whole', async () => {
      const portal = await startPortal(databaseId);
      await portal.snapshot();
      for (const name of NAMES) {
        const observed = await portal.observed(name);
        expect({ name, observed }).toEqual({
          name,
          observed: readDirectly(name, observed),
        });
        expect(observed).toMatchObject({
          source: 'cluster',
          podScope: 'cluster',
          dra: GPU_CLUSTER_FIXTURES[name].resourceSlices ? 'read' : 'absent',
        });
        expect(observed.error).toBeUndefined();
        // The signal carries the nodes as observed.
        expect((await portal.signal(name)).nodes).toEqual(observed.nodes);
      }

      await expectVerdicts(portal.signal);
      // The upgrade packs the target's pods: 0.35.0 makes agent-text-to-speech ask for 2 GPUs.
      const upgrade = (await portal.status('gpu-fragmented')).upgrade;
      const gpuCheck = upgrade.checks.find(check => check.id === 'gpu');
      expect(upgrade.target).toBe('0.42.0');
      expect(gpuCheck).toMatchObject({
        outcome: 'fail',
        message: expect.stringContaining(
          '(2 since 0.35.0, was 1)), but 3 pods fit on no node',
        ),
      });
      expect(gpuCheck?.message).toContain('free: a1 1, a2 1, a3 1');

      // Other namespaces' jobs fill both nodes; a finished one is not counted.
      const shared = await portal.observed('gpu-shared-cluster');
      expect(shared.nodes?.map(node => node.requested)).toEqual([
        { 'nvidia.com/gpu': 8 },
        { 'nvidia.com/gpu': 8 },
      ]);
      // The DRA node: 8 devices in its ResourceSlice, 5 held by claims, none in allocatable.
      const dra = byNode(await portal.observed('gpu-dra'))[
        'ip-10-24-1-11.ec2.internal'
      ];
      expect(dra).toMatchObject({
        allocatable: {},
        requested: { 'nvidia.com/gpu': 5 },
      });
      expect(dra.draDevices).toHaveLength(8);
      expect(dra.draDevices?.filter(device => device.allocatedTo)).toHaveLength(
        5,
      );
      expect(
        byNode(await portal.observed('gpu-mig-mixed'))[
          'ip-10-21-1-11.ec2.internal'
        ].migMemoryMiB,
      ).toEqual({
        'nvidia.com/mig-1g.10gb': 9728,
        'nvidia.com/mig-3g.40gb': 40192,
      });
    });

    it("counts the namespace's pods only, with no failure, when the account may not list every namespace's pods (403)", async () => {
      states['gpu-shared-cluster'].forbidClusterPods = true;
      const portal = await startPortal(databaseId);
      await portal.snapshot();
      const observed = await portal.observed('gpu-shared-cluster');
      expect(observed).toMatchObject({ podScope: 'namespace', dra: 'absent' });
      expect(observed.error).toBeUndefined();
      expect(observed.nodes?.map(node => node.requested)).toEqual([
        { 'nvidia.com/gpu': 2 },
        { 'nvidia.com/gpu': 2 },
      ]);
      // The room that seems free is said to be a guess.
      const signal = await portal.signal('gpu-shared-cluster');
      expect(signal.status).toBe('ok');
      expect(signal.fit?.notes).toContain(
        "only the release namespace's pods were listed: GPUs that other namespaces' pods hold on these nodes are not subtracted, so fewer may be free",
      );
    });

    it('says why DRA is unreadable when the account may not list ResourceSlices (403), and reads the rest', async () => {
      states['gpu-dra'].forbidDra = true;
      const portal = await startPortal(databaseId);
      await portal.snapshot();
      const observed = await portal.observed('gpu-dra');
      expect(observed).toMatchObject({
        dra: 'unreadable',
        podScope: 'cluster',
        allocatable: 0,
      });
      expect(observed.error).toBeUndefined();
      expect(observed.draError).toBe(
        'cluster gpu-dra (Kubernetes plugin proxy, /apis/resource.k8s.io/v1/resourceslices) answered 403 (forbidden: the fleet backend needs kubernetes.resources.read and kubernetes.proxy, and the cluster account must list resourceslices (resource.k8s.io)): resourceslices.resource.k8s.io is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "resourceslices" in API group "resource.k8s.io" at the cluster scope',
      );
      expect(byNode(observed)['ip-10-24-1-11.ec2.internal']).toMatchObject({
        allocatable: {},
        draUnread: true,
      });
      const signal = await portal.signal('gpu-dra');
      expect(signal.status).toBe('unknown');
      expect(signal.reason).toMatch(
        /^GPUs on ip-10-24-1-11\.ec2\.internal are managed by DRA and their ResourceSlices could not be read/,
      );
    });

    it('reads resource.k8s.io/v1beta1 where the cluster does not serve v1 (Kubernetes 1.32, 1.33)', async () => {
      states['gpu-dra'].draVersions = ['v1beta1'];
      const portal = await startPortal(databaseId);
      await portal.snapshot();
      const observed = await portal.observed('gpu-dra');
      expect(observed).toEqual(readDirectly('gpu-dra', observed));
    });

    it('takes every fixture’s status report as it reads the fixture whole', async () => {
      const portal = await startPortal(databaseId);
      for (const name of NAMES) {
        const response = await portal.report(name);
        expect({ name, status: response.status }).toEqual({
          name,
          status: 201,
        });
        const observed = await portal.observed(name);
        expect({ name, observed }).toEqual({
          name,
          observed: readDirectly(name, observed),
        });
        expect(observed.source).toBe('report');
      }
      await expectVerdicts(portal.signal);
    });

    it('takes a report whose collector could list neither other namespaces’ pods nor ResourceSlices', async () => {
      const portal = await startPortal(databaseId);
      expect(
        (await portal.report('gpu-shared-cluster', { clusterPods: false }))
          .status,
      ).toBe(201);
      expect(await portal.observed('gpu-shared-cluster')).toMatchObject({
        podScope: 'namespace',
        nodes: [
          { requested: { 'nvidia.com/gpu': 2 } },
          { requested: { 'nvidia.com/gpu': 2 } },
        ],
      });

      expect(
        (await portal.report('gpu-dra', { dra: 'unreadable' })).status,
      ).toBe(201);
      const dra = await portal.observed('gpu-dra');
      expect(dra).toMatchObject({
        dra: 'unreadable',
        draError: expect.stringContaining(
          'the status collector could not list',
        ),
        nodes: [{ name: 'ip-10-24-1-11.ec2.internal', draUnread: true }],
      });
      expect((await portal.signal('gpu-dra')).status).toBe('unknown');
    });
  },
);
