import { isSameChartVersion } from '../../releases/chartVersion';
import type { ChartRelease } from '../../releases/types';
import { DAY_MS } from '../../time/units';
import { plural } from '../../words/plural';
import { describeDays } from '../../time/durationWords';
import { parseInstant } from '../time';
import {
  defineUpgradeCheck,
  type Finding,
  inRange,
  newer,
  type UpgradeContext,
} from './context';

const findRelease = (releases: ChartRelease[], version: string) =>
  releases.find(release => isSameChartVersion(release.version, version));

/**
 * The release to judge the upgrade to: the requested one when it is a release no older than
 * the installed one, else (nothing requested) the newest release on offer when it is newer
 * than the installed one, else the installed one. None without an installed release.
 */
export function chooseTarget(
  releases: ChartRelease[],
  installed: ChartRelease | undefined,
  latest: ChartRelease | undefined,
  requested: string | undefined,
): ChartRelease | undefined {
  if (!installed) {
    return undefined;
  }
  if (requested) {
    const release = findRelease(releases, requested);
    return release && !newer(installed.version, release.version)
      ? release
      : undefined;
  }
  return latest && newer(latest.version, installed.version)
    ? latest
    : installed;
}

function listVersions(releases: ChartRelease[], max = 8): string {
  const shown = releases.slice(0, max).map(release => release.version);
  return releases.length > max
    ? `${shown.join(', ')}, … (${releases.length} releases)`
    : shown.join(', ');
}

/** ` (last reported by the cluster; …)` when the cluster's version is not the entity's. */
function declaredNote({ observations, entity }: UpgradeContext): string {
  const reported = observations.reported?.chartVersion;
  return reported && !isSameChartVersion(reported, entity.spec.chart.version)
    ? ` (last reported by the cluster; the entity declares ${entity.spec.chart.version})`
    : '';
}

function describeTarget(
  ctx: UpgradeContext,
  installed: ChartRelease,
  target: ChartRelease,
  declared: string,
): Finding {
  const { latest } = ctx;
  if (!newer(target.version, installed.version)) {
    return {
      outcome: 'pass',
      message:
        latest && newer(latest.version, installed.version)
          ? `${installed.version}${declared} is already installed (the newest is ${latest.version})`
          : `${installed.version}${declared} is installed, the newest release of ${ctx.entity.spec.chart.name}`,
    };
  }
  const ahead = ctx.releases.filter(r =>
    inRange(r.version, installed.version, target.version),
  ).length;
  const from = parseInstant(installed.created);
  const to = parseInstant(target.created);
  const days =
    from && to
      ? `, ${describeDays(
          Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS)),
        )} newer`
      : '';
  const newest =
    latest && newer(latest.version, target.version)
      ? ` (the newest is ${latest.version})`
      : '';
  return {
    outcome: 'pass',
    message: `upgrade from ${installed.version}${declared} to ${
      target.version
    }: ${plural(ahead, 'release')} ahead${days}${newest}`,
  };
}

/**
 * The release the upgrade goes to (see {@link chooseTarget}); fails for a requested target
 * that is not a release or is older than the installed one; `unknown` without releases or when
 * the installed version is not in the index.
 */
export const targetCheck = defineUpgradeCheck({
  id: 'target',
  title: 'Target release',
  essential: true,
  reportsWhenUpToDate: () => true,
  evaluate(ctx) {
    const { releases, installed, latest, requested, target, entity } = ctx;
    const chart = entity.spec.chart.name;
    const declared = declaredNote(ctx);
    if (!releases.length) {
      return {
        outcome: 'unknown',
        message: `the release index has no releases of ${chart}`,
        fix: `check that the release source's index.yaml lists ${chart}`,
      };
    }
    if (!installed) {
      return {
        outcome: 'unknown',
        message: `the installed version ${ctx.current}${declared} is not a release of ${chart} in the index (newest: ${releases[0].version})`,
        fix: 'correct spec.chart.version, or refresh the release index',
      };
    }
    if (requested) {
      const release = findRelease(releases, requested);
      if (!release) {
        return {
          outcome: 'fail',
          message: `${requested} is not a release of ${chart}; available: ${listVersions(
            releases,
          )}`,
          fix: 'pick one of the available versions',
        };
      }
      if (newer(installed.version, release.version)) {
        return {
          outcome: 'fail',
          message: `${release.version} is older than the installed ${installed.version}${declared}; only upgrades are checked`,
          fix: `pick a release newer than ${installed.version}, such as ${latest?.version}`,
        };
      }
    }
    // past the refusals above, chooseTarget has chosen a release
    return describeTarget(ctx, installed, target!, declared);
  },
});
