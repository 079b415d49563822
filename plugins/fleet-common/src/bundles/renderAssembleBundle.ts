import type { UpdateBundleManifest } from './types';

/**
 * Renders `assemble-bundle.sh`: run by the vendor on a connected machine, in the folder where
 * the portal's kit was saved. It pulls the chart with `helm pull` and checks it against the
 * Helm index's digest, copies each image with `skopeo copy` (by digest where the policy pins
 * one) into a docker-archive, takes each SBOM from `SBOM_DIR` or generates it with `syft`, and
 * appends each file's sum to `SHA256SUMS`. It starts `SHA256SUMS` afresh from the portal's
 * lines, so a second run does not list a file twice. A missing SBOM leaves the bundle
 * incomplete: the script says which and exits non-zero, since `verify-bundle.sh` would refuse
 * the bundle on site.
 *
 * Every value written into the script has passed the bundle's name checks, so single quotes
 * hold them.
 */
export function renderAssembleBundle(options: {
  id: string;
  manifest: UpdateBundleManifest;
  /** The lines of `SHA256SUMS` the portal wrote (the chart by its index digest, the kit). */
  portalSums: string;
  /** The Helm repository URL to pull the chart from; `CHART_REPO` overrides it. */
  chartRepository?: string;
}): string {
  const { id, manifest, portalSums, chartRepository } = options;
  const { chart, images, sboms } = manifest.spec;
  const imageLines = images
    .map(
      image =>
        `copy_image '${image.file}' '${image.repository}' '${image.tag}' '${
          image.digest ?? ''
        }'`,
    )
    .join('\n');
  const sbomLines = images
    .map((image, index) => `take_sbom '${sboms[index]}' '${image.file}'`)
    .join('\n');
  return `#!/bin/sh
# Assembles the offline update bundle for ${manifest.metadata.deployment}:
# ${chart.name} ${manifest.spec.from} -> ${chart.version}, bundle ${id}.
# Run by the vendor on a connected machine with helm and skopeo (syft for SBOMs), in the
# folder holding the portal's MANIFEST.json, SHA256SUMS and RELEASE-NOTES.md. Usage:
#   sh assemble-bundle.sh [bundle folder]    (default: the folder holding this script)
#   CHART_REPO=<Helm repository URL>         the repository to pull the chart from
#   SBOM_DIR=<folder>                        the vendor's SBOMs, named as in MANIFEST.json
# Then hand over the folder, and verify-bundle.sh, as one unit.
set -eu

cd "\${1:-$(dirname "$0")}"
CHART_REPO="\${CHART_REPO:-${chartRepository ?? ''}}"
CHART_NAME='${chart.name}'
CHART_VERSION='${chart.version}'
CHART_FILE='${chart.file}'
CHART_DIGEST='${chart.digest ?? ''}'

if [ -z "$CHART_REPO" ]; then
  echo "set CHART_REPO to the Helm repository URL of $CHART_NAME" >&2
  exit 2
fi
for tool in helm skopeo sha256sum; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is needed on this machine to assemble the bundle" >&2
    exit 2
  fi
done
mkdir -p charts images sboms

# The portal's lines; the files fetched below are appended.
cat > SHA256SUMS <<'SUMS'
${portalSums.trimEnd()}
SUMS

rm -f "$CHART_FILE"
helm pull "$CHART_NAME" --repo "$CHART_REPO" --version "$CHART_VERSION" --destination charts
if [ -n "$CHART_DIGEST" ]; then
  if ! printf '%s  %s\\n' "$CHART_DIGEST" "$CHART_FILE" | sha256sum -c - >/dev/null 2>&1; then
    echo "$CHART_FILE: its sha256 is not the digest the Helm index gives ($CHART_DIGEST); pull it again from the vendor's repository" >&2
    exit 1
  fi
else
  sha256sum "$CHART_FILE" >> SHA256SUMS
fi

# file repository tag digest: by digest where it is known, so the archive is that image.
copy_image() {
  if [ -n "$4" ]; then
    source="docker://$2@$4"
  else
    source="docker://$2:$3"
    echo "note: $2:$3 is copied by tag; the release policy pins no digest for it" >&2
  fi
  rm -f "$1"
  skopeo copy "$source" "docker-archive:$1:$2:$3"
  sha256sum "$1" >> SHA256SUMS
}

missing_sboms=0
# file image-archive: the vendor's SBOM where given, else one syft generates from the archive.
take_sbom() {
  name=$(basename "$1")
  if [ -n "\${SBOM_DIR:-}" ] && [ -f "$SBOM_DIR/$name" ]; then
    cp "$SBOM_DIR/$name" "$1"
  elif command -v syft >/dev/null 2>&1; then
    syft scan "docker-archive:$2" -o "spdx-json=$1"
  else
    echo "note: no SBOM for $2: put $name in SBOM_DIR or install syft, then run again" >&2
    missing_sboms=$((missing_sboms + 1))
    return 0
  fi
  sha256sum "$1" >> SHA256SUMS
}

${imageLines}
${sbomLines}

if [ "$missing_sboms" -ne 0 ]; then
  echo "bundle incomplete: $missing_sboms SBOMs missing (verify-bundle.sh would refuse it)" >&2
  exit 1
fi
echo "bundle assembled; check it with: sh verify-bundle.sh" >&2
`;
}
