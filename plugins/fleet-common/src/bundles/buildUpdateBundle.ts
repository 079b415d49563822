import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CustomerDeploymentEntity } from '../kinds/CustomerDeployment';
import { FLEET_API_VERSION } from '../kinds/constants';
import { compareChartVersions, normalizeVersion } from '../releases';
import type { ChartRelease, ReleasePolicy } from '../releases/types';
import { describeSecretLike } from '../secrets';
import type { PlanFile } from '../upgrades/types';
import {
  HEX_SHA256,
  IMAGE_DIGEST,
  SAFE_NAME_RULE,
  isImageRepository,
  isSafeName,
} from './bundleNames';
import { MANIFEST_FILE, SUMS_FILE } from './bundleFiles';
import { renderAssembleBundle } from './renderAssembleBundle';
import { renderBundleReleaseNotes } from './renderBundleReleaseNotes';
import { renderVerifyBundle } from './renderVerifyBundle';
import { selectBundleImages } from './selectBundleImages';
import { sha256Hex } from './sha256';
import { UPDATE_BUNDLE_KIND, type UpdateBundleManifest } from './types';

const RELEASE_NOTES_FILE = 'RELEASE-NOTES.md';

/** An https URL without quotes, spaces or shell characters: safe as a default in a script. */
const HTTPS_URL =
  /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~%/-]*)?$/;

/**
 * The options of {@link buildUpdateBundle}.
 *
 * @public
 */
export interface BuildUpdateBundleOptions {
  /** The air-gapped deployment the bundle is for; its chart name names the archive. */
  entity: CustomerDeploymentEntity;
  /** The chart version installed now (usually `entity.spec.chart.version`). */
  from: string;
  /** The target release, from the Helm index. */
  release: ChartRelease;
  /** The release policy: the images a release runs and their digests. */
  policy?: ReleasePolicy;
  /** The deployment's Helm values (YAML), for the images' `when` keys; absent: every image. */
  values?: string;
  /** The changes between `from` and the target, as Markdown. */
  releaseNotes: string;
  /** The Helm repository URL `assemble-bundle.sh` pulls the chart from by default. */
  chartRepository?: string;
  /** The bundle's `metadata.createdAt`. */
  now: Date;
}

/**
 * An offline update bundle's kit: its id, its manifest and the files the portal hands out.
 *
 * @public
 */
export interface UpdateBundle {
  /** The hex sha256 of `MANIFEST.json`'s bytes. */
  id: string;
  manifest: UpdateBundleManifest;
  /**
   * `MANIFEST.json`, `RELEASE-NOTES.md`, `SHA256SUMS` (the chart by its index digest, the
   * manifest and the notes), `assemble-bundle.sh` (the vendor's side: fetches the chart,
   * images and SBOMs and appends their sums) and `verify-bundle.sh` (the customer's side).
   */
  files: PlanFile[];
}

function fail(field: string, message: string): never {
  throw new Error(`${field}: ${message}`);
}

function checkName(field: string, value: unknown): string {
  // The secret check first: a message never shows a secret-looking value.
  if (typeof value === 'string' && describeSecretLike(value)) {
    fail(field, 'looks like a secret value (not shown); it names a file');
  }
  if (!isSafeName(value)) {
    fail(
      field,
      `must be ${SAFE_NAME_RULE}, since it names files of the bundle; got ${JSON.stringify(
        value,
      )?.slice(0, 60)}`,
    );
  }
  return value;
}

function checkNotes(notes: string): void {
  notes.split('\n').forEach((line, index) => {
    const kind = describeSecretLike(line);
    if (kind) {
      fail(
        'releaseNotes',
        `line ${
          index + 1
        } looks like ${kind} (not shown); release notes go to customers — remove it from the CHANGELOG text`,
      );
    }
  });
}

/** `<hex>  <path>`: `sha256sum`'s text format, which `sha256sum -c` reads. */
const sumLine = (hex: string, path: string) => `${hex}  ${path}\n`;

/**
 * Builds the offline update bundle for an air-gapped deployment and a target release: the
 * manifest (chart archive with the Helm index's digest; every image the release runs in this
 * deployment, tagged with the release's `appVersion` and pinned by digest where the policy
 * knows it; an SBOM per image; the release notes), `SHA256SUMS`, and the scripts that fill
 * the bundle on the vendor's side and check it on the customer's. Pure: the same options give
 * the same bytes, so the id is stable.
 *
 * @throws Error naming the option and what to fix, when a name would be unsafe in a path or a
 *   script, the target is not newer than `from`, or a text looks like a secret.
 * @public
 */
export function buildUpdateBundle(
  options: BuildUpdateBundleOptions,
): UpdateBundle {
  const { entity, from, release, policy, now } = options;
  const chartName = checkName('entity.spec.chart.name', entity.spec.chart.name);
  if (policy && policy.chart !== chartName) {
    fail(
      'policy.chart',
      `is ${JSON.stringify(
        policy.chart,
      )}, not the deployment's chart ${chartName}; pass the policy of ${chartName}`,
    );
  }
  const version = checkName('release.version', release.version);
  checkName('from', from);
  if (!normalizeVersion(from) || !normalizeVersion(version)) {
    fail('from', `and release.version must be chart versions (semver)`);
  }
  if (compareChartVersions(from, version) >= 0) {
    fail(
      'release.version',
      `${version} is not newer than the installed ${from}; a bundle carries an upgrade`,
    );
  }
  if (release.appVersion === undefined) {
    fail(
      'release.appVersion',
      "is required: it is the images' tag (release-YYMMDD); take the release from the Helm index",
    );
  }
  const tag = checkName('release.appVersion', release.appVersion);
  if (release.digest !== undefined && !HEX_SHA256.test(release.digest)) {
    fail(
      'release.digest',
      "must be the Helm index's hex sha256 of the chart archive (64 lowercase hex digits)",
    );
  }
  if (
    options.chartRepository !== undefined &&
    !HTTPS_URL.test(options.chartRepository)
  ) {
    fail(
      'chartRepository',
      'must be an https URL of a Helm repository, without quotes, spaces or query',
    );
  }
  if (Number.isNaN(now.getTime())) {
    fail('now', 'must be a valid date');
  }
  checkNotes(options.releaseNotes);

  const selection = selectBundleImages({
    policy,
    version,
    values: options.values,
  });
  const seen = new Set<string>();
  const images = selection.images.map(image => {
    const where = `policy.images[${image.index}]`;
    const component = checkName(`${where}.component`, image.component);
    if (seen.has(component)) {
      fail(
        where,
        `repeats the component ${component} for ${version}; give each component one image`,
      );
    }
    seen.add(component);
    if (
      !isImageRepository(image.repository) ||
      describeSecretLike(image.repository)
    ) {
      fail(
        `${where}.repository`,
        'must be an image repository such as quay.io/deepgram/self-hosted-engine (registry host, then lowercase path components)',
      );
    }
    if (image.digest !== undefined && !IMAGE_DIGEST.test(image.digest)) {
      fail(
        `policy.imageDigests (${version}, ${image.repository})`,
        'must be sha256: and 64 lowercase hex digits',
      );
    }
    return {
      component,
      repository: image.repository,
      tag,
      ...(image.digest && { digest: image.digest }),
      file: `images/${component}-${tag}.tar`,
    };
  });

  const manifest: UpdateBundleManifest = {
    apiVersion: FLEET_API_VERSION,
    kind: UPDATE_BUNDLE_KIND,
    metadata: {
      deployment: stringifyEntityRef(entity),
      createdAt: now.toISOString(),
    },
    spec: {
      chart: {
        name: chartName,
        version,
        file: `charts/${chartName}-${version}.tgz`,
        ...(release.digest && { digest: release.digest }),
      },
      from,
      images,
      sboms: images.map(
        image => `sboms/${image.component}-${image.tag}.spdx.json`,
      ),
      releaseNotes: RELEASE_NOTES_FILE,
    },
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const id = sha256Hex(manifestText);
  const notes = renderBundleReleaseNotes({
    manifest,
    notes: options.releaseNotes,
    valuesKnown: selection.valuesKnown,
  });
  const portalSums = [
    ...(release.digest
      ? [sumLine(release.digest, manifest.spec.chart.file)]
      : []),
    sumLine(id, MANIFEST_FILE),
    sumLine(sha256Hex(notes), RELEASE_NOTES_FILE),
  ].join('');

  return {
    id,
    manifest,
    files: [
      { path: MANIFEST_FILE, content: manifestText },
      { path: RELEASE_NOTES_FILE, content: notes },
      { path: SUMS_FILE, content: portalSums },
      {
        path: 'assemble-bundle.sh',
        content: renderAssembleBundle({
          id,
          manifest,
          portalSums,
          chartRepository: options.chartRepository,
        }),
        mode: 0o755,
      },
      {
        path: 'verify-bundle.sh',
        content: renderVerifyBundle({ id, manifest }),
        mode: 0o755,
      },
    ],
  };
}
