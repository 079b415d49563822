import { createHash } from 'node:crypto';
import type {
  BackupManifest,
  BundleVerification,
  UpdateBundleManifest,
  UpgradePlan,
} from '@fleetdeck/plugin-fleet-common';
import type * as Pending from '../upgrades/__pending__';

/*
 * Test stand-ins for the fleet-common functions of issue 13 that are not on main yet (see
 * src/upgrades/__pending__.ts), keeping only the contract the backend relies on: a bundle's id
 * is the sha256 of its MANIFEST.json and its kit holds SHA256SUMS; validators throw an Error
 * naming the field; a plan's files include the collector passed in. Tests use them through
 * `jest.mock('../upgrades/__pending__', …)` until main has the real ones; then this file and
 * those mocks go.
 */

const sha256 = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('hex');

const HEX64 = /^[0-9a-f]{64}$/;

function requireSpec(value: unknown, kind: string): Record<string, unknown> {
  const document = value as { kind?: unknown; spec?: unknown } | null;
  if (!document || typeof document !== 'object' || document.kind !== kind) {
    throw new Error(`kind must be ${kind}`);
  }
  if (!document.spec || typeof document.spec !== 'object') {
    throw new Error('spec is required');
  }
  return document.spec as Record<string, unknown>;
}

export const standIns: typeof Pending = {
  planUpgrade: options => {
    const from = options.entity.spec.chart.version;
    const target = options.target ?? options.releases[0]?.version ?? from;
    const plan: UpgradePlan = {
      deployment: `customerdeployment:${
        options.entity.metadata.namespace ?? 'default'
      }/${options.entity.metadata.name}`,
      chart: options.entity.spec.chart.name,
      from,
      target,
      generatedAt: options.now.toISOString(),
      ...(options.observations.values && {
        valuesSource: options.observations.values.source,
      }),
      steps: [],
      skipped: [],
    };
    return plan;
  },
  renderUpgradePlan: (plan, options) => [
    {
      path: 'UPGRADE.md',
      content: `# ${plan.from} → ${plan.target}\n${options.releaseNotes ?? ''}`,
    },
    ...(options.collector ? [options.collector] : []),
  ],
  releaseNotesBetween: (changelog, from, to) =>
    `notes ${from}..${to} of ${changelog.length} chars`,
  buildUpdateBundle: options => {
    const manifest: UpdateBundleManifest = {
      apiVersion: 'fleetdeck.io/v1alpha1',
      kind: 'UpdateBundle',
      metadata: {
        deployment: options.entity.metadata.name,
        createdAt: options.now.toISOString(),
      },
      spec: {
        chart: {
          name: options.entity.spec.chart.name,
          version: options.release.version,
          file: `charts/${options.entity.spec.chart.name}-${options.release.version}.tgz`,
          ...(options.release.digest && { digest: options.release.digest }),
        },
        from: options.from,
        images: [],
        sboms: [],
        releaseNotes: 'RELEASE-NOTES.md',
      },
    };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    const notes = options.releaseNotes;
    const sums = `${sha256(text)}  MANIFEST.json\n${sha256(
      notes,
    )}  RELEASE-NOTES.md\n`;
    return {
      id: sha256(text),
      manifest,
      files: [
        { path: 'MANIFEST.json', content: text },
        { path: 'RELEASE-NOTES.md', content: notes },
        { path: 'SHA256SUMS', content: sums },
        {
          path: 'verify-bundle.sh',
          content: '#!/bin/sh\nsha256sum -c SHA256SUMS\n',
          mode: 0o755,
        },
      ],
    };
  },
  validateBundleVerification: value => {
    const spec = requireSpec(value, 'BundleVerification');
    for (const field of ['manifestSha256', 'sumsSha256'] as const) {
      if (typeof spec[field] !== 'string' || !HEX64.test(spec[field])) {
        throw new Error(`spec.${field} must be 64 hex digits`);
      }
    }
    if (spec.result !== 'verified' && spec.result !== 'failed') {
      throw new Error('spec.result must be verified or failed');
    }
    if (
      typeof spec.checkedAt !== 'string' ||
      isNaN(Date.parse(spec.checkedAt))
    ) {
      throw new Error('spec.checkedAt must be an ISO 8601 time');
    }
    return value as BundleVerification;
  },
  validateBackupManifest: value => {
    const spec = requireSpec(value, 'BackupManifest');
    if (typeof spec.component !== 'string') {
      throw new Error('spec.component is required');
    }
    if (typeof spec.sha256 !== 'string' || !HEX64.test(spec.sha256)) {
      throw new Error('spec.sha256 must be 64 hex digits');
    }
    if (typeof spec.takenAt !== 'string' || isNaN(Date.parse(spec.takenAt))) {
      throw new Error('spec.takenAt must be an ISO 8601 time');
    }
    return value as BackupManifest;
  },
  renderCollectStatus: options =>
    `#!/bin/sh\n# Status report for ${options.deploymentName} in ${options.namespace}\n`,
};
