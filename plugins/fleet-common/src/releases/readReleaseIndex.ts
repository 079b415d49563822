import { compareChartVersions, normalizeVersion } from './chartVersion';
import { describeValue, fail, isDict, optionalString } from './documentFields';
import { isVersionRange } from './kubeVersion';
import type { ChartRelease, ReleaseIndex } from './types';

// YAML `created: 2026-08-13T00:00:28Z` is a string to YAML 1.2 parsers and a Date to YAML 1.1
// ones; both are accepted. Fractions beyond milliseconds (Helm writes nanoseconds) are fine.
const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

function readCreated(value: unknown, where: string): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString();
  }
  if (
    typeof value === 'string' &&
    ISO_DATE_TIME.test(value) &&
    !Number.isNaN(Date.parse(value))
  ) {
    return value;
  }
  return fail(
    where,
    `created must be an ISO 8601 date-time such as "2026-08-13T00:00:28Z", got ${describeValue(
      value,
    )}`,
  );
}

function readRelease(
  entry: unknown,
  where: string,
  seen: Map<string, string>,
): ChartRelease {
  if (!isDict(entry)) {
    return fail(where, `must be a mapping, got ${describeValue(entry)}`);
  }
  const { version } = entry;
  if (typeof version !== 'string') {
    return fail(
      where,
      `version must be a SemVer string such as "0.42.0" (quote it in YAML), got ${describeValue(
        version,
      )}`,
    );
  }
  const at = `${where} (version ${JSON.stringify(version)})`;
  const normalized = normalizeVersion(version);
  if (!normalized) {
    return fail(at, 'version must be semver, e.g. "0.42.0" or "1.0.0-rc.1"');
  }
  const duplicate = seen.get(normalized);
  if (duplicate) {
    return fail(at, `version repeats ${duplicate}`);
  }
  seen.set(normalized, where);

  // Numeric appVersions (`appVersion: 1.16` in hand-written YAML) are read as written.
  const appVersion =
    typeof entry.appVersion === 'number' && Number.isFinite(entry.appVersion)
      ? String(entry.appVersion)
      : optionalString(entry, 'appVersion', at);
  const kubeVersion = optionalString(entry, 'kubeVersion', at);
  if (kubeVersion !== undefined && !isVersionRange(kubeVersion)) {
    fail(
      at,
      `kubeVersion must be a semver range such as ">=1.28.0-0", got ${describeValue(
        kubeVersion,
      )}`,
    );
  }
  const release: ChartRelease = {
    version,
    created: readCreated(entry.created, at),
  };
  if (appVersion !== undefined) {
    release.appVersion = appVersion;
  }
  if (kubeVersion !== undefined) {
    release.kubeVersion = kubeVersion;
  }
  const digest = optionalString(entry, 'digest', at);
  if (digest !== undefined) {
    release.digest = digest;
  }
  return release;
}

/**
 * Reads a parsed Helm repository `index.yaml` (`entries.<chart>[]` with `version`,
 * `appVersion`, `created`, `kubeVersion`, `digest`; other fields are ignored) into a
 * {@link ReleaseIndex} whose releases are sorted newest first by SemVer.
 *
 * @throws Error naming the bad entry and field, e.g.
 * `entries.deepgram-self-hosted[3] (version "0.4x"): version must be semver, …`.
 * @public
 */
export function readReleaseIndex(parsed: unknown): ReleaseIndex {
  if (!isDict(parsed)) {
    return fail(
      'index',
      `must be a mapping with "entries" (a Helm repository index.yaml), got ${describeValue(
        parsed,
      )}`,
    );
  }
  const { entries } = parsed;
  if (!isDict(entries)) {
    return fail(
      'entries',
      `must be a mapping of chart names to lists of releases, got ${describeValue(
        entries,
      )}`,
    );
  }
  const index: ReleaseIndex = {};
  for (const [chart, list] of Object.entries(entries)) {
    const where = `entries.${chart}`;
    if (!Array.isArray(list)) {
      return fail(
        where,
        `must be a list of releases, got ${describeValue(list)}`,
      );
    }
    const seen = new Map<string, string>();
    const releases = list.map((entry, i) =>
      readRelease(entry, `${where}[${i}]`, seen),
    );
    releases.sort((a, b) => compareChartVersions(b.version, a.version));
    Object.defineProperty(index, chart, {
      value: releases,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return index;
}
