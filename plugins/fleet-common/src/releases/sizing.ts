import { compareChartVersions } from './chartVersion';
import type { GpuSizingTier, ReleasePolicy } from './types';

/**
 * The sizing table entry in force at a chart version: the one with the newest `since` at or
 * below it.
 *
 * @public
 */
export function sizingAt(
  policy: ReleasePolicy | undefined,
  version: string,
): NonNullable<ReleasePolicy['sizing']>[number] | undefined {
  return (policy?.sizing ?? [])
    .filter(entry => compareChartVersions(entry.since, version) <= 0)
    .sort((a, b) => compareChartVersions(b.since, a.since))[0];
}

/**
 * The sizing row for an expected load at a chart version: the first row (in the table's order,
 * lightest first) whose `upToStreams` covers the streams, else the last row. `undefined` when
 * the policy has no sizing in force at that version.
 *
 * @example
 * ```ts
 * sizeForLoad(policy, '0.42.0', 8)?.tier.name; // 'medium'
 * ```
 * @public
 */
export function sizeForLoad(
  policy: ReleasePolicy | undefined,
  version: string,
  expectedStreams: number,
): { since: string; tier: GpuSizingTier } | undefined {
  const entry = sizingAt(policy, version);
  if (!entry || entry.loads.length === 0) {
    return undefined;
  }
  const tier =
    entry.loads.find(
      row =>
        row.upToStreams !== undefined && expectedStreams <= row.upToStreams,
    ) ?? entry.loads[entry.loads.length - 1];
  return { since: entry.since, tier };
}
