/**
 * The `kind` of an offline update bundle's `MANIFEST.json`.
 *
 * @public
 */
export const UPDATE_BUNDLE_KIND = 'UpdateBundle';

/**
 * What an offline update bundle for an air-gapped deployment holds: the chart archive, every
 * image the release runs, their SBOMs and the release notes, each file checked by `SHA256SUMS`.
 *
 * @public
 */
export interface UpdateBundleManifest {
  apiVersion: 'fleetdeck.io/v1alpha1';
  kind: typeof UPDATE_BUNDLE_KIND;
  metadata: {
    /** The deployment's entity ref. */
    deployment: string;
    createdAt: string;
  };
  spec: {
    chart: {
      name: string;
      version: string;
      /** The file in the bundle, `charts/<name>-<version>.tgz`. */
      file: string;
      /** The Helm index's `digest` of the archive (hex sha256). */
      digest?: string;
    };
    from: string;
    images: Array<{
      component: string;
      repository: string;
      tag: string;
      /** `sha256:…`, where the policy knows it. */
      digest?: string;
      /** The file in the bundle, `images/<component>-<tag>.tar` (`docker save` / `skopeo copy`). */
      file: string;
    }>;
    /** SBOM files, one per image: `sboms/<component>-<tag>.spdx.json`. */
    sboms: string[];
    /** `RELEASE-NOTES.md`: the changes between `from` and the chart version. */
    releaseNotes: string;
  };
}

/**
 * What `verify-bundle.sh` reports about a bundle on the customer's side: written as
 * `bundle-verification.json`, picked up from the inbox or uploaded.
 *
 * @public
 */
export interface BundleVerification {
  apiVersion: 'fleetdeck.io/v1alpha1';
  kind: 'BundleVerification';
  spec: {
    /** The bundle's id: the hex sha256 of its `MANIFEST.json`. */
    manifestSha256: string;
    /** The hex sha256 of the `SHA256SUMS` file checked against, binding the result to it. */
    sumsSha256: string;
    result: 'verified' | 'failed';
    /** Files missing or with another checksum. */
    failed: string[];
    /** How many files were checked. */
    checked: number;
    checkedAt: string;
  };
}

/**
 * What a backup job writes beside its dump: `<component>-<stamp>.manifest.json`.
 *
 * @public
 */
export interface BackupManifest {
  apiVersion: 'fleetdeck.io/v1alpha1';
  kind: 'BackupManifest';
  spec: {
    /** The deployment's `spec.databases[].name`. */
    component: string;
    database: string;
    takenAt: string;
    bytes: number;
    /** hex sha256 of the dump. */
    sha256: string;
    retentionDays: number;
    /** The dump's file name beside the manifest. */
    file: string;
  };
}
