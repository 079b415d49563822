import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  describeSecretLike,
  summarizeStatusReport,
  validateStatusReport,
  type StatusReport,
} from '@fleetdeck/plugin-fleet-common';
import { z } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';
import {
  answersFor,
  FAKE_API_KEY,
  FAKE_LICENSE_KEY,
} from '../__testUtils__/answerMatrix';
import {
  PODS_TEMPLATE_PREFIX,
  PODS_TEMPLATE_SUFFIX,
  renderCollectStatus,
} from './renderCollectStatus';

/** The real kubectl evaluates the pod template offline; the tests need it on PATH. */
function findKubectl(): string {
  const found = execFileSync('sh', ['-c', 'command -v kubectl || true'])
    .toString()
    .trim();
  if (!found) {
    throw new Error(
      'collect-status.sh tests evaluate its go-template with kubectl; install kubectl (no cluster needed)',
    );
  }
  return found;
}

const pod = (name: string, app: string) => ({
  metadata: {
    name,
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

describe('collect-status.sh', () => {
  let dir: string;
  let fixtures: string;
  let bin: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-status-'));
    fixtures = path.join(dir, 'fixtures');
    bin = path.join(dir, 'bin');
    fs.mkdirSync(fixtures);
    fs.mkdirSync(bin);
    const fake = path.join(bin, 'kubectl');
    fs.copyFileSync(
      path.join(__dirname, '__fixtures__', 'fakeKubectl.js'),
      fake,
    );
    fs.chmodSync(fake, 0o755);
    fs.writeFileSync(
      path.join(fixtures, 'version.json'),
      '{\n  "major": "1",\n  "minor": "29",\n  "gitVersion": "v1.29.3-eks-4d1a2",\n  "platform": "linux/amd64"\n}',
    );
    fs.writeFileSync(
      path.join(fixtures, 'nodes.json'),
      JSON.stringify({
        items: [
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
      }),
    );
    fs.writeFileSync(
      path.join(fixtures, 'pods.json'),
      JSON.stringify({
        items: [
          pod('deepgram-engine-5d9c-x7k2p', 'deepgram-engine'),
          pod('deepgram-billing-0', 'deepgram-billing'),
          // Pending: no node, no conditions, no labels.
          {
            metadata: { name: 'pending-1' },
            spec: { containers: [{ name: 'c' }] },
            status: {},
          },
        ],
      }),
    );
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run() {
    const answers = onboardingAnswersSchema(z).parse(
      answersFor('airgapped', 'ebs', 'nfs'),
    );
    const script = path.join(dir, 'collect-status.sh');
    fs.writeFileSync(script, renderCollectStatus(answers));
    const out = path.join(dir, 'out');
    const stdout = execFileSync('sh', [script, out], {
      env: {
        PATH: `${bin}:/usr/bin:/bin`,
        FAKE_KUBECTL_FIXTURES: fixtures,
        REAL_KUBECTL: findKubectl(),
        PODS_TEMPLATE_PREFIX,
        PODS_TEMPLATE_SUFFIX,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
    return { answers, stdout, out };
  }

  it('prints a StatusReport and writes it beside the journal archives', () => {
    const { answers, stdout, out } = run();
    const report = JSON.parse(stdout);
    expect(report).toEqual({
      apiVersion: 'fleetdeck.io/v1alpha1',
      kind: 'StatusReport',
      metadata: {
        deployment: answers.deployment.name,
        generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        collector: 'collect-status.sh 1',
      },
      spec: {
        namespace: 'dg-self-hosted',
        chart: { name: 'deepgram-self-hosted', version: '0.40.2' },
        kubernetes: { version: 'v1.29.3-eks-4d1a2' },
        nodes: [expect.objectContaining({ kind: 'Node' })],
        pods: expect.any(Array),
      },
    });
    const files = fs.readdirSync(path.join(out, answers.deployment.name));
    expect(files).toEqual([
      expect.stringMatching(/^status-\d{8}-\d{6}\.json$/),
    ]);
    expect(
      JSON.parse(
        fs.readFileSync(
          path.join(out, answers.deployment.name, files[0]),
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
      metadata: { name: 'pending-1', labels: {} },
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
    const calls = fs
      .readFileSync(path.join(fixtures, 'calls.log'), 'utf8')
      .trim()
      .split('\n')
      .map(line => JSON.parse(line) as string[]);
    expect(calls.map(c => c[0])).toEqual(['get', 'get', 'get', 'get']);
    const script = renderCollectStatus(
      onboardingAnswersSchema(z).parse(answersFor('airgapped', 'ebs', 'nfs')),
    );
    expect(script).not.toMatch(/\b(jq|curl|wget|apt-get|apk|pip)\b/);
  });
});
