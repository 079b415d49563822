import type { RequiredValue } from '../../releases/types';
import { isEnabled, isValueSet, valueAt } from '../../upgrades/valuesDocument';
import { defineUpgradeCheck, type Finding, inRange } from './context';
import { valuesOnRecord } from './valuesOnRecord';

const keysOf = (rule: RequiredValue) => [rule.key, ...(rule.oneOf ?? [])];

function describeKeys(rule: RequiredValue): string {
  const keys = keysOf(rule);
  return keys.length === 1 ? keys[0] : `one of ${keys.join(' / ')}`;
}

/**
 * Values that a release on the way starts to require (policy `requiredValues`) and values
 * that may no longer be enabled together (`exclusiveValues`), for releases in (current,
 * target], judged on the values document on record.
 */
export const requiredValuesCheck = defineUpgradeCheck({
  id: 'required-values',
  title: 'Required values',
  evaluate(ctx) {
    const { policy, current, target, entity } = ctx;
    if (!target) {
      return {
        outcome: 'unknown',
        message: 'no target release to check the required values against',
      };
    }
    if (!policy) {
      return {
        outcome: 'unknown',
        message: `no release policy for ${entity.spec.chart.name}, so values a release starts to require cannot be checked`,
        fix: 'publish a ReleasePolicy next to the chart index',
      };
    }
    const required = (policy.requiredValues ?? []).filter(rule =>
      inRange(rule.since, current, target.version),
    );
    const exclusive = (policy.exclusiveValues ?? []).filter(rule =>
      inRange(rule.since, current, target.version),
    );
    if (!required.length && !exclusive.length) {
      return {
        outcome: 'pass',
        message: `no release between ${current} and ${target.version} starts to require a value or forbids values together`,
      };
    }
    const record = valuesOnRecord(ctx);
    if (record.finding) {
      return record.finding;
    }
    const { values } = record;
    const findings: Finding[] = [];
    for (const rule of required) {
      if (rule.when && !isEnabled(valueAt(values, rule.when))) {
        continue;
      }
      const set = keysOf(rule).some(key =>
        isValueSet(valueAt(values, key), rule.placeholder),
      );
      if (!set) {
        findings.push({
          outcome: 'fail',
          message: `${describeKeys(rule)} must be set from ${rule.since}${
            rule.when ? ` when ${rule.when} is on` : ''
          } (${rule.note})`,
          fix: rule.fix,
        });
      }
    }
    for (const rule of exclusive) {
      const enabled = rule.keys.filter(key => isEnabled(valueAt(values, key)));
      if (enabled.length > 1) {
        findings.push({
          outcome: 'fail',
          message: `${enabled.join(' and ')} are both on, which ${
            rule.since
          } refuses (${rule.note})`,
          fix: `turn off all but one of ${enabled.join(
            ', ',
          )}, and run the other in a separate release`,
        });
      }
    }
    if (!findings.length) {
      findings.push({
        outcome: 'pass',
        message: `the values on record set every value required between ${current} and ${target.version} and enable no values that exclude each other`,
      });
    }
    return findings;
  },
});
