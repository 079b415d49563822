import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import type { UpgradePlanFilesResponse } from '@fleetdeck/plugin-fleet-common';
import { z } from 'zod/v3';

/**
 * The parts of `UpgradePlanFilesResponse` the action relies on, checked before any file is
 * written: an answer of another shape is the backend's fault, said as such.
 */
const responseShape = z.object({
  plan: z
    .object({
      target: z.string(),
      from: z.string(),
      steps: z.array(
        z
          .object({
            from: z.string(),
            to: z.string(),
            reason: z.string(),
            migratesDatabase: z.boolean(),
          })
          .passthrough(),
      ),
    })
    .passthrough(),
  files: z.array(
    z.object({
      path: z.string(),
      content: z.string(),
      mode: z.number().int().optional(),
    }),
  ),
});

/**
 * Asks the fleet backend for the upgrade plan of a deployment and the files it renders to,
 * on behalf of the user who runs the task — their own permissions apply
 * (`fleet.artifact.read`). A refusal comes back as an `InputError` with the status and the
 * backend's message; an answer of the wrong shape, as an `Error` saying so.
 */
export async function fetchUpgradePlanFiles(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  credentials: BackstageCredentials;
  deployment: CompoundEntityRef;
  target?: string;
}): Promise<UpgradePlanFilesResponse> {
  const { discovery, auth, credentials, deployment, target } = options;
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'fleet',
  });
  const baseUrl = await discovery.getBaseUrl('fleet');
  const query = target ? `?target=${encodeURIComponent(target)}` : '';
  const url = `${baseUrl}/deployments/${encodeURIComponent(
    deployment.namespace,
  )}/${encodeURIComponent(deployment.name)}/upgrade-plan/files${query}`;
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const ref = `${deployment.namespace}/${deployment.name}`;
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response);
    const message = `The fleet backend answered ${response.status} for the upgrade plan of ${ref}: ${error.cause.message}`;
    // 400 (an unknown target), 403 (no access), 404 (no such deployment): the SE's to fix.
    if (response.status < 500) {
      throw new InputError(message);
    }
    throw new Error(message, { cause: error });
  }
  const parsed = responseShape.safeParse(await response.json());
  if (!parsed.success) {
    throw new Error(
      `The fleet backend's upgrade plan of ${ref} is not a plan with files: ${parsed.error.issues
        .map(i => `${i.path.join('.')} ${i.message.toLocaleLowerCase('en-US')}`)
        .join('; ')}`,
    );
  }
  return parsed.data as unknown as UpgradePlanFilesResponse;
}
