import fs from 'node:fs';
import path from 'node:path';
import type { CustomerDeploymentEntity } from '../kinds';
import { evaluateUpgrade } from '../status/upgrade';
import { GPU_CLUSTER_FIXTURES, gpuClusterStatusReport } from '../testUtils';
import { summarizeStatusReport } from './summarizeStatusReport';
import { validateStatusReport } from './validateStatusReport';

const example = () =>
  JSON.parse(
    fs.readFileSync(
      path.resolve(
        __dirname,
        '../__fixtures__/reports/harbor-trust-bank-prod.status-report.json',
      ),
      'utf8',
    ),
  );

const minimal = () => ({
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'StatusReport',
  metadata: { deployment: 'acme-prod', generatedAt: '2026-11-20T02:00:00Z' },
  spec: {
    namespace: 'dg-self-hosted',
    chart: { name: 'deepgram-self-hosted', version: '0.40.2' },
    kubernetes: { version: 'v1.29.3-eks-4d1a2' },
    nodes: [
      {
        metadata: {
          name: 'gpu-0',
          labels: { 'nvidia.com/gpu.product': 'NVIDIA-A10G' },
        },
        status: { allocatable: { 'nvidia.com/gpu': '4' } },
      },
    ],
    pods: [],
  },
});

describe('validateStatusReport', () => {
  it('accepts the example report and a reduced one', () => {
    expect(validateStatusReport(example())).toMatchObject({
      valid: true,
      errors: [],
    });
    expect(validateStatusReport(minimal()).valid).toBe(true);
  });

  it('refuses an unknown apiVersion before anything else', () => {
    const report = { ...minimal(), apiVersion: 'fleetdeck.io/v2', spec: 1 };
    expect(validateStatusReport(report)).toEqual({
      valid: false,
      errors: [
        {
          path: 'apiVersion',
          message:
            '"fleetdeck.io/v2" is not a report version; this portal reads fleetdeck.io/v1alpha1 — use a collector made for this portal',
        },
      ],
    });
  });

  it('names each bad field once', () => {
    const good = minimal();
    const report = {
      ...good,
      kind: 'Report',
      metadata: { deployment: good.metadata.deployment },
      spec: {
        namespace: good.spec.namespace,
        chart: { ...good.spec.chart, version: '' },
        kubernetes: good.spec.kubernetes,
        nodes: [
          {
            ...good.spec.nodes[0],
            status: { allocatable: { 'nvidia.com/gpu': 4 } },
          },
        ],
        extra: true,
      },
    };
    const result = validateStatusReport(report);
    expect(result.valid).toBe(false);
    expect(result.errors.map(e => `${e.path}: ${e.message}`)).toEqual([
      'kind: must be StatusReport, got "Report"',
      'metadata.generatedAt: is required: the time the collector ran, ISO 8601 with a zone, such as "2026-11-20T02:00:00Z"',
      expect.stringMatching(/^spec\.pods: is required: a list of Pod objects/),
      'spec.extra: is not a field of a StatusReport here; allowed: namespace, chart, kubernetes, nodes, pods, clusterPods, dra, resourceSlices, resourceClaims',
      'spec.chart.version: must be the installed chart version, such as "0.40.2", got ""',
      'spec.nodes[0].status.allocatable.nvidia.com/gpu: must be a string, got 4',
    ]);
  });

  it('checks generatedAt is an instant with a zone', () => {
    const report = minimal();
    report.metadata.generatedAt = '2026-11-20 02:00';
    expect(validateStatusReport(report).errors).toEqual([
      {
        path: 'metadata.generatedAt',
        message: expect.stringContaining('got "2026-11-20 02:00"'),
      },
    ]);
  });

  it('refuses a kept field that looks like a secret, naming it and not the value', () => {
    const report = minimal();
    const licenseKey = 'TGljZW5zZUtleTpBQ01FLTc6MjAyNy0wMy0zMTpzaWduZWQ9WQ';
    report.spec.nodes[0].metadata.labels['nvidia.com/gpu.product'] = licenseKey;
    report.spec.nodes[0].metadata.name = 'AKIAIOSFODNN7EXAMPLE';
    report.spec.chart.version = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const result = validateStatusReport(report);
    expect(result.valid).toBe(false);
    expect(result.errors.map(e => [e.path, e.message.split(' (')[0]])).toEqual([
      ['spec.chart.version', 'looks like an AWS secret access key'],
      ['spec.nodes[0].metadata.name', 'looks like an AWS access key id'],
      [
        'spec.nodes[0].metadata.labels["nvidia.com/gpu.product"]',
        'looks like an encoded key or license',
      ],
    ]);
    expect(JSON.stringify(result)).not.toMatch(
      /AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|TGljZW5zZUtleT/,
    );
  });

  it('does not read container env or the scheduler messages as fields', () => {
    const report = example();
    report.spec.pods[0].spec.containers[0].env = [
      {
        name: 'DEEPGRAM_API_KEY',
        value: '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c',
      },
    ];
    expect(validateStatusReport(report).errors).toEqual([]);
  });

  it.each(Object.keys(GPU_CLUSTER_FIXTURES))(
    'accepts the report of %s with other namespaces’ pods and DRA objects',
    name => {
      const report = gpuClusterStatusReport(
        GPU_CLUSTER_FIXTURES[name as keyof typeof GPU_CLUSTER_FIXTURES],
      );
      expect(validateStatusReport(report).errors).toEqual([]);
    },
  );

  it('checks the shape of the DRA fields and what the collector says of them', () => {
    const report = gpuClusterStatusReport(GPU_CLUSTER_FIXTURES['gpu-dra']);
    const broken = {
      ...report,
      spec: {
        ...report.spec,
        dra: 'maybe',
        resourceSlices: [
          { spec: { nodeName: 7, devices: [{ attributes: { type: 'gpu' } }] } },
        ],
        resourceClaims: [
          { status: { allocation: { devices: { results: {} } } } },
        ],
      },
    };
    expect(
      validateStatusReport(broken).errors.map(e => `${e.path}: ${e.message}`),
    ).toEqual([
      expect.stringMatching(
        /^spec\.dra: must be "read", "absent" or "unreadable"/,
      ),
      'spec.resourceSlices[0].spec.nodeName: must be a string, got 7',
      'spec.resourceSlices[0].spec.devices[0].attributes.type: must be a device attribute: one of string, int, bool or version, got "gpu"',
      'spec.resourceClaims[0].status.allocation.devices.results: must be a list of allocated devices, got a map',
    ]);
  });

  it('refuses a kept DRA or pod field that looks like a secret, and scans no other namespace’s pod names', () => {
    const token = 'ghp_R2d2C3poX9wing5Falcon7Ewok1Jedi4Sith8';
    const report = gpuClusterStatusReport(GPU_CLUSTER_FIXTURES['gpu-dra']);
    report.spec.resourceSlices![0].spec!.devices![0].attributes!.productName = {
      string: token,
    };
    report.spec.resourceClaims![0].metadata!.name = token;
    report.spec.pods[1].metadata!.labels!.app = token;
    report.spec.clusterPods![0].metadata!.name = token;
    report.spec.clusterPods![0].spec!.nodeName = token;
    const result = validateStatusReport(report);
    expect(result.errors.map(e => e.path)).toEqual([
      'spec.pods[1].metadata.labels["app"]',
      'spec.clusterPods[0].spec.nodeName',
      'spec.resourceSlices[0].spec.devices[0].attributes.productName.string',
      'spec.resourceClaims[0].metadata.name',
    ]);
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('refuses what is not an object', () => {
    expect(validateStatusReport([]).errors[0].path).toBe('(report)');
  });
});

describe('summarizeStatusReport', () => {
  it('keeps only GPU facts and versions', () => {
    const result = validateStatusReport(example());
    if (!result.valid) {
      throw new Error('example report is invalid');
    }
    const observations = summarizeStatusReport(result.report);
    expect(observations).toMatchObject({
      gpu: {
        source: 'report',
        observedAt: '2026-11-20T02:00:00.000Z',
        allocatable: 8,
        requested: 8,
        pendingGpuPods: 0,
        driverVersion: '535.104.05',
        models: [
          {
            product: 'NVIDIA-H100-80GB-HBM3',
            resourceName: 'nvidia.com/gpu',
            allocatable: 8,
            requested: 8,
          },
        ],
      },
      reported: {
        chartVersion: '0.40.2',
        kubernetesVersion: 'v1.29.3-eks-4d1a2',
        observedAt: '2026-11-20T02:00:00.000Z',
      },
    });
    expect(observations.gpu.nodes).toHaveLength(1);
    expect(JSON.stringify(observations)).not.toMatch(/DEEPGRAM_API_KEY|image/);
  });
});

describe('summarizeStatusReport, collect-status.sh 2', () => {
  const summarize = (report: ReturnType<typeof gpuClusterStatusReport>) => {
    const result = validateStatusReport(report);
    if (!result.valid) {
      throw new Error(JSON.stringify(result.errors));
    }
    return summarizeStatusReport(result.report).gpu;
  };

  it("counts other namespaces' pods on the nodes when the collector listed them", () => {
    const fixture = GPU_CLUSTER_FIXTURES['gpu-shared-cluster'];
    expect(summarize(gpuClusterStatusReport(fixture))).toMatchObject({
      source: 'report',
      podScope: 'cluster',
      dra: 'absent',
      nodes: [
        { requested: { 'nvidia.com/gpu': 8 } },
        { requested: { 'nvidia.com/gpu': 8 } },
      ],
    });
    expect(
      summarize(gpuClusterStatusReport(fixture, { clusterPods: false })),
    ).toMatchObject({
      podScope: 'namespace',
      nodes: [
        { requested: { 'nvidia.com/gpu': 2 } },
        { requested: { 'nvidia.com/gpu': 2 } },
      ],
    });
  });

  it('counts DRA devices, and says why when the collector could not read them', () => {
    const fixture = GPU_CLUSTER_FIXTURES['gpu-dra'];
    const read = summarize(gpuClusterStatusReport(fixture));
    expect(read).toMatchObject({ dra: 'read', allocatable: 8, requested: 3 });
    expect(read.nodes?.[0].draDevices).toHaveLength(8);

    const unreadable = summarize(
      gpuClusterStatusReport(fixture, { dra: 'unreadable' }),
    );
    expect(unreadable).toMatchObject({
      dra: 'unreadable',
      draError: expect.stringContaining(
        'the status collector could not list the cluster',
      ),
      allocatable: 0,
      nodes: [{ draUnread: true, allocatable: {} }],
    });
  });

  it('reads a report of collect-status.sh 1 as before: the namespace only, DRA not tried', () => {
    const observations = summarizeStatusReport(example());
    expect(observations.gpu.podScope).toBe('namespace');
    expect(observations.gpu.dra).toBeUndefined();
  });
});

describe('a report feeding upgrade readiness', () => {
  it('checks the GPUs and the reported driver against the target release', () => {
    const result = validateStatusReport(example());
    if (!result.valid) {
      throw new Error('example report is invalid');
    }
    const entity = {
      apiVersion: 'fleetdeck.io/v1alpha1',
      kind: 'CustomerDeployment',
      metadata: { name: 'harbor-trust-bank-prod' },
      spec: {
        customer: 'harbor-trust-bank',
        owner: 'group:default/solutions-east',
        lifecycle: 'production',
        profile: 'connected',
        chart: { name: 'deepgram-self-hosted', version: '0.39.0' },
        cluster: { kubernetesVersion: '1.28', namespace: 'dg-self-hosted' },
        gpu: {
          resourceName: 'nvidia.com/gpu',
          perEngine: 2,
          engineReplicas: 4,
        },
      },
    } as unknown as CustomerDeploymentEntity;
    const signal = evaluateUpgrade({
      entity,
      observations: summarizeStatusReport(result.report),
      releases: [
        { version: '0.41.1', created: '2026-10-01T00:00:00Z' },
        { version: '0.40.2', created: '2026-09-01T00:00:00Z' },
      ],
      policy: {
        chart: 'deepgram-self-hosted',
        valuesChanges: [],
        gpuChanges: [],
        requiredIntermediates: [],
        knownBad: [],
        minimumDriver: { version: '550.54.15' },
      },
      now: new Date('2026-11-20T03:00:00Z'),
    });
    // The report's chart version (0.40.2) wins over the entity's (0.39.0).
    expect(signal.current).toBe('0.40.2');
    const gpu = signal.checks.find(check => check.id === 'gpu');
    expect(gpu?.outcome).toBe('fail');
    expect(gpu?.message).toContain(
      'the NVIDIA driver 535.104.05 is older than the minimum 550.54.15',
    );
  });
});
