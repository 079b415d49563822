import { ResponseError } from '@backstage/errors';
import type { FleetApi } from '../api';
import {
  deploymentStatus,
  listResponse,
  releasesResponse,
} from '../__fixtures__/statuses';
import { receipt, receiptPage } from '../__fixtures__/journals';
import {
  bundleObservation,
  upgradePlan,
  valuesObservation,
} from '../__fixtures__/upgrades';

/**
 * A FleetApi of jest mocks: one deployment in the list, that deployment for every ref, the
 * releases of deepgram-self-hosted, one journal receipt, a journal's bytes and a successful
 * upload; acme-prod's two-step upgrade plan, its onboarding values, one bundle handed out and no
 * backups. Override any method.
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
    getUpgradePlan: jest.fn().mockResolvedValue({ plan: upgradePlan() }),
    getUpgradePlanFiles: jest
      .fn()
      .mockResolvedValue({ plan: upgradePlan(), files: [] }),
    downloadUpgradePlanArchive: jest.fn().mockResolvedValue({
      content: new Blob([new Uint8Array([0x1f, 0x8b])]),
      fileName: 'acme-prod-upgrade-0.42.0.tar.gz',
    }),
    getValues: jest.fn().mockResolvedValue({ values: valuesObservation() }),
    uploadValues: jest.fn().mockImplementation(async (_ref, document) => ({
      values: valuesObservation({ document, source: 'upload' }),
    })),
    listBundles: jest.fn().mockResolvedValue({ items: [bundleObservation()] }),
    handOutBundle: jest.fn().mockImplementation(async (_ref, options) => ({
      bundle: bundleObservation({ target: options?.target ?? '0.42.0' }),
      manifest: {},
      files: [],
    })),
    downloadBundleKit: jest.fn().mockResolvedValue({
      content: new Blob([new Uint8Array([0x1f, 0x8b])]),
    }),
    uploadBundleVerification: jest.fn().mockResolvedValue({
      bundle: bundleObservation({
        verification: 'verified',
        verifiedAt: '2026-12-04T09:00:00.000Z',
      }),
    }),
    listBackups: jest.fn().mockResolvedValue({ items: [] }),
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
