import { ResponseError } from '@backstage/errors';
import type { FleetApi } from '../api';
import {
  deploymentStatus,
  listResponse,
  releasesResponse,
} from '../__fixtures__/statuses';

/**
 * A FleetApi of jest mocks: one deployment in the list, that deployment for every ref, and the
 * releases of deepgram-self-hosted. Override any method.
 */
export function mockFleetApi(
  overrides: Partial<jest.Mocked<FleetApi>> = {},
): jest.Mocked<FleetApi> {
  return {
    listDeployments: jest
      .fn()
      .mockResolvedValue(listResponse([deploymentStatus()])),
    getDeployment: jest.fn().mockResolvedValue(deploymentStatus()),
    getReleases: jest.fn().mockResolvedValue(releasesResponse),
    ...overrides,
  };
}

/** The error the FleetClient raises for a backend answer of `status` with `name`. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<Error> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'GET', url: '/api/fleet/deployments' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
