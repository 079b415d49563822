import type { PlanFile, UpgradePlan } from '@fleetdeck/plugin-fleet-common';

/** How many lines of UPGRADE.md the summary quotes: its title and overview. */
const UPGRADE_MD_LINES = 15;

/** `0.40.2 → 0.41.1 (required on the way; migrates the database)`, one per step. */
export function describeSteps(plan: UpgradePlan): string[] {
  return plan.steps.map(step => {
    const notes = [
      ...(step.reason === 'required-intermediate'
        ? ['required on the way']
        : []),
      ...(step.migratesDatabase
        ? ['migrates the database: a backup first']
        : []),
    ];
    return `${step.from} → ${step.to}${
      notes.length > 0 ? ` (${notes.join('; ')})` : ''
    }`;
  });
}

/**
 * The plan in a few lines of markdown, for the template's output: the path, the releases
 * skipped, and the opening of `UPGRADE.md`.
 */
export function summarizeUpgradePlan(
  plan: UpgradePlan,
  files: PlanFile[],
): string {
  const steps = describeSteps(plan);
  const head =
    steps.length === 0
      ? [
          `**${plan.deployment}** is at ${plan.target} already: nothing to upgrade.`,
        ]
      : [
          `**${plan.deployment}**: ${plan.from} → ${plan.target} in ${
            steps.length
          } step${steps.length === 1 ? '' : 's'}.`,
          '',
          ...steps.map((s, i) => `${i + 1}. ${s}`),
        ];
  const skipped =
    plan.skipped.length > 0
      ? [
          '',
          `Skipped: ${plan.skipped
            .map(s => `${s.version} (${s.reason})`)
            .join(', ')}.`,
        ]
      : [];
  const upgradeMd = files.find(f => f.path === 'UPGRADE.md');
  const opening = upgradeMd
    ? [
        '',
        '---',
        '',
        ...upgradeMd.content.split('\n').slice(0, UPGRADE_MD_LINES),
      ]
    : [];
  return [...head, ...skipped, ...opening].join('\n').trimEnd();
}
