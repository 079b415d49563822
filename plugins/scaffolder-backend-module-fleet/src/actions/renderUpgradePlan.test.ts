import fs from 'node:fs';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  createMockDirectory,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type {
  UpgradePlan,
  UpgradePlanFilesResponse,
  UpgradeStep,
} from '@fleetdeck/plugin-fleet-common';
import { createRenderUpgradePlanAction } from './renderUpgradePlan.action';

const FLEET = 'http://fleet.test/api/fleet';
const FILES_URL = `${FLEET}/deployments/default/acme-prod/upgrade-plan/files`;

function step(
  from: string,
  to: string,
  overrides: Partial<UpgradeStep> = {},
): UpgradeStep {
  return {
    from,
    to,
    release: { version: to, created: '2026-08-13T00:00:00Z' },
    reason: 'target',
    valuesChanges: [],
    gpuChanges: [],
    checks: [],
    migratesDatabase: false,
    commands: {
      preflight: ['sh collect-status.sh'],
      upgrade: `helm upgrade deepgram ./deepgram-self-hosted-${to}.tgz -f values/${to}.yaml`,
      verify: ['kubectl rollout status deployment/deepgram-api'],
      rollback: ['helm rollback deepgram'],
    },
    ...overrides,
  };
}

const PLAN: UpgradePlan = {
  deployment: 'customerdeployment:default/acme-prod',
  chart: 'deepgram-self-hosted',
  from: '0.40.2',
  target: '0.42.0',
  generatedAt: '2026-12-04T10:00:00Z',
  valuesSource: 'onboarding',
  steps: [
    step('0.40.2', '0.41.1', {
      reason: 'required-intermediate',
      migratesDatabase: true,
    }),
    step('0.41.1', '0.42.0'),
  ],
  skipped: [{ version: '0.41.0', reason: 'known bad: images older than…' }],
};

const UPGRADE_MD = [
  '# Upgrade acme-prod: 0.40.2 → 0.42.0',
  '',
  'Two helm upgrades: 0.41.1 (required on the way), then 0.42.0.',
  ...Array.from({ length: 30 }, (_, i) => `line ${i + 4}`),
].join('\n');

const RESPONSE: UpgradePlanFilesResponse = {
  plan: PLAN,
  files: [
    { path: 'UPGRADE.md', content: UPGRADE_MD },
    { path: 'values/0.41.1.yaml', content: 'scaling:\n  replicas:\n' },
    { path: 'values/0.42.0.yaml', content: 'scaling:\n  replicas:\n' },
    { path: 'collect-status.sh', content: '#!/bin/sh\n', mode: 0o755 },
  ],
};

describe('fleet:upgrade-plan:render', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  const action = createRenderUpgradePlanAction({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => FLEET,
    }),
    auth: mockServices.auth(),
  });

  /** Serves `body` with `status` for the plan files; records each request. */
  function fleetAnswers(body: unknown, status = 200) {
    const requests: Array<{ url: URL; authorization: string | null }> = [];
    server.use(
      http.get(FILES_URL, ({ request }) => {
        requests.push({
          url: new URL(request.url),
          authorization: request.headers.get('authorization'),
        });
        return HttpResponse.json(body as object, { status });
      }),
    );
    return requests;
  }

  /** As Backstage's error handler answers a refusal. */
  const backendError = (name: string, message: string, statusCode: number) => ({
    error: { name, message },
    request: { method: 'GET', url: FILES_URL },
    response: { statusCode },
  });

  const outputs = (ctx: ReturnType<typeof createMockActionContext>) =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);

  it("writes the plan's files under targetPath, with the user's token, and outputs the plan", async () => {
    const requests = fleetAnswers(RESPONSE);
    const ctx = createMockActionContext({
      input: {
        deployment: 'customerdeployment:default/acme-prod',
        target: '0.42.0',
        targetPath: 'upgrade',
      },
      workspacePath: workspace.path,
    });
    await action.handler(ctx);

    expect(requests).toHaveLength(1);
    expect(requests[0].url.searchParams.get('target')).toBe('0.42.0');
    expect(requests[0].authorization).toMatch(/^Bearer /);
    // The token is for the fleet plugin, on behalf of the user who runs the task.
    expect(requests[0].authorization).toContain('"obo":"user:default/mock"');
    expect(requests[0].authorization).toContain('"target":"fleet"');

    const out = outputs(ctx);
    expect(out.files).toEqual([
      'upgrade/UPGRADE.md',
      'upgrade/values/0.41.1.yaml',
      'upgrade/values/0.42.0.yaml',
      'upgrade/collect-status.sh',
    ]);
    expect(out.target).toBe('0.42.0');
    expect(out.steps).toEqual([
      '0.40.2 → 0.41.1 (required on the way; migrates the database: a backup first)',
      '0.41.1 → 0.42.0',
    ]);
    expect(out.summary).toContain(
      '**customerdeployment:default/acme-prod**: 0.40.2 → 0.42.0 in 2 steps.',
    );
    expect(out.summary).toContain('Skipped: 0.41.0 (known bad');
    expect(out.summary).toContain('# Upgrade acme-prod: 0.40.2 → 0.42.0');
    expect(out.summary).not.toContain('line 20');

    expect(
      fs.readFileSync(path.join(workspace.path, 'upgrade/UPGRADE.md'), 'utf8'),
    ).toBe(UPGRADE_MD);
    const script = fs.statSync(
      path.join(workspace.path, 'upgrade/collect-status.sh'),
    );
    expect(script.mode & 0o777).toBe(0o755);
    const values = fs.statSync(
      path.join(workspace.path, 'upgrade/values/0.42.0.yaml'),
    );
    expect(values.mode & 0o111).toBe(0);
  });

  it('asks for the latest when no target is picked (the form sends an empty one)', async () => {
    const requests = fleetAnswers(RESPONSE);
    const ctx = createMockActionContext({
      input: { deployment: 'customerdeployment:default/acme-prod', target: '' },
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    expect(requests[0].url.search).toBe('');
    expect(outputs(ctx).files).toContain('UPGRADE.md');
  });

  it('does the same in a dry run: it only reads, and the dry run shows the files', async () => {
    const requests = fleetAnswers(RESPONSE);
    const ctx = {
      ...createMockActionContext({
        input: { deployment: 'customerdeployment:default/acme-prod' },
        workspacePath: workspace.path,
      }),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(requests).toHaveLength(1);
    expect(fs.readdirSync(workspace.path).sort()).toEqual([
      'UPGRADE.md',
      'collect-status.sh',
      'values',
    ]);
  });

  it.each([
    [
      403,
      backendError(
        'NotAllowedError',
        'You may not read the generated files of customerdeployment:default/acme-prod',
        403,
      ),
      'The fleet backend answered 403 for the upgrade plan of default/acme-prod: You may not read the generated files of customerdeployment:default/acme-prod',
    ],
    [
      400,
      backendError(
        'InputError',
        'Target 9.9.9 is not a release of deepgram-self-hosted',
        400,
      ),
      'The fleet backend answered 400 for the upgrade plan of default/acme-prod: Target 9.9.9 is not a release of deepgram-self-hosted',
    ],
    [
      404,
      backendError(
        'NotFoundError',
        'No deployment customerdeployment:default/acme-prod',
        404,
      ),
      'The fleet backend answered 404 for the upgrade plan of default/acme-prod: No deployment customerdeployment:default/acme-prod',
    ],
    [
      503,
      backendError('ServiceUnavailableError', 'Release index unreadable', 503),
      'The fleet backend answered 503 for the upgrade plan of default/acme-prod: Release index unreadable',
    ],
  ])(
    'passes on a %s with its status and the backend’s message, writing nothing',
    async (status, body, message) => {
      fleetAnswers(body, status);
      const ctx = createMockActionContext({
        input: { deployment: 'customerdeployment:default/acme-prod' },
        workspacePath: workspace.path,
      });
      await expect(action.handler(ctx)).rejects.toThrow(message);
      expect(fs.readdirSync(workspace.path)).toEqual([]);
    },
  );

  it.each([
    ['../../etc/cron.d/evil', 'leaves its folder'],
    ['/etc/passwd', 'is not a relative path'],
    ['values/../../escape.yaml', 'leaves its folder'],
    ['C:/Windows/evil.bat', 'is not a relative path'],
    ['values\\..\\evil', 'is not a relative path'],
    ['.ssh/authorized_keys', 'has a name other than'],
    ['a/b/c/d/e.txt', 'is more than 4 folders deep'],
    ['', 'has a name other than'],
    ['UPGRADE.md', 'comes twice'],
  ])(
    'refuses a plan holding the file %j, and writes none of its files',
    async (unsafe, problem) => {
      fleetAnswers({
        ...RESPONSE,
        files: [...RESPONSE.files, { path: unsafe, content: 'x' }],
      });
      const ctx = createMockActionContext({
        input: { deployment: 'customerdeployment:default/acme-prod' },
        workspacePath: workspace.path,
      });
      await expect(action.handler(ctx)).rejects.toThrow(
        `The upgrade plan holds files that cannot be written safely, so none was: ${JSON.stringify(
          unsafe,
        )} ${problem}`,
      );
      expect(fs.readdirSync(workspace.path)).toEqual([]);
    },
  );

  it('refuses a plan too large to be one, writing nothing', async () => {
    fleetAnswers({
      ...RESPONSE,
      files: Array.from({ length: 201 }, (_, i) => ({
        path: `values/${i}.yaml`,
        content: 'a: 1\n',
      })),
    });
    const ctx = createMockActionContext({
      input: { deployment: 'customerdeployment:default/acme-prod' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'The upgrade plan holds 201 files of 1005 bytes, more than a plan can',
    );
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });

  it('refuses an answer that is not a plan with files', async () => {
    fleetAnswers({ plan: { target: '0.42.0' } });
    const ctx = createMockActionContext({
      input: { deployment: 'customerdeployment:default/acme-prod' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /is not a plan with files: plan\.from required.*files required/,
    );
  });

  it('writes only permission bits, whatever mode the answer carries', async () => {
    fleetAnswers({
      ...RESPONSE,
      files: [
        { path: 'collect-status.sh', content: '#!/bin/sh\n', mode: 0o4777 },
      ],
    });
    const ctx = createMockActionContext({
      input: { deployment: 'customerdeployment:default/acme-prod' },
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    expect(
      fs.statSync(path.join(workspace.path, 'collect-status.sh')).mode & 0o7000,
    ).toBe(0);
  });

  it.each([
    ['component:default/acme-prod', 'must be a CustomerDeployment'],
    ['customerdeployment:default/../../admin', 'are catalog names'],
    ['customerdeployment:', 'must be an entity ref'],
  ])(
    'refuses the deployment %s before calling the backend',
    async (deployment, message) => {
      const requests = fleetAnswers(RESPONSE);
      const ctx = createMockActionContext({
        input: { deployment },
        workspacePath: workspace.path,
      });
      await expect(action.handler(ctx)).rejects.toThrow(message);
      expect(requests).toEqual([]);
    },
  );

  it('refuses a target that is not a chart version before calling the backend', async () => {
    const requests = fleetAnswers(RESPONSE);
    const ctx = createMockActionContext({
      input: {
        deployment: 'customerdeployment:default/acme-prod',
        target: 'latest&x=1',
      },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'Target must be a chart version such as "0.42.0", or empty for the latest; got "latest&x=1"',
    );
    expect(requests).toEqual([]);
  });

  it('refuses a targetPath outside the workspace', async () => {
    fleetAnswers(RESPONSE);
    const ctx = createMockActionContext({
      input: {
        deployment: 'customerdeployment:default/acme-prod',
        targetPath: '../elsewhere',
      },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(/outside/i);
  });
});
