import type { UpdateBundleManifest } from './types';

/** The name of a bundle's manifest file; its sha256 is the bundle's id. */
export const MANIFEST_FILE = 'MANIFEST.json';

/** The name of a bundle's checksum file, in `sha256sum` format. */
export const SUMS_FILE = 'SHA256SUMS';

/**
 * Every file a bundle's manifest names, in a stable order: the manifest, the release notes,
 * the chart archive, then each image archive and SBOM.
 */
export function bundleFilesOf(manifest: UpdateBundleManifest): string[] {
  return [
    MANIFEST_FILE,
    manifest.spec.releaseNotes,
    manifest.spec.chart.file,
    ...manifest.spec.images.map(image => image.file),
    ...manifest.spec.sboms,
  ];
}
