import request from 'supertest';
import { delay, http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { loadExampleEntities } from '../__testUtils__/examples';
import eastNodes from './__fixtures__/gpu-east.nodes.json';
import eastPods from './__fixtures__/gpu-east.pods.json';
import westNodes from './__fixtures__/gpu-west.nodes.json';
import westPods from './__fixtures__/gpu-west.pods.json';
import {
  kubernetesCluster,
  startGpuPortal,
} from './__testUtils__/startGpuPortal';
import {
  allFleetRowsText,
  capturingRootLogger,
} from '../__testUtils__/secretTraces';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

/** lumen-captions-live declares 4 engine pods on its one 4-GPU L4 node and runs 3. */
const LUMEN_NO_ROOM =
  'no node has 1 free nvidia.com/gpu for one more engine pod, which a rolling upgrade needs; free: gke-lumen-gpu-pool-7c1d-x2k9 0 (snapshot less than a minute old)';

const EAST = 'https://k8s.example.test';
const WEST = 'https://k8s-west.example.test';

type PodList = {
  items: Array<{ metadata: { labels: Record<string, string> } }>;
};

/** Pods as the API server filters them by `labelSelector=backstage.io/kubernetes-id=<id>`. */
function selectPods(list: PodList, url: URL) {
  const selector = url.searchParams.get('labelSelector') ?? '';
  const [key, value] = selector.split('=');
  return {
    ...list,
    items: list.items.filter(pod => !key || pod.metadata.labels[key] === value),
  };
}

type ServerState = {
  down: boolean;
  forbidNodes: boolean;
  slowNodes: boolean;
  noPods: boolean;
  /** A secret the cluster shows in a GPU label and in the scheduler's messages. */
  leak?: string;
};

type NodeList = {
  items: Array<{ metadata: { labels: Record<string, string> } }>;
};

/** The nodes with the first one's GPU product label replaced by `leak`. */
function leakIntoNodes(nodes: object, leak: string | undefined) {
  if (!leak) {
    return nodes;
  }
  const leaky = structuredClone(nodes) as NodeList;
  leaky.items[0].metadata.labels['nvidia.com/gpu.product'] = leak;
  return leaky;
}

/** The pods with `leak` quoted in every scheduler message. */
function leakIntoPods(pods: PodList, leak: string | undefined) {
  if (!leak) {
    return pods;
  }
  const leaky = structuredClone(pods) as PodList & {
    items: Array<{ status?: { conditions?: Array<{ message?: string }> } }>;
  };
  for (const pod of leaky.items) {
    for (const condition of pod.status?.conditions ?? []) {
      if (condition.message) {
        condition.message = `${condition.message} (pulled with ${leak})`;
      }
    }
  }
  return leaky;
}

/**
 * One fake API server; `state.down` makes it unreachable, `state.forbidNodes` answers 403 to
 * the nodes list and `state.slowNodes` answers it after the fleet's request timeout.
 */
function apiServer(
  base: string,
  nodes: object,
  pods: PodList,
  state: ServerState,
) {
  const bearer = base === EAST ? 'Bearer east-token' : 'Bearer west-token';
  const guard = (req: Request) => {
    if (state.down) {
      return HttpResponse.error();
    }
    if (req.headers.get('authorization') !== bearer) {
      return HttpResponse.json({ kind: 'Status', code: 401 }, { status: 401 });
    }
    return undefined;
  };
  return [
    http.get(`${base}/api/v1/nodes`, async ({ request: req }) => {
      if (state.slowNodes) {
        await delay(6000);
      }
      if (state.forbidNodes && !state.down) {
        return HttpResponse.json(
          {
            kind: 'Status',
            message: `nodes is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "nodes"${
              state.leak ? ` (token ${state.leak})` : ''
            }`,
            code: 403,
          },
          { status: 403 },
        );
      }
      return guard(req) ?? HttpResponse.json(leakIntoNodes(nodes, state.leak));
    }),
    http.get(
      `${base}/api/v1/pods`,
      ({ request: req }) =>
        guard(req) ??
        HttpResponse.json(
          state.noPods
            ? { ...pods, items: [] }
            : selectPods(leakIntoPods(pods, state.leak), new URL(req.url)),
        ),
    ),
    // Every other kind the Kubernetes plugin fetches by default: none.
    http.get(
      `${base}/*`,
      ({ request: req }) => guard(req) ?? HttpResponse.json({ items: [] }),
    ),
  ];
}

const healthy = (): ServerState => ({
  down: false,
  forbidNodes: false,
  slowNodes: false,
  noPods: false,
  leak: undefined,
});
const east = healthy();
const west = healthy();
const server = setupServer(
  ...apiServer(EAST, eastNodes, eastPods as PodList, east),
  ...apiServer(WEST, westNodes, westPods as PodList, west),
  // The test backend itself (the fleet plugin calling the kubernetes plugin).
  http.all('http://localhost*', () => passthrough()),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());
beforeEach(() => {
  Object.assign(east, healthy());
  Object.assign(west, healthy());
});

async function startPortal(
  databaseId: TestDatabaseId,
  options: {
    clusters?: object[];
    requestTimeoutSeconds?: number;
    /** Annotation `backstage.io/kubernetes-cluster` per example deployment name. */
    clusterAnnotations?: Record<string, string>;
  } = {},
) {
  const {
    clusterAnnotations = {},
    clusters = [
      kubernetesCluster('gpu-east', EAST, 'east-token'),
      kubernetesCluster('gpu-west', WEST, 'west-token'),
    ],
    requestTimeoutSeconds = 30,
  } = options;
  const knex = await databases.init(databaseId);
  const logger = capturingRootLogger();
  const portal = await startGpuPortal({
    knex,
    services: [logger.factory],
    entities: loadExampleEntities().map(entity =>
      clusterAnnotations[entity.metadata.name]
        ? {
            ...entity,
            metadata: {
              ...entity.metadata,
              annotations: {
                ...entity.metadata.annotations,
                'backstage.io/kubernetes-cluster':
                  clusterAnnotations[entity.metadata.name],
              },
            },
          }
        : entity,
    ),
    clusters,
    fleet: { gpu: { requestTimeout: { seconds: requestTimeoutSeconds } } },
  });
  const gpuOf = async (name: string) => (await portal.status(name)).gpu;
  const sendReport = (name: string, report: object) =>
    request(portal.server)
      .post(`/api/fleet/deployments/default/${name}/reports`)
      .set('Authorization', mockCredentials.user.header())
      .send(report);
  return {
    run: portal.snapshot,
    gpuOf,
    sendReport,
    /** The logs and every fleet row, to search for a secret. */
    traces: async () => `${logger.text()}\n${await allFleetRowsText(knex)}`,
  };
}

describe.each(databases.eachSupportedId())(
  'task fleet-gpu-snapshot through the Kubernetes plugin, %p',
  databaseId => {
    it('reads nodes through the proxy and pods through the objects API', async () => {
      const portal = await startPortal(databaseId);
      await portal.run();

      const prod = await portal.gpuOf('brightline-contact-prod');
      expect(prod).toMatchObject({
        status: 'insufficient',
        source: 'cluster',
        allocatable: 12, // A100 4 + H100 4 + L4 time-sliced 4; NotReady and cordoned A10Gs left out
        requested: 8,
        required: 8,
        driverVersion: '535.104.05',
        pendingPods: [
          {
            name: 'deepgram-engine-6d8f9c7b54-z9y3k',
            requests: { 'nvidia.com/gpu': 1 },
            message: expect.stringContaining('Insufficient nvidia.com/gpu'),
          },
        ],
      });
      // The node-level facts behind it, as the packing sees the nodes.
      expect(prod.reason).toBe(
        '1 pod is pending for want of nvidia.com/gpu; free: ip-10-0-1-11.ec2.internal 0, ip-10-0-1-12.ec2.internal 0, ip-10-0-1-13.ec2.internal 4; not capacity: ip-10-0-1-14.ec2.internal (NotReady), ip-10-0-1-15.ec2.internal (cordoned) (snapshot less than a minute old)',
      );
      const byName = new Map(prod.nodes!.map(node => [node.name, node]));
      expect(byName.size).toBe(6); // the CPU node is not a GPU node
      expect(byName.get('ip-10-0-1-13.ec2.internal')).toMatchObject({
        product: 'NVIDIA-L4',
        sharing: { strategy: 'time-slicing', replicas: 4 },
        schedulable: true,
      });
      expect(byName.get('ip-10-0-1-14.ec2.internal')).toMatchObject({
        schedulable: false,
        unschedulableReason: 'NotReady',
      });
      expect(byName.get('ip-10-0-1-15.ec2.internal')).toMatchObject({
        schedulable: false,
        unschedulableReason: 'cordoned',
      });
      expect(byName.get('ip-10-0-1-16.ec2.internal')).toMatchObject({
        migStrategy: 'mixed',
        allocatable: {
          'nvidia.com/mig-1g.10gb': 14,
          'nvidia.com/mig-3g.40gb': 4,
        },
        schedulable: true, // its nvidia.com/gpu taint is tolerated by the engine
      });
      expect(prod.models).toEqual(
        expect.arrayContaining([
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
        ]),
      );
      // The API pod's env held a key: nothing of it is kept.
      expect(JSON.stringify(prod)).not.toContain('dg-fixture-secret');

      // 3 of 4 engine pods run; the 4th takes the last free L4, leaving no room for a rolling
      // upgrade (by totals, 1 free of 4 read as ok).
      const lumen = await portal.gpuOf('lumen-captions-live');
      expect(lumen.reason).toBe(LUMEN_NO_ROOM);
      expect(lumen).toMatchObject({
        status: 'tight',
        source: 'cluster',
        allocatable: 4,
        requested: 3,
        models: [
          {
            product: 'NVIDIA-L4',
            resourceName: 'nvidia.com/gpu',
            allocatable: 4,
            requested: 3,
          },
        ],
      });
    });

    it('redacts what looks like a secret in the labels and messages it reads, and keeps the GPU facts', async () => {
      const leak = 'ghp_R2d2C3poX9wing5Falcon7Ewok1Jedi4Sith8';
      east.leak = leak;
      const portal = await startPortal(databaseId);
      await portal.run();

      const prod = await portal.gpuOf('brightline-contact-prod');
      expect(prod).toMatchObject({
        source: 'cluster',
        allocatable: 12,
        pendingPods: [
          {
            name: 'deepgram-engine-6d8f9c7b54-z9y3k',
            message: '[redacted: looks like a GitHub token]',
          },
        ],
      });
      expect(
        prod.nodes!.find(node => node.name === 'ip-10-0-1-11.ec2.internal'),
      ).toMatchObject({ product: '[redacted: looks like a GitHub token]' });
      const traces = `${JSON.stringify(prod)}\n${await portal.traces()}`;
      expect(traces).toContain('ip-10-0-1-11.ec2.internal');
      expect(traces).not.toContain(leak);
    });

    it('redacts a cluster error that quotes a secret', async () => {
      const leak = 'xoxb-4242424242-ClusterErrorToken';
      Object.assign(east, { forbidNodes: true, leak });
      const portal = await startPortal(databaseId);
      await portal.run();

      const prod = await portal.gpuOf('brightline-contact-prod');
      expect(prod.status).toBe('unknown');
      expect(JSON.stringify(prod)).toContain(
        '[redacted: looks like a Slack token]',
      );
      expect(`${JSON.stringify(prod)}\n${await portal.traces()}`).not.toContain(
        leak,
      );
    });

    it('keeps the last good snapshot of a cluster that went down, and updates the others', async () => {
      const portal = await startPortal(databaseId);
      await portal.run();
      const good = await portal.gpuOf('lumen-captions-live');
      const eastBefore = await portal.gpuOf('brightline-contact-prod');

      west.down = true;
      await new Promise(resolve => setTimeout(resolve, 5));
      await portal.run();

      const lumen = await portal.gpuOf('lumen-captions-live');
      expect(lumen).toMatchObject({
        status: 'unknown',
        allocatable: 4,
        requested: 3,
        observedAt: good.observedAt,
        nodes: good.nodes,
      });
      expect(lumen.error).toContain('gpu-west');
      expect(lumen.reason).toMatch(
        /^the latest GPU observation failed \(.*gpu-west.*\); the last good snapshot is less than a minute old$/,
      );
      const prod = await portal.gpuOf('brightline-contact-prod');
      expect(prod.status).toBe('insufficient');
      expect(prod.error).toBeUndefined();
      expect(Date.parse(prod.observedAt!)).toBeGreaterThan(
        Date.parse(eastBefore.observedAt!),
      );

      // Back up: the next run replaces the stale snapshot and clears the error.
      west.down = false;
      await portal.run();
      const recovered = await portal.gpuOf('lumen-captions-live');
      expect(recovered).toMatchObject({
        status: 'tight',
        reason: LUMEN_NO_ROOM,
      });
      expect(recovered.error).toBeUndefined();
    });

    it('reads the cluster named by backstage.io/kubernetes-cluster', async () => {
      const portal = await startPortal(databaseId, {
        clusterAnnotations: {
          'lumen-captions-live': 'gpu-west',
          'brightline-contact-prod': 'gpu-west', // wrong: its pods are on gpu-east
        },
      });
      await portal.run();
      expect(await portal.gpuOf('lumen-captions-live')).toMatchObject({
        status: 'tight',
        reason: LUMEN_NO_ROOM,
        allocatable: 4,
      });
      const prod = await portal.gpuOf('brightline-contact-prod');
      expect(prod.status).toBe('unknown');
      // Never read successfully: the signal says why, from the failed attempt.
      expect(prod.reason).toContain(
        'no GPU capacity has been observed for this deployment yet: reading its cluster failed',
      );
      expect(prod.error).toEqual(expect.stringContaining('gpu-west'));
      expect(prod.failedAt).toEqual(expect.any(String));
    });

    it('treats a cluster that does not answer in time as unreachable', async () => {
      const portal = await startPortal(databaseId, {
        requestTimeoutSeconds: 3,
      });
      await portal.run();
      west.slowNodes = true;
      await portal.run();
      const lumen = await portal.gpuOf('lumen-captions-live');
      expect(lumen.status).toBe('unknown');
      expect(lumen.error).toBe(
        'cluster gpu-west (Kubernetes plugin proxy, /api/v1/nodes) did not answer within 3 s',
      );
      expect(lumen.allocatable).toBe(4);
    });

    it('leaves deployments alone when the Kubernetes plugin has no clusters', async () => {
      const portal = await startPortal(databaseId, { clusters: [] });
      const sent = await portal.sendReport('lumen-captions-live', {
        apiVersion: 'fleetdeck.io/v1alpha1',
        kind: 'StatusReport',
        metadata: {
          deployment: 'lumen-captions-live',
          generatedAt: new Date().toISOString(),
        },
        spec: {
          namespace: 'captions-live',
          chart: { name: 'deepgram-self-hosted', version: '0.41.1' },
          kubernetes: { version: 'v1.30.5-gke.1014001' },
          nodes: westNodes.items,
          pods: westPods.items,
        },
      });
      expect(sent.status).toBe(201);
      await portal.run();
      const lumen = await portal.gpuOf('lumen-captions-live');
      expect(lumen).toMatchObject({
        status: 'tight',
        source: 'report',
        reason: expect.stringContaining(
          'no node has 1 free nvidia.com/gpu for one more engine pod',
        ),
      });
      expect(lumen.error).toBeUndefined();
    });

    it('says so when the pods of the deployment are no longer found', async () => {
      const portal = await startPortal(databaseId);
      await portal.run();
      west.noPods = true;
      await portal.run();
      const lumen = await portal.gpuOf('lumen-captions-live');
      expect(lumen.status).toBe('unknown');
      expect(lumen.error).toContain(
        'the Kubernetes plugin found no pods labelled for customerdeployment:default/lumen-captions-live on any cluster',
      );
    });

    it('says so when the cluster account may not list nodes (403)', async () => {
      const portal = await startPortal(databaseId);
      await portal.run();
      west.forbidNodes = true;
      await portal.run();
      const lumen = await portal.gpuOf('lumen-captions-live');
      expect(lumen.status).toBe('unknown');
      expect(lumen.error).toContain('answered 403');
      expect(lumen.error).toContain('cluster gpu-west');
      expect(lumen.error).toContain('cannot list resource "nodes"');
    });
  },
);
