import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  createMockDirectory,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { RegistrationRequest } from '@fleetdeck/plugin-fleet-common';
import { ANSWER_MATRIX } from '../__testUtils__/answerMatrix';
import { createRegisterDeploymentAction } from './registerDeployment.action';

const FLEET = 'http://fleet.test/api/fleet';

describe('fleet:deployment:register', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const workspace = createMockDirectory();
  const [, answers] = ANSWER_MATRIX[0];

  const action = createRegisterDeploymentAction({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => FLEET,
    }),
    auth: mockServices.auth(),
  });

  beforeEach(() =>
    workspace.setContent({
      'values.yaml': 'billing:\n  enabled: true\n',
      'RUNBOOK.md': '# Runbook\n',
    }),
  );

  it('posts the validated entities and the rendered files on behalf of the user', async () => {
    let received:
      | { body: RegistrationRequest; authorization: string | null }
      | undefined;
    server.use(
      http.post(`${FLEET}/registrations`, async ({ request }) => {
        received = {
          body: (await request.json()) as RegistrationRequest,
          authorization: request.headers.get('authorization'),
        };
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    const ctx = createMockActionContext({
      input: { answers },
      workspacePath: workspace.path,
      task: { id: 'task-42' },
    });
    await action.handler(ctx);

    expect(received?.authorization).toMatch(/^Bearer /);
    expect(received?.body.taskId).toBe('task-42');
    expect(received?.body.deployment.metadata.name).toBe(
      answers.deployment.name,
    );
    expect(received?.body.customer?.metadata.name).toBe('acme');
    expect(received?.body.artifacts.map(a => a.name)).toEqual([
      'values.yaml',
      'RUNBOOK.md',
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      `customerdeployment:default/${answers.deployment.name}`,
    );
  });

  it("passes on the fleet backend's refusal", async () => {
    server.use(
      http.post(`${FLEET}/registrations`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message: 'customerdeployment:default/x was already registered',
            },
            // As Backstage's error handler answers.
            request: { method: 'POST', url: '/api/fleet/registrations' },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );
    const ctx = createMockActionContext({
      input: { answers },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'The fleet backend refused customerdeployment:default/acme-connected-efs-s3-irsa: customerdeployment:default/x was already registered',
    );
  });

  it('refuses an owner ref that breaks the catalog rules before calling the backend', async () => {
    const called = jest.fn();
    server.use(
      http.post(`${FLEET}/registrations`, () => {
        called();
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    const ctx = createMockActionContext({
      input: { answers: { ...answers, owner: 'group:default/../../admins' } },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /would not pass the catalog's checks: spec\.owner: must be an entity ref whose name is a catalog name/,
    );
    expect(called).not.toHaveBeenCalled();
  });

  it('calls nothing in a dry-run', async () => {
    // The mock context leaves isDryRun out; the scaffolder sets it on dry-runs.
    const ctx = {
      ...createMockActionContext({
        input: { answers },
        workspacePath: workspace.path,
      }),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('artifacts', [
      'values.yaml',
      'RUNBOOK.md',
    ]);
  });
});
