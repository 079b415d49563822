import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  buildUpdateBundle,
  compareChartVersions,
  describeSpan,
  isSameChartVersion,
  releaseNotesBetween,
  validateBundleVerification,
  type BundleHandoutResponse,
  type BundleListResponse,
  type BundleObservation,
  type CustomerDeploymentEntity,
  type PlanFile,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetStore } from '../database/FleetStore';
import { isAheadOfClock } from '../reports/clockSkew';
import { refreshAfterWrite } from '../service/refreshAfterWrite';
import type { ReleaseService } from '../service/releases/ReleaseService';
import { requireDeployment } from '../service/requireDeployment';
import type { DeploymentLookup, StatusRefresh } from '../service/seams';
import type { ValuesStore } from '../values/ValuesStore';
import type { BundleStore } from './BundleStore';

/** The bundles the observations keep (and the API lists), newest first. */
export const MAX_OBSERVED_BUNDLES = 20;

const MANIFEST_FILE = 'MANIFEST.json';

/** A bundle's id: the hex sha256 of its `MANIFEST.json`. */
const BUNDLE_ID = /^[0-9a-f]{64}$/;

/** The observed bundles with `bundle` in its place: newest first, at most {@link MAX_OBSERVED_BUNDLES}. */
function withBundle(
  current: BundleObservation[] | undefined,
  bundle: BundleObservation,
): BundleObservation[] {
  return [...(current ?? []).filter(b => b.id !== bundle.id), bundle]
    .sort(
      (a, b) =>
        Date.parse(b.deliveredAt) - Date.parse(a.deliveredAt) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, MAX_OBSERVED_BUNDLES);
}

/** The chart version a deployment runs: what was last reported, else what its entity says. */
export function installedVersion(
  entity: CustomerDeploymentEntity,
  reported: string | undefined,
): string {
  return reported ?? entity.spec.chart.version;
}

/**
 * Offline update bundles for air-gapped deployments: hands them out (the manifest, its
 * `SHA256SUMS` and the customer's scripts, recorded with who and when), serves their kit again,
 * and takes the result of `verify-bundle.sh`, so that upgrade readiness knows the bundle
 * arrived intact. Each write is merged into the deployment's observations (`bundles`).
 */
export class BundleService {
  constructor(
    private readonly options: {
      store: BundleStore;
      values: ValuesStore;
      observations: Pick<FleetStore, 'setObservations' | 'getObservations'>;
      releases: ReleaseService;
      deployments: DeploymentLookup;
      statuses: StatusRefresh;
      logger: LoggerService;
      /** How far `checkedAt` may be ahead of the portal's clock (`fleet.reports.maxClockSkew`). */
      maxClockSkewMs: number;
      /** The Helm repository the vendor's `assemble-bundle.sh` pulls the chart from. */
      chartRepository?: string;
      now?: () => Date;
    },
  ) {}

  async list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<BundleListResponse> {
    await requireDeployment(this.options.deployments, entityRef, credentials);
    // What readiness judges: the observations hold the newest bundles as the table does (each
    // write merges there), and also those a seeder or an earlier portal recorded.
    const observed = await this.options.observations.getObservations([
      entityRef,
    ]);
    return { items: observed.get(entityRef)?.bundles ?? [] };
  }

  /**
   * Hands out a bundle from the installed version to `target` (default: the newest release).
   * `InputError` for a deployment that is not air-gapped (it pulls from the registry) and for
   * a target that is unknown, or not newer than what is installed.
   */
  async handOut(
    entityRef: string,
    body: { target?: string },
    credentials: BackstageCredentials,
    deliveredBy: string,
  ): Promise<BundleHandoutResponse> {
    const { deployments, releases, store, values, observations } = this.options;
    const entity = await requireDeployment(deployments, entityRef, credentials);
    if (entity.spec.profile !== 'airgapped') {
      throw new InputError(
        `${entityRef} is a ${entity.spec.profile} deployment: it pulls charts and images from the registry, so it needs no offline update bundle; upgrade it with the plan's helm upgrade`,
      );
    }
    const observed = (await observations.getObservations([entityRef])).get(
      entityRef,
    );
    const from = installedVersion(entity, observed?.reported?.chartVersion);
    const chart = entity.spec.chart.name;
    const available = releases.getIndex()[chart] ?? [];
    const newer = available.filter(
      r => compareChartVersions(r.version, from) > 0,
    );
    const release = body.target
      ? available.find(r => isSameChartVersion(r.version, body.target!))
      : newer[0];
    if (!release) {
      throw new InputError(
        body.target
          ? `Unknown target "${body.target}" for chart ${chart}; available: ${
              available.map(r => r.version).join(', ') || 'none'
            }`
          : `${entityRef} runs ${chart} ${from}, the newest release known; there is nothing to bundle`,
      );
    }
    if (compareChartVersions(release.version, from) <= 0) {
      throw new InputError(
        `Target ${
          release.version
        } is not newer than ${from}, which ${entityRef} runs; choose one of ${
          newer.map(r => r.version).join(', ') ||
          'the newer releases (there are none)'
        }`,
      );
    }
    const changelog = releases.getChangelog();
    const now = this.options.now?.() ?? new Date();
    const built = buildUpdateBundle({
      entity,
      from,
      release,
      policy: releases.getPolicy(),
      values: (await values.get(entityRef))?.document,
      releaseNotes: changelog
        ? releaseNotesBetween(changelog, from, release.version)
        : '',
      ...(this.options.chartRepository && {
        chartRepository: this.options.chartRepository,
      }),
      now,
    });
    const manifestFile = built.files.find(f => f.path === MANIFEST_FILE);
    const manifest = manifestFile?.content ?? JSON.stringify(built.manifest);
    const bundle = await store.record(entityRef, {
      bundle: {
        id: built.id,
        from,
        target: release.version,
        deliveredAt: now.toISOString(),
        deliveredBy,
      },
      manifest,
      files: built.files,
    });
    await this.observe(entityRef, bundle);
    this.options.logger.info(
      `Update bundle ${bundle.id} (${from} → ${release.version}) handed out for ${entityRef} to ${deliveredBy}`,
    );
    await refreshAfterWrite(
      this.options.statuses,
      this.options.logger,
      entityRef,
      'Update bundle',
    );
    return { bundle, manifest: built.manifest, files: built.files };
  }

  /** A bundle's kit as handed out; 404 for an id that is not one of the deployment's bundles. */
  async kit(
    entityRef: string,
    id: string,
    credentials: BackstageCredentials,
  ): Promise<PlanFile[]> {
    await requireDeployment(this.options.deployments, entityRef, credentials);
    // Not echoed unless it has a bundle id's shape: a path segment may be anything.
    const stored = BUNDLE_ID.test(id)
      ? await this.options.store.get(entityRef, id)
      : undefined;
    if (!stored) {
      throw new NotFoundError(
        `${entityRef} has no update bundle ${
          BUNDLE_ID.test(id) ? id : 'of that id'
        }; a bundle's id is the sha256 of its MANIFEST.json (GET …/bundles lists them)`,
      );
    }
    return stored.files;
  }

  /**
   * Takes what `verify-bundle.sh` wrote (`BundleVerification`). `InputError` when it is not
   * one or is dated ahead of the clock; `NotFoundError` when its `manifestSha256` is not a
   * bundle of this deployment. (Its `sumsSha256` is not compared with the kit's: on the
   * vendor's side `assemble-bundle.sh` appends the images' and SBOMs' sums to `SHA256SUMS`;
   * the script itself checks that `MANIFEST.json` is the one handed out.)
   */
  async acceptVerification(
    entityRef: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<BundleObservation> {
    const { deployments, store, statuses, logger } = this.options;
    await requireDeployment(deployments, entityRef, credentials);
    let verification;
    try {
      verification = validateBundleVerification(body);
    } catch (error) {
      throw new InputError(
        `Invalid bundle verification: ${(error as Error).message}`,
      );
    }
    const { spec } = verification;
    const stored = await store.get(entityRef, spec.manifestSha256);
    if (!stored) {
      throw new NotFoundError(
        `${entityRef} has no update bundle ${spec.manifestSha256}; send the bundle-verification.json of a bundle handed out for this deployment`,
      );
    }
    const now = this.options.now?.() ?? new Date();
    if (isAheadOfClock(spec.checkedAt, now, this.options.maxClockSkewMs)) {
      throw new InputError(
        `Invalid bundle verification: checkedAt ${
          spec.checkedAt
        } is ${describeSpan(
          Date.parse(spec.checkedAt) - now.getTime(),
        )} ahead of the portal's clock (${now.toISOString()}); check the clock of the machine that ran verify-bundle.sh`,
      );
    }
    const bundle = await store.recordVerification(
      entityRef,
      spec.manifestSha256,
      {
        verifiedAt: new Date(spec.checkedAt).toISOString(),
        verification: spec.result,
        failedFiles: spec.failed,
      },
    );
    if (!bundle) {
      throw new NotFoundError(
        `${entityRef} has no update bundle ${spec.manifestSha256}`,
      );
    }
    await this.observe(entityRef, bundle);
    logger.info(
      `Update bundle ${bundle.id} of ${entityRef}: ${spec.result} (${
        spec.checked
      } files checked${
        spec.failed.length ? `, ${spec.failed.length} failed` : ''
      })`,
    );
    await refreshAfterWrite(statuses, logger, entityRef, 'Bundle verification');
    return bundle;
  }

  /** Merges the bundle's record into the observations, under their row lock. */
  private async observe(entityRef: string, bundle: BundleObservation) {
    await this.options.observations.setObservations(entityRef, current => ({
      bundles: withBundle(current.bundles, bundle),
    }));
  }
}
