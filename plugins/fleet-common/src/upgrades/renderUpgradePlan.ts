import type { CustomerDeploymentEntity } from '../kinds';
import type { UpgradeCheck } from '../status/types';
import type {
  AppliedValuesChange,
  PlanFile,
  UpgradePlan,
  UpgradeStep,
} from './types';
import { stepValuesFile } from './upgradeCommands';
import { unifiedValuesDiff } from './valuesDiff';

/**
 * What {@link renderUpgradePlan} renders besides the plan.
 *
 * @public
 */
export interface RenderUpgradePlanOptions {
  entity: CustomerDeploymentEntity;
  /** The values document the plan started from, for the first step's diff. */
  startValues?: string;
  /** `RELEASE-NOTES.md`, e.g. from `releaseNotesBetween`. */
  releaseNotes?: string;
  /** The status collector to run before and after each step, e.g. `collect-status.sh`. */
  collector?: PlanFile;
}

/** One file name segment: letters, digits, `.`, `_`, `-`, not starting with a dot. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function checkPath(path: string): string {
  const segments = path.split('/');
  if (
    segments.length > 4 ||
    !segments.every(s => SAFE_SEGMENT.test(s) && !s.includes('..'))
  ) {
    throw new Error(
      `the plan file name ${JSON.stringify(
        path,
      )} is not safe: use letters, digits, ".", "_" and "-" in at most four "/"-separated parts`,
    );
  }
  return path;
}

/** A table cell: one line, `|` escaped. */
const cell = (text: string | undefined) =>
  (text ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

const fence = (lang: string, lines: string[]) => [
  `\`\`\`${lang}`,
  ...lines,
  '```',
];

const OUTCOME_WORDS: Record<UpgradeCheck['outcome'], string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  unknown: '❔ unknown',
};

const REASON_WORDS: Record<UpgradeStep['reason'], string> = {
  'required-intermediate': 'a required intermediate release',
  target: 'the target',
};

function describeChange(change: AppliedValuesChange): string {
  switch (change.kind) {
    case 'renamed':
      return change.action
        ? `to rename by hand to ${code(change.movedTo ?? '')}`
        : `renamed to ${code(change.movedTo ?? '')}`;
    case 'removed':
      return change.action ? 'to remove by hand' : 'removed';
    case 'required':
      return 'required, not set: **set it yourself**';
    default:
      return 'conflict: **decide yourself**';
  }
}

function valuesSection(
  step: UpgradeStep,
  before: string | undefined,
  beforeName: string,
): string[] {
  const lines = ['### Values', ''];
  if (!step.valuesChanges.length) {
    lines.push(
      step.values
        ? `No values key changes in this step; ${code(
            stepValuesFile(step.to),
          )} is the values file to install with.`
        : 'No values key changes for the keys on record in this step.',
      '',
    );
  } else {
    lines.push(
      '| key | change | since | what to do | why |',
      '| --- | --- | --- | --- | --- |',
      ...step.valuesChanges.map(
        change =>
          `| ${code(change.key)} | ${describeChange(change)} | ${
            change.since
          } | ${cell(
            change.action ?? 'applied in the values file below',
          )} | ${cell(change.note)} |`,
      ),
      '',
    );
  }
  if (step.values === undefined) {
    lines.push(
      'No values document is on record for this deployment, so the changes above are for you to make in your own `values.yaml`; upload it on the deployment’s page to get migrated files next time.',
      '',
    );
    return lines;
  }
  const diff =
    before === undefined
      ? ''
      : unifiedValuesDiff({
          before,
          after: step.values,
          beforeName,
          afterName: stepValuesFile(step.to),
        });
  if (diff) {
    lines.push(...fence('diff', diff.split('\n')), '');
  }
  return lines;
}

function checksSection(step: UpgradeStep): string[] {
  return [
    '### Checks',
    '',
    '| check | outcome | finding | fix |',
    '| --- | --- | --- | --- |',
    ...step.checks.map(
      check =>
        `| ${cell(check.title)} | ${OUTCOME_WORDS[check.outcome]} | ${cell(
          check.message,
        )} | ${cell(check.fix)} |`,
    ),
    '',
  ];
}

function gpuSection(step: UpgradeStep): string[] {
  if (!step.gpuChanges.length) {
    return [];
  }
  return [
    '### GPU changes',
    '',
    ...step.gpuChanges.map(
      change =>
        `- ${code(change.component)} asks for ${change.gpusPerPod} GPU${
          change.gpusPerPod === 1 ? '' : 's'
        } per pod from ${change.since}${change.note ? `: ${change.note}` : ''}`,
    ),
    '',
  ];
}

function stepSection(
  step: UpgradeStep,
  index: number,
  before: string | undefined,
  beforeName: string,
): string[] {
  const { commands } = step;
  return [
    `## Step ${index + 1}: ${step.from} → ${step.to}`,
    '',
    `Why: ${step.to} is ${REASON_WORDS[step.reason]}${
      step.release.appVersion
        ? ` (images ${code(step.release.appVersion)})`
        : ''
    }.${
      step.migratesDatabase
        ? ' **This release migrates the database**: the preflight takes a backup and the rollback restores it.'
        : ''
    }`,
    '',
    ...checksSection(step),
    ...valuesSection(step, before, beforeName),
    ...gpuSection(step),
    '### Preflight',
    '',
    ...fence('sh', commands.preflight),
    '',
    '### Upgrade',
    '',
    ...fence('sh', [commands.upgrade]),
    '',
    '### Verify',
    '',
    ...fence('sh', commands.verify),
    '',
    '### Rollback',
    '',
    `If the verification fails, go back to ${step.from}:`,
    '',
    ...fence('sh', commands.rollback),
    '',
  ];
}

function renderUpgradeMarkdown(
  plan: UpgradePlan,
  options: RenderUpgradePlanOptions,
): string {
  const { entity } = options;
  const { spec } = entity;
  const title = entity.metadata.title ?? entity.metadata.name;
  const head = [
    `# Upgrade ${title}: ${plan.chart} ${plan.from} → ${plan.target}`,
    '',
    `Deployment ${code(plan.deployment)} (${spec.profile}, namespace ${code(
      spec.cluster.namespace,
    )}). Plan generated ${plan.generatedAt} by Fleetdeck.`,
    '',
  ];
  if (!plan.steps.length) {
    return [
      ...head,
      `The deployment already runs ${plan.target}: there is nothing to upgrade.`,
      '',
    ].join('\n');
  }
  const source = {
    onboarding: 'the values the portal generated at onboarding',
    upload: 'the values file uploaded on the deployment’s page',
  };
  const lines = [
    ...head,
    `Values: ${
      plan.valuesSource
        ? `${source[plan.valuesSource]}, migrated step by step into ${code(
            'values/<version>.yaml',
          )}`
        : 'none on record; each step lists the changes to make by hand'
    }.`,
    '',
    '## Path',
    '',
    '| step | from | to | why | database |',
    '| --- | --- | --- | --- | --- |',
    ...plan.steps.map(
      (step, i) =>
        `| ${i + 1} | ${step.from} | ${step.to} | ${
          REASON_WORDS[step.reason]
        } | ${step.migratesDatabase ? 'migrates: backup first' : '—'} |`,
    ),
    '',
  ];
  if (plan.skipped.length) {
    lines.push(
      'Releases passed over:',
      '',
      ...plan.skipped.map(s => `- ${s.version}: ${s.reason}`),
      '',
    );
  }
  lines.push(
    '## Before you start',
    '',
    `- Run every step from this folder, with ${code('kubectl')} and ${code(
      'helm',
    )} pointed at the deployment's cluster.`,
    `- ${code(
      'collect-status.sh',
    )} writes the cluster's status before and after each step; return the files to the portal (inbox or upload) so readiness sees the new version.`,
    spec.profile === 'airgapped'
      ? '- Air-gapped: each step installs from its update bundle (chart archive and images, loaded into your private registry); `verify-bundle.sh` checks every file against `SHA256SUMS` and downloads nothing.'
      : '- Connected: the chart comes from the Deepgram chart repository, as at onboarding.',
    '- Stop at the first step whose checks fail, and fix what they name first.',
    '',
  );
  let before = options.startValues;
  let beforeName = 'values.yaml (on record)';
  plan.steps.forEach((step, index) => {
    lines.push(...stepSection(step, index, before, beforeName));
    if (step.values !== undefined) {
      before = step.values;
      beforeName = stepValuesFile(step.to);
    }
  });
  return lines.join('\n');
}

/**
 * Renders an upgrade plan as the files an SE hands to the customer: `UPGRADE.md` (the path,
 * then per step why, the checks with their fixes, the values changes as a table and a
 * unified-style diff, the GPU changes, the preflight, upgrade, verify and rollback commands),
 * `values/<version>.yaml` per step when values were on record, `RELEASE-NOTES.md` when given,
 * and the collector as given. The output depends on its inputs only.
 *
 * @throws Error when a file name is not safe (the collector's, or a version that is not one).
 * @public
 */
export function renderUpgradePlan(
  plan: UpgradePlan,
  options: RenderUpgradePlanOptions,
): PlanFile[] {
  const files: PlanFile[] = [
    { path: 'UPGRADE.md', content: renderUpgradeMarkdown(plan, options) },
    ...plan.steps
      .filter(step => step.values !== undefined)
      .map(step => ({
        path: checkPath(stepValuesFile(step.to)),
        content: step.values!,
      })),
  ];
  if (options.releaseNotes !== undefined) {
    files.push({ path: 'RELEASE-NOTES.md', content: options.releaseNotes });
  }
  if (options.collector) {
    files.push({
      ...options.collector,
      path: checkPath(options.collector.path),
    });
  }
  return files;
}
