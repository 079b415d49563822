import type { UpgradePlan } from '@fleetdeck/plugin-fleet-common';
import type * as Pending from '../upgrades/__pending__';

/*
 * Test stand-ins for the fleet-common functions of issue 13 that are not on main yet (see
 * src/upgrades/__pending__.ts), keeping only the contract the backend relies on: a plan is
 * for the deployment and target asked, and its files include the collector passed in. Tests
 * use them through `jest.mock('./__pending__', …)` for each function fleet-common does not
 * export yet; once main has them, this file and those mocks go.
 */

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
};
