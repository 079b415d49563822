import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type express from 'express';
import { createOpenApiRouter } from '../schema/openapi.generated';
import type { DeploymentService } from './DeploymentService';
import { parseDeploymentQuery } from './parseDeploymentQuery';
import type { ReleaseService } from './releases/ReleaseService';

/**
 * The fleet API (src/schema/openapi.yaml). Requests are validated against the spec first;
 * handlers stay thin and throw `InputError` / `NotFoundError`, which the backend turns into
 * 400 / 404 responses.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  deployments: DeploymentService;
  releases: ReleaseService;
}): Promise<express.Router> {
  const { httpAuth, deployments, releases } = options;
  const router = await createOpenApiRouter();

  router.get('/deployments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parseDeploymentQuery(req.query);
    res.json(await deployments.list(query));
  });

  router.get('/deployments/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { namespace, name } = req.params;
    res.json(
      await deployments.get(
        { namespace, name },
        { target: req.query.target || undefined, credentials },
      ),
    );
  });

  router.get('/releases', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(releases.getReleases());
  });

  return router;
}
