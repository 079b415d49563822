import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  GPU_CLUSTER_FIXTURES,
  gpuCapacityInputOf,
  type GpuClusterFixture,
} from '../../testUtils';
import { summarizeGpuCapacity } from '../../gpu';
import { describeSecretLike } from '../../secrets';
import type { StatusReport } from '../StatusReport';
import { summarizeStatusReport } from '../summarizeStatusReport';
import { validateStatusReport } from '../validateStatusReport';
import { renderCollectStatus } from './renderCollectStatus';

// Values a pod's environment carries in the fake cluster, which must not leave it.
const FAKE_LICENSE_KEY =
  'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2';
const FAKE_API_KEY = '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c';

const OPTIONS = { deploymentName: 'acme-prod', namespace: 'dg-self-hosted' };

jest.setTimeout(60_000);

/** The real kubectl runs the script's commands against a loopback API server; it must be on PATH. */
function findKubectl(): string {
  const found = execFileSync('sh', ['-c', 'command -v kubectl || true'])
    .toString()
    .trim();
  if (!found) {
    throw new Error(
      'collect-status.sh tests run kubectl against a loopback API server; install kubectl (no cluster needed)',
    );
  }
  return found;
}

/** What the fake API server serves (see __fixtures__/fakeApiServer.js). */
interface ServedCluster {
  version: { major: string; minor: string; gitVersion: string };
  nodes: object[];
  pods: object[];
  resourceSlices?: object[];
  resourceClaims?: object[];
  draVersions?: string[];
  forbid?: Array<'clusterPods' | 'dra'>;
}

const versionOf = (gitVersion: string) => {
  const [, major, minor] = /^v(\d+)\.(\d+)/.exec(gitVersion) ?? [];
  return { major, minor, gitVersion, platform: 'linux/amd64' };
};

const servedFixture = (
  fixture: GpuClusterFixture,
  extra: Partial<ServedCluster> = {},
): ServedCluster => ({
  version: versionOf(fixture.kubernetesVersion),
  nodes: fixture.nodes.items,
  pods: fixture.pods.items,
  ...(fixture.resourceSlices && {
    resourceSlices: fixture.resourceSlices.items,
    resourceClaims: fixture.resourceClaims?.items ?? [],
  }),
  ...extra,
});

const pod = (name: string, app: string) => ({
  metadata: {
    name,
    namespace: 'dg-self-hosted',
    labels: {
      app,
      'helm.sh/chart': 'deepgram-self-hosted-0.40.2',
      'statefulset.kubernetes.io/pod-name': name,
    },
  },
  spec: {
    nodeName: 'ip-10-0-1-12.ec2.internal',
    containers: [
      {
        name: 'main',
        image:
          'registry.acme.internal:5000/deepgram/self-hosted-engine:release-260812',
        env: [
          { name: 'DEEPGRAM_LICENSE_KEY', value: FAKE_LICENSE_KEY },
          { name: 'DEEPGRAM_API_KEY', value: FAKE_API_KEY },
        ],
        resources: {
          requests: { cpu: '6', memory: '28Gi', 'nvidia.com/gpu': '1' },
          limits: { 'nvidia.com/gpu': '1' },
        },
      },
    ],
  },
  status: {
    phase: 'Running',
    conditions: [
      { type: 'Ready', status: 'True', message: 'fine' },
      { type: 'PodScheduled', status: 'True' },
    ],
  },
});

/** The cluster of the first tests: one L4 node, the release's pods and a pending one. */
const l4Cluster = (): ServedCluster => ({
  version: versionOf('v1.29.3-eks-4d1a2'),
  nodes: [
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'ip-10-0-1-12.ec2.internal',
        labels: {
          'nvidia.com/gpu.product': 'NVIDIA-L4',
          'nvidia.com/gpu.count': '4',
        },
      },
      status: { allocatable: { 'nvidia.com/gpu': '4' } },
    },
  ],
  pods: [
    pod('deepgram-engine-5d9c-x7k2p', 'deepgram-engine'),
    pod('deepgram-billing-0', 'deepgram-billing'),
    // Pending: no node, no conditions, no labels.
    {
      metadata: { name: 'pending-1', namespace: 'dg-self-hosted' },
      spec: { containers: [{ name: 'c' }] },
      status: {},
    },
  ],
});

/** Starts __fixtures__/fakeApiServer.js on a free loopback port. */
async function startApiServer(
  fixtures: string,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, '__fixtures__', 'fakeApiServer.js')],
    {
      env: { FAKE_API_FIXTURES: fixtures },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', data => resolve(Number(String(data).trim())));
    child.once('exit', code =>
      reject(new Error(`the fake API server exited with ${code}`)),
    );
  });
  return { port, child };
}

describe('collect-status.sh', () => {
  let dir: string;
  let fixtures: string;
  let bin: string;
  let apiServer: ChildProcess;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-status-'));
    fixtures = path.join(dir, 'fixtures');
    bin = path.join(dir, 'bin');
    fs.mkdirSync(fixtures);
    fs.mkdirSync(bin);
    fs.symlinkSync(findKubectl(), path.join(bin, 'kubectl'));
    serve(l4Cluster());
    const started = await startApiServer(fixtures);
    apiServer = started.child;
    fs.writeFileSync(
      path.join(dir, 'kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: fake, cluster: {server: "http://127.0.0.1:${started.port}"}}]`,
        'contexts: [{name: fake, context: {cluster: fake, user: collector}}]',
        'users: [{name: collector, user: {}}]',
        'current-context: fake',
      ].join('\n'),
    );
  });

  afterEach(async () => {
    const exited = new Promise(resolve => apiServer.once('exit', resolve));
    apiServer.kill();
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What the API server serves from now on (it reads it on every request). */
  function serve(cluster: ServedCluster) {
    fs.writeFileSync(
      path.join(fixtures, 'cluster.json'),
      JSON.stringify(cluster),
    );
  }

  function run() {
    const script = path.join(dir, 'collect-status.sh');
    fs.writeFileSync(script, renderCollectStatus(OPTIONS));
    const out = path.join(dir, 'out');
    const stdout = execFileSync('sh', [script, out], {
      env: {
        PATH: `${bin}:/usr/bin:/bin`,
        HOME: dir,
        KUBECONFIG: path.join(dir, 'kubeconfig'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
    return { stdout, out };
  }

  /** The report the script prints, validated. */
  function runReport(): StatusReport {
    const report = JSON.parse(run().stdout);
    const validation = validateStatusReport(report);
    expect(validation.errors).toEqual([]);
    return report as StatusReport;
  }

  it('prints a StatusReport and writes it beside the journal archives', () => {
    const { stdout, out } = run();
    const report = JSON.parse(stdout);
    expect(report).toEqual({
      apiVersion: 'fleetdeck.io/v1alpha1',
      kind: 'StatusReport',
      metadata: {
        deployment: OPTIONS.deploymentName,
        generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        collector: 'collect-status.sh 2',
      },
      spec: {
        namespace: 'dg-self-hosted',
        chart: { name: 'deepgram-self-hosted', version: '0.40.2' },
        kubernetes: { version: 'v1.29.3-eks-4d1a2' },
        nodes: [expect.objectContaining({ kind: 'Node' })],
        pods: expect.any(Array),
        // No other namespace runs GPU pods, and the cluster serves no resource.k8s.io.
        clusterPods: [],
        dra: 'absent',
      },
    });
    const files = fs.readdirSync(path.join(out, OPTIONS.deploymentName));
    expect(files).toEqual([
      expect.stringMatching(/^status-\d{8}-\d{6}\.json$/),
    ]);
    expect(
      JSON.parse(
        fs.readFileSync(
          path.join(out, OPTIONS.deploymentName, files[0]),
          'utf8',
        ),
      ),
    ).toEqual(report);
  });

  it('prints what the portal reads: a valid report whose GPU facts and versions it takes', () => {
    const { stdout } = run();
    const report = JSON.parse(stdout);
    const validation = validateStatusReport(report);
    expect(validation).toMatchObject({ valid: true });
    expect(validation.valid && validation.report).toEqual(report);

    const observed = summarizeStatusReport(report as StatusReport);
    expect(observed.reported).toMatchObject({
      chartVersion: '0.40.2',
      kubernetesVersion: 'v1.29.3-eks-4d1a2',
    });
    expect(observed.gpu).toMatchObject({ source: 'report', allocatable: 4 });
    // The pod without a node, conditions or GPU request is not counted as waiting for GPUs.
    expect(observed.gpu.pendingGpuPods).toBe(0);
  });

  it('reduces pods to names, labels, nodes, resources and phases: no env leaves the cluster', () => {
    const { stdout } = run();
    const report = JSON.parse(stdout);
    expect(report.spec.pods[1]).toEqual({
      metadata: {
        name: 'deepgram-billing-0',
        namespace: 'dg-self-hosted',
        labels: {
          app: 'deepgram-billing',
          'helm.sh/chart': 'deepgram-self-hosted-0.40.2',
          'statefulset.kubernetes.io/pod-name': 'deepgram-billing-0',
        },
      },
      spec: {
        nodeName: 'ip-10-0-1-12.ec2.internal',
        containers: [
          {
            name: 'main',
            resources: {
              limits: { 'nvidia.com/gpu': '1' },
              requests: { cpu: '6', memory: '28Gi', 'nvidia.com/gpu': '1' },
            },
          },
        ],
      },
      status: {
        phase: 'Running',
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'PodScheduled', status: 'True' },
        ],
      },
    });
    expect(report.spec.pods[2]).toEqual({
      metadata: { name: 'pending-1', namespace: 'dg-self-hosted', labels: {} },
      spec: { nodeName: '', containers: [{ name: 'c', resources: {} }] },
      status: { phase: '', conditions: [] },
    });
    expect(stdout).not.toContain('env');
    expect(stdout).not.toContain(FAKE_LICENSE_KEY);
    expect(stdout).not.toContain(FAKE_API_KEY);
    expect(describeSecretLike(stdout)).toBeUndefined();
  });

  it('uses kubectl only, and only reads', () => {
    run();
    const requests = fs
      .readFileSync(path.join(fixtures, 'requests.log'), 'utf8')
      .trim()
      .split('\n');
    expect(requests.length).toBeGreaterThan(4);
    expect(requests.filter(line => !line.startsWith('GET '))).toEqual([]);
    const script = renderCollectStatus(OPTIONS);
    expect(script).not.toMatch(/\b(jq|curl|wget|apt-get|apk|pip)\b/);
  });

  describe('on the GPU cluster fixtures', () => {
    it.each(Object.keys(GPU_CLUSTER_FIXTURES))(
      '%s: the portal reads the report as it reads the cluster whole',
      name => {
        const fixture =
          GPU_CLUSTER_FIXTURES[name as keyof typeof GPU_CLUSTER_FIXTURES];
        serve(servedFixture(fixture));
        const report = runReport();
        expect(report.spec).toMatchObject({
          chart: fixture.deployment.chart,
          kubernetes: { version: fixture.kubernetesVersion },
          dra: fixture.resourceSlices ? 'read' : 'absent',
        });
        const { gpu } = summarizeStatusReport(report, {
          resourceName: fixture.deployment.gpu.resourceName,
        });
        expect(gpu).toEqual(
          summarizeGpuCapacity({
            ...gpuCapacityInputOf(fixture),
            observedAt: gpu.observedAt,
            source: 'report',
          }),
        );
      },
    );

    it("keeps of other namespaces' pods those holding GPUs on a node, reduced", () => {
      serve(servedFixture(GPU_CLUSTER_FIXTURES['gpu-shared-cluster']));
      const { stdout } = run();
      const report = JSON.parse(stdout) as StatusReport;
      // Not the finished job, the notebook waiting for a node, or coredns.
      expect(
        report.spec.clusterPods?.map(
          other => `${other.metadata?.namespace}/${other.metadata?.name}`,
        ),
      ).toEqual([
        'research/trainer-0',
        expect.stringMatching(/^ml-batch\/embeddings-/),
      ]);
      expect(report.spec.clusterPods?.[0].spec?.containers).toEqual([
        {
          name: 'main',
          resources: {
            requests: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '6' },
            limits: { memory: '16Gi', 'nvidia.com/gpu': '6' },
          },
        },
      ]);
      expect(stdout).not.toMatch(/pytorch|secretKeyRef|env/);
    });

    it("leaves other namespaces' pods out when the account may not list them", () => {
      serve(
        servedFixture(GPU_CLUSTER_FIXTURES['gpu-shared-cluster'], {
          forbid: ['clusterPods'],
        }),
      );
      const report = runReport();
      expect(report.spec.clusterPods).toBeUndefined();
      expect(summarizeStatusReport(report).gpu).toMatchObject({
        podScope: 'namespace',
        nodes: [
          { requested: { 'nvidia.com/gpu': 2 } },
          { requested: { 'nvidia.com/gpu': 2 } },
        ],
      });
    });

    it('says DRA is unreadable when the account may not list ResourceSlices', () => {
      serve(
        servedFixture(GPU_CLUSTER_FIXTURES['gpu-dra'], { forbid: ['dra'] }),
      );
      const report = runReport();
      expect(report.spec.dra).toBe('unreadable');
      expect(report.spec.resourceSlices).toBeUndefined();
      expect(summarizeStatusReport(report).gpu.nodes?.[0]).toMatchObject({
        draUnread: true,
      });
    });

    it('reads resource.k8s.io/v1beta1 (Kubernetes 1.32, 1.33) into the same report shape', () => {
      const fixture = GPU_CLUSTER_FIXTURES['gpu-dra'];
      serve(servedFixture(fixture));
      const v1 = runReport();
      serve(servedFixture(fixture, { draVersions: ['v1beta1'] }));
      const v1beta1 = runReport();
      expect(v1beta1.spec.resourceSlices).toEqual(v1.spec.resourceSlices);
      expect(v1beta1.spec.resourceClaims).toEqual(v1.spec.resourceClaims);
      expect(v1.spec.resourceSlices?.[0].spec?.devices?.[0]).toEqual({
        name: 'gpu-0',
        attributes: {
          productName: { string: 'NVIDIA H100 80GB HBM3' },
          type: { string: 'gpu' },
        },
        capacity: { memory: { value: '80Gi' } },
      });
    });
  });
});

describe('renderCollectStatus', () => {
  it.each([
    [
      'a deployment name that ends the quote',
      { ...OPTIONS, deploymentName: "acme'; rm -rf /; '" },
      /^deploymentName: must be the CustomerDeployment's catalog name/,
    ],
    [
      'a namespace with a command',
      { ...OPTIONS, namespace: 'dg$(reboot)' },
      /^namespace: must be a Kubernetes namespace/,
    ],
    [
      'an uppercase namespace',
      { ...OPTIONS, namespace: 'DG' },
      /^namespace: must be a Kubernetes namespace/,
    ],
  ])('refuses %s', (_, options, message) => {
    expect(() => renderCollectStatus(options)).toThrow(message);
  });

  it('writes the deployment and namespace it is made for', () => {
    const script = renderCollectStatus({
      deploymentName: 'northwind-health-dr',
      namespace: 'dg-dr',
    });
    expect(script).toContain("DEPLOYMENT='northwind-health-dr'");
    expect(script).toContain('NAMESPACE="${NAMESPACE:-dg-dr}"');
  });
});
