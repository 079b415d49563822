import { ResponseError } from '@backstage/errors';
import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import type {
  ArtifactListResponse,
  BundleObservation,
  DeploymentValuesObservation,
  JournalUploadResponse,
} from '@fleetdeck/plugin-fleet-common';
import type {
  FleetApi,
  HandOutBundleOptions,
  JournalDownload,
  UploadJournalOptions,
} from '../src';
import { gpuFit, gpuNodeFit } from '../src/__fixtures__/gpuFit';
import { receipt, receiptPage } from '../src/__fixtures__/journals';
import {
  backupObservation,
  bundleObservation,
  upgradePlan,
  valuesObservation,
} from '../src/__fixtures__/upgrades';
import {
  deploymentStatus,
  listResponse,
  releasesResponse,
} from '../src/__fixtures__/statuses';

const ACME_PROD = 'customerdeployment:default/acme-prod';

function refOf(ref: string | CompoundEntityRef): string {
  return stringifyEntityRef(
    typeof ref === 'string'
      ? parseEntityRef(ref, { defaultKind: 'customerdeployment' })
      : ref,
  );
}

/** What the fleet backend answers for a deployment it has not evaluated. */
async function notEvaluated(ref: string): Promise<never> {
  throw await ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: `No status for ${ref}` },
        request: { method: 'GET', url: `/api/fleet/deployments/${ref}` },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

function file(text: string, fileName: string): JournalDownload {
  return { content: new Blob([text]), fileName };
}

/** acme-prod's GPUs node by node, so the GPU card shows its per-node table in the dev app. */
const ACME_PROD_GPU_FIT = gpuFit({
  moreEnginePods: 1,
  nodes: [
    gpuNodeFit('gpu-a1', {
      taken: 4,
      free: 0,
      running: ['engine-1', 'engine-2', 'engine-3', 'engine-4'],
    }),
    gpuNodeFit('gpu-a2', {
      taken: 3,
      free: 1,
      running: ['engine-5', 'engine-6'],
      moreEnginePods: 1,
    }),
    gpuNodeFit('gpu-l4-1', {
      product: 'NVIDIA-L4',
      isolation: 'time-slicing',
      sharedWays: 4,
      physicalGpus: 1,
      unitMemoryMiB: 5758,
      counts: false,
      excluded:
        'a time-slice of NVIDIA-L4 (4 ways, no memory isolation) has 5.6 GiB; an engine pod needs 16 GiB',
    }),
  ],
  notes: [
    'time-slicing does not isolate GPU memory: pods sharing a GPU can run each other out of memory',
  ],
});

/**
 * A FleetApi that answers from the package's test fixtures, in the browser and without a
 * backend: the air-gapped `acme-prod` with its status, receipts and generated files, its upgrade
 * plan, values, bundles and backup, the chart releases, and uploads that are received at once.
 * Filters and paging are not applied.
 */
export class ExampleFleetApi implements FleetApi {
  private values: DeploymentValuesObservation = valuesObservation();
  private bundles: BundleObservation[] = [
    bundleObservation({
      id: 'f'.repeat(64),
      target: '0.41.1',
      verification: 'failed',
      verifiedAt: '2026-11-30T08:00:00.000Z',
      failedFiles: ['images/engine-release-260801.tar'],
    }),
  ];

  async listDeployments() {
    return listResponse([deploymentStatus()]);
  }

  async getDeployment(ref: string | CompoundEntityRef) {
    const entityRef = refOf(ref);
    return entityRef === ACME_PROD
      ? deploymentStatus({ gpu: { fit: ACME_PROD_GPU_FIT } })
      : notEvaluated(entityRef);
  }

  async getReleases() {
    return releasesResponse;
  }

  async listJournals() {
    return receiptPage([
      receipt(),
      receipt({ id: 'r-1', replica: 'deepgram-billing-1' }),
    ]);
  }

  async downloadJournal(_ref: string | CompoundEntityRef, id: string) {
    return file('{"d":1,"s":"init"}\n', `journal-${id}`);
  }

  async uploadJournal(
    _ref: string | CompoundEntityRef,
    upload: File,
    options: UploadJournalOptions = {},
  ): Promise<JournalUploadResponse> {
    options.onProgress?.(upload.size, upload.size);
    return {
      receipts: [
        {
          ...receipt({
            id: `r-${upload.name}`,
            replica: options.replica ?? 'deepgram-billing-0',
            bytes: upload.size,
            fileName: upload.name,
          }),
          duplicate: false,
        },
      ],
    };
  }

  async listArtifacts(ref: string | CompoundEntityRef) {
    const entityRef = refOf(ref);
    const answer: ArtifactListResponse = {
      entityRef,
      registeredAt: '2026-11-26T10:00:00.000Z',
      items: [
        { name: 'values.yaml', bytes: 2_140, sha256: 'a'.repeat(64) },
        { name: 'RUNBOOK.md', bytes: 6_020, sha256: 'b'.repeat(64) },
      ],
    };
    return answer;
  }

  async downloadArtifact(_ref: string | CompoundEntityRef, name: string) {
    return file(`# ${name} of the dev app\n`, name);
  }

  async downloadArtifactArchive() {
    return {
      content: new Blob([new Uint8Array([0x1f, 0x8b])]),
      fileName: 'acme-prod-onboarding.tar.gz',
    };
  }

  async getUpgradePlan() {
    return { plan: upgradePlan() };
  }

  async getUpgradePlanFiles() {
    return { plan: upgradePlan(), files: [] };
  }

  async downloadUpgradePlanArchive() {
    return {
      content: new Blob([new Uint8Array([0x1f, 0x8b])]),
      fileName: 'acme-prod-upgrade.tar.gz',
    };
  }

  async getValues() {
    return { values: this.values };
  }

  async uploadValues(_ref: string | CompoundEntityRef, document: string) {
    this.values = valuesObservation({
      document,
      source: 'upload',
      recordedAt: new Date().toISOString(),
    });
    return { values: this.values };
  }

  async listBundles() {
    return { items: this.bundles };
  }

  async handOutBundle(
    ref: string | CompoundEntityRef,
    options: HandOutBundleOptions = {},
  ) {
    const bundle = bundleObservation({
      id: String(this.bundles.length).padStart(64, '0'),
      target: options.target ?? '0.42.0',
      deliveredAt: new Date().toISOString(),
    });
    this.bundles = [bundle, ...this.bundles];
    return {
      bundle,
      manifest: {
        apiVersion: 'fleetdeck.io/v1alpha1' as const,
        kind: 'UpdateBundle' as const,
        metadata: { deployment: refOf(ref), createdAt: bundle.deliveredAt },
        spec: {
          chart: {
            name: 'deepgram-self-hosted',
            version: bundle.target,
            file: `charts/deepgram-self-hosted-${bundle.target}.tgz`,
          },
          from: bundle.from,
          images: [],
          sboms: [],
          releaseNotes: 'RELEASE-NOTES.md',
        },
      },
      files: [],
    };
  }

  async downloadBundleKit(_ref: string | CompoundEntityRef, id: string) {
    return {
      content: new Blob([new Uint8Array([0x1f, 0x8b])]),
      fileName: `bundle-${id.slice(0, 12)}-kit.tar.gz`,
    };
  }

  async uploadBundleVerification() {
    const [latest, ...rest] = this.bundles;
    const bundle: BundleObservation = {
      ...latest,
      verification: 'verified',
      verifiedAt: new Date().toISOString(),
    };
    this.bundles = [bundle, ...rest];
    return { bundle };
  }

  async listBackups() {
    return { items: [backupObservation(9)] };
  }
}
