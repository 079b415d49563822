import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { UpgradePlanFilesResponse } from '@fleetdeck/plugin-fleet-common';
import scaffolderModuleFleet from '@fleetdeck/plugin-scaffolder-backend-module-fleet';

jest.setTimeout(120_000);

const TEMPLATE = path.resolve(
  __dirname,
  '../../../examples/templates/plan-upgrade/template.yaml',
);

const PLAN_FILES: UpgradePlanFilesResponse = {
  plan: {
    deployment: 'customerdeployment:default/acme-prod',
    chart: 'deepgram-self-hosted',
    from: '0.40.2',
    target: '0.42.0',
    generatedAt: '2026-12-04T10:00:00Z',
    steps: [
      {
        from: '0.40.2',
        to: '0.42.0',
        release: { version: '0.42.0', created: '2026-08-13T00:00:00Z' },
        reason: 'target',
        valuesChanges: [],
        gpuChanges: [],
        checks: [],
        migratesDatabase: false,
        commands: {
          preflight: [],
          upgrade: 'helm upgrade deepgram …',
          verify: [],
          rollback: [],
        },
      },
    ],
    skipped: [],
  },
  files: [
    { path: 'UPGRADE.md', content: '# Upgrade acme-prod: 0.40.2 → 0.42.0\n' },
    { path: 'values/0.42.0.yaml', content: 'billing:\n  enabled: true\n' },
    { path: 'collect-status.sh', content: '#!/bin/sh\n', mode: 0o755 },
  ],
};

/**
 * A stand-in for the fleet backend's upgrade-plan route, so the template runs through the real
 * scaffolder and the real action: it answers only an authenticated user's call.
 */
function fleetStandIn(seen: Array<{ path: string; principal: string }>) {
  return createBackendPlugin({
    pluginId: 'fleet',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          httpRouter.use(async (req, res, next) => {
            if (
              !/^\/deployments\/[^/]+\/[^/]+\/upgrade-plan\/files$/.test(
                req.path,
              )
            ) {
              next();
              return;
            }
            const credentials = await httpAuth.credentials(req, {
              allow: ['user'],
            });
            seen.push({
              path: req.originalUrl,
              principal: credentials.principal.userEntityRef,
            });
            res.json(PLAN_FILES);
          });
        },
      });
    },
  });
}

describe('the plan-upgrade template, dry-run through the real scaffolder', () => {
  it('renders the plan for the picked deployment and target, as the user, and links to its Upgrade tab', async () => {
    const seen: Array<{ path: string; principal: string }> = [];
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleFleet,
        fleetStandIn(seen),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: parse(fs.readFileSync(TEMPLATE, 'utf8')),
        values: {
          deployment: 'customerdeployment:default/acme-prod',
          target: '0.42.0',
        },
        secrets: {},
        directoryContents: [],
      });
    expect(response.body.error?.message).toBeUndefined();
    expect(response.status).toBe(200);

    expect(seen).toEqual([
      {
        path: '/api/fleet/deployments/default/acme-prod/upgrade-plan/files?target=0.42.0',
        principal: mockCredentials.user().principal.userEntityRef,
      },
    ]);
    const files = (
      response.body.directoryContents as Array<{ path: string }>
    ).map(f => f.path);
    expect(files.sort()).toEqual([
      'UPGRADE.md',
      'collect-status.sh',
      'values/0.42.0.yaml',
    ]);
    expect(response.body.output.links).toEqual([
      expect.objectContaining({
        url: '/catalog/default/customerdeployment/acme-prod/upgrade?target=0.42.0',
      }),
    ]);
    expect(response.body.output.text).toEqual([
      expect.objectContaining({
        title: 'The plan',
        content: expect.stringContaining(
          '**customerdeployment:default/acme-prod**: 0.40.2 → 0.42.0 in 1 step.',
        ),
      }),
    ]);
  });
});
