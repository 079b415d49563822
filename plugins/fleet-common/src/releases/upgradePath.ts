// The release policy's rules for the path of an upgrade — required intermediate releases and
// known-bad releases — shared by the readiness check and the upgrade plan. Not part of the
// package's API.

import { compareChartVersions, isSameChartVersion } from './chartVersion';
import { satisfiesVersionRange } from './kubeVersion';
import type { ReleasePolicy } from './types';

export type RequiredIntermediate =
  ReleasePolicy['requiredIntermediates'][number];
export type KnownBadRelease = ReleasePolicy['knownBad'][number];

const newer = (a: string, b: string) => compareChartVersions(a, b) > 0;

/** The policy's known-bad entry for a version, if it has one. */
export function knownBadRelease(
  policy: ReleasePolicy,
  version: string,
): KnownBadRelease | undefined {
  return policy.knownBad.find(bad => isSameChartVersion(bad.version, version));
}

/** The lowest required intermediate release an upgrade from `position` to `target` skips. */
function nextIntermediate(
  policy: ReleasePolicy,
  position: string,
  target: string,
): RequiredIntermediate | undefined {
  return policy.requiredIntermediates
    .filter(
      rule =>
        satisfiesVersionRange(rule.from, position) === true &&
        newer(rule.via, position) &&
        newer(target, rule.via),
    )
    .sort((a, b) => compareChartVersions(a.via, b.via))[0];
}

/** Required intermediate releases, in order, on the way from `current` to `target`. */
export function requiredIntermediates(
  policy: ReleasePolicy,
  current: string,
  target: string,
): RequiredIntermediate[] {
  const path: RequiredIntermediate[] = [];
  let next = nextIntermediate(policy, current, target);
  // every step moves strictly forward, so the rules bound the number of steps
  while (next && path.length < policy.requiredIntermediates.length) {
    path.push(next);
    next = nextIntermediate(policy, next.via, target);
  }
  return path;
}
