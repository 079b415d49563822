import { plural } from '../../words/plural';
import { defineUpgradeCheck, inRange } from './context';

function matchesKey(key: string, from: string): boolean {
  return (
    key === from || key.startsWith(`${from}.`) || key.startsWith(`${from}[`)
  );
}

/** Values keys on record that the policy's `valuesChanges` remove or rename on the way. */
export const valuesCheck = defineUpgradeCheck({
  id: 'values',
  title: 'Values keys',
  evaluate(ctx) {
    const { observations, policy, current, target, entity } = ctx;
    if (!target) {
      return {
        outcome: 'unknown',
        message: 'no target release to check the values keys against',
      };
    }
    if (!observations.valuesKeys) {
      return {
        outcome: 'unknown',
        message: 'no values file on record for this deployment',
        fix: "record the deployment's Helm values keys (from its values file or a status report)",
      };
    }
    if (!policy) {
      return {
        outcome: 'unknown',
        message: `no release policy for ${entity.spec.chart.name}, so removed and renamed values keys cannot be checked`,
        fix: 'publish a ReleasePolicy next to the chart index',
      };
    }
    const hits = policy.valuesChanges
      .filter(change => inRange(change.since, current, target.version))
      .flatMap(change =>
        observations
          .valuesKeys!.filter(key => matchesKey(key, change.from))
          .map(key => ({ key, change })),
      );
    if (!hits.length) {
      return {
        outcome: 'pass',
        message: `none of the ${plural(
          observations.valuesKeys.length,
          'values key',
        )} on record was removed or renamed between ${current} and ${
          target.version
        }`,
      };
    }
    return {
      outcome: 'fail',
      message: `${target.version} no longer reads ${plural(
        hits.length,
        'values key',
      )} this deployment sets: ${hits
        .map(({ key, change }) => {
          const what = key === change.from ? '' : `${change.from} `;
          return change.to
            ? `${key} (${what}renamed to ${change.to} in ${change.since})`
            : `${key} (${what}removed in ${change.since})`;
        })
        .join(', ')}`,
      fix: `in the values file, ${hits
        .map(({ key, change }) =>
          change.to
            ? `move ${key} to ${change.to}${key.slice(change.from.length)}`
            : `remove ${key}`,
        )
        .join(', ')}`,
    };
  },
});
