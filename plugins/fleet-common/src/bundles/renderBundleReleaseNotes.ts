import type { UpdateBundleManifest } from './types';

/**
 * Renders `RELEASE-NOTES.md`: what the bundle carries and the changes between the installed
 * and the target version (`notes`, as the release source wrote them from the CHANGELOG).
 */
export function renderBundleReleaseNotes(options: {
  manifest: UpdateBundleManifest;
  notes: string;
  /** False when the deployment's values were not known, so every image was included. */
  valuesKnown: boolean;
}): string {
  const { manifest, notes, valuesKnown } = options;
  const { chart, from, images } = manifest.spec;
  const imageRows = images.map(
    image =>
      `| ${image.component} | \`${image.repository}:${image.tag}\` | ${
        image.digest ? `\`${image.digest}\`` : 'by tag (no digest pinned)'
      } |`,
  );
  return [
    `# ${chart.name} ${from} → ${chart.version}`,
    '',
    `Offline update bundle for \`${manifest.metadata.deployment}\`, made ${manifest.metadata.createdAt}.`,
    'Check it on site with `sh verify-bundle.sh` before installing anything from it.',
    '',
    '## What the bundle carries',
    '',
    `- Chart: \`${chart.file}\`${
      chart.digest ? ` (sha256 \`${chart.digest}\`, from the Helm index)` : ''
    }`,
    `- Images: ${images.length}, each with its SBOM under \`sboms/\``,
    '',
    ...(images.length > 0
      ? [
          '| component | image | digest |',
          '| --- | --- | --- |',
          ...imageRows,
          '',
        ]
      : []),
    ...(valuesKnown
      ? []
      : [
          "The deployment's values were not on record, so the bundle carries every image the",
          'release can run, including those only some configurations use.',
          '',
        ]),
    '## Changes',
    '',
    notes.trim() === ''
      ? `No release notes were recorded between ${from} and ${chart.version}.`
      : notes.trim(),
    '',
  ].join('\n');
}
