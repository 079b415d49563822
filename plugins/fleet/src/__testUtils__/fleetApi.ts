import { ResponseError } from '@backstage/errors';
import type { FleetApi } from '../api';
import {
  deploymentStatus,
  listResponse,
  releasesResponse,
} from '../__fixtures__/statuses';
import { receipt, receiptPage } from '../__fixtures__/journals';

/**
 * A FleetApi of jest mocks: one deployment in the list, that deployment for every ref, the
 * releases of deepgram-self-hosted, one journal receipt, a journal's bytes and a successful
 * upload. Override any method.
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
    listJournals: jest.fn().mockResolvedValue(receiptPage([receipt()])),
    downloadJournal: jest.fn().mockResolvedValue({
      content: new Blob(['{"d":1,"s":"init"}\n']),
    }),
    uploadJournal: jest.fn().mockResolvedValue({
      receipts: [{ ...receipt(), duplicate: false }],
    }),
    listArtifacts: jest.fn().mockResolvedValue({
      entityRef: 'customerdeployment:default/acme-prod',
      registeredAt: '2026-11-26T10:00:00.000Z',
      items: [],
    }),
    downloadArtifact: jest
      .fn()
      .mockResolvedValue({ content: new Blob(['billing: {}\n']) }),
    downloadArtifactArchive: jest
      .fn()
      .mockResolvedValue({ content: new Blob([new Uint8Array([0x1f, 0x8b])]) }),
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
