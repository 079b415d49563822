import {
  knownBadRelease as knownBad,
  requiredIntermediates as intermediates,
} from '../../releases/upgradePath';
import { defineUpgradeCheck, type Finding } from './context';

/**
 * Required intermediate releases the upgrade skips (fail, "upgrade to X first"), a target or
 * intermediate that is known-bad (fail, fix: its `fixedIn`), an installed release that is
 * known-bad (warn — reported even when there is nothing to upgrade to).
 */
export const pathCheck = defineUpgradeCheck({
  id: 'path',
  title: 'Upgrade path',
  reportsWhenUpToDate: ({ policy, current }) =>
    Boolean(policy && knownBad(policy, current)),
  evaluate(ctx) {
    const { policy, current, target, entity, upToDate } = ctx;
    if (!policy) {
      return {
        outcome: 'unknown',
        message: `no release policy for ${entity.spec.chart.name}, so required intermediate releases and known-bad releases cannot be checked`,
        fix: 'publish a ReleasePolicy next to the chart index',
      };
    }
    if (!target) {
      return {
        outcome: 'unknown',
        message: 'no target release to plan a path to',
      };
    }
    const findings: Finding[] = [];
    const steps = upToDate
      ? []
      : intermediates(policy, current, target.version);
    if (steps.length) {
      findings.push({
        outcome: 'fail',
        message: `an upgrade from ${current} must pass through ${steps
          .map(step => `${step.via}${step.note ? ` (${step.note})` : ''}`)
          .join(', then ')}`,
        fix: `upgrade to ${steps
          .map(step => step.via)
          .join(', then ')} first, then to ${target.version}`,
      });
    }
    const passedThrough = upToDate
      ? []
      : [...steps.map(step => step.via), target.version];
    for (const version of passedThrough) {
      const bad = knownBad(policy, version);
      if (bad) {
        findings.push({
          outcome: 'fail',
          message: `${version} is a known-bad release${
            bad.note ? `: ${bad.note}` : ''
          }`,
          fix: bad.fixedIn
            ? `go to ${bad.fixedIn} instead of ${version}`
            : `do not install ${version}; no release fixes it yet`,
        });
      }
    }
    const installedBad = knownBad(policy, current);
    if (installedBad) {
      findings.push({
        outcome: 'warn',
        message: `the installed release ${current} is known-bad${
          installedBad.note ? `: ${installedBad.note}` : ''
        }`,
        fix: installedBad.fixedIn
          ? `move to ${installedBad.fixedIn} or later`
          : 'watch for a release that fixes it',
      });
    }
    if (!findings.length) {
      findings.push({
        outcome: 'pass',
        message: `no required intermediate release or known-bad release between ${current} and ${target.version}`,
      });
    }
    return findings;
  },
});
