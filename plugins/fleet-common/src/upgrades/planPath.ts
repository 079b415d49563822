// Where an upgrade plan stops on its way to the target: the required intermediate releases,
// a known-bad one replaced by the release that fixes it, then the target. Not part of the
// package's API.

import {
  compareChartVersions,
  isSameChartVersion,
} from '../releases/chartVersion';
import type { ChartRelease, ReleasePolicy } from '../releases/types';
import {
  knownBadRelease,
  requiredIntermediates,
} from '../releases/upgradePath';
import type { UpgradePlan, UpgradeStep } from './types';

export interface PlannedStop {
  version: string;
  reason: UpgradeStep['reason'];
}

const newer = (a: string, b: string) => compareChartVersions(a, b) > 0;

function describeBad(policy: ReleasePolicy, version: string): string {
  const bad = knownBadRelease(policy, version);
  return `known-bad${bad?.note ? `: ${bad.note}` : ''}`;
}

/**
 * The stops from `current` to `target` (both releases of the index), and the releases in
 * between that the plan passes over, each with the reason.
 */
export function planPath(options: {
  releases: ChartRelease[];
  policy?: ReleasePolicy;
  current: string;
  target: string;
}): { stops: PlannedStop[]; skipped: UpgradePlan['skipped'] } {
  const { releases, policy, current, target } = options;
  const inIndex = (version: string) =>
    releases.some(release => isSameChartVersion(release.version, version));
  const stops: PlannedStop[] = [];
  const replaced = new Map<string, string>();
  for (const rule of policy
    ? requiredIntermediates(policy, current, target)
    : []) {
    const bad = policy && knownBadRelease(policy, rule.via);
    if (!bad) {
      stops.push({ version: rule.via, reason: 'required-intermediate' });
      continue;
    }
    const fixedIn = bad.fixedIn;
    if (fixedIn && newer(target, fixedIn) && inIndex(fixedIn)) {
      stops.push({ version: fixedIn, reason: 'required-intermediate' });
      replaced.set(
        rule.via,
        `the plan stops at ${fixedIn}, which fixes it, instead`,
      );
    } else {
      replaced.set(rule.via, `the plan goes on to ${target} instead`);
    }
  }
  const unique = stops
    .filter(
      (stop, i) =>
        stops.findIndex(other =>
          isSameChartVersion(other.version, stop.version),
        ) === i,
    )
    .sort((a, b) => compareChartVersions(a.version, b.version));
  const path = [...unique, { version: target, reason: 'target' as const }];

  const skipped = releases
    .filter(
      release =>
        newer(release.version, current) &&
        newer(target, release.version) &&
        !path.some(stop => isSameChartVersion(stop.version, release.version)),
    )
    .sort((a, b) => compareChartVersions(a.version, b.version))
    .map(({ version }) => {
      const next = path.find(stop => newer(stop.version, version))!.version;
      const instead = replaced.get(version);
      if (instead) {
        return {
          version,
          reason: `a required intermediate release, but ${describeBad(
            policy!,
            version,
          )}; ${instead}`,
        };
      }
      if (policy && knownBadRelease(policy, version)) {
        return { version, reason: describeBad(policy, version) };
      }
      return {
        version,
        reason: `not a required stop: the upgrade to ${next} takes in its changes`,
      };
    });
  return { stops: path, skipped };
}
