import { FLEET_API_VERSION } from '../kinds/constants';
import {
  compareChartVersions,
  isVersionRange,
  normalizeVersion,
} from './kubeVersion';
import type { ChartRelease, ReleaseIndex, ReleasePolicy } from './types';

/**
 * The `kind` of a release policy document (`examples/releases/policy.yaml`).
 *
 * @public
 */
export const RELEASE_POLICY_KIND = 'ReleasePolicy';

type Dict = Record<string, unknown>;

const isDict = (value: unknown): value is Dict =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value instanceof Date) {
    return `a date (${value.toISOString()})`;
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (isDict(value)) {
    return 'a mapping';
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`);
}

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
    `created must be an ISO 8601 date-time such as "2026-08-13T00:00:28Z", got ${describe(
      value,
    )}`,
  );
}

function optionalString(
  entry: Dict,
  field: string,
  where: string,
): string | undefined {
  const value = entry[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    return fail(
      where,
      `${field} must be a string (quote it in YAML), got ${describe(value)}`,
    );
  }
  return value;
}

function readRelease(
  entry: unknown,
  where: string,
  seen: Map<string, string>,
): ChartRelease {
  if (!isDict(entry)) {
    return fail(where, `must be a mapping, got ${describe(entry)}`);
  }
  const { version } = entry;
  if (typeof version !== 'string') {
    return fail(
      where,
      `version must be a SemVer string such as "0.42.0" (quote it in YAML), got ${describe(
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
      `kubeVersion must be a semver range such as ">=1.28.0-0", got ${describe(
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
      `must be a mapping with "entries" (a Helm repository index.yaml), got ${describe(
        parsed,
      )}`,
    );
  }
  const { entries } = parsed;
  if (!isDict(entries)) {
    return fail(
      'entries',
      `must be a mapping of chart names to lists of releases, got ${describe(
        entries,
      )}`,
    );
  }
  const index: ReleaseIndex = {};
  for (const [chart, list] of Object.entries(entries)) {
    const where = `entries.${chart}`;
    if (!Array.isArray(list)) {
      return fail(where, `must be a list of releases, got ${describe(list)}`);
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

// --- policy.yaml -----------------------------------------------------------------------------

function checkFields(
  value: Dict,
  allowed: readonly string[],
  where: string,
): void {
  for (const field of Object.keys(value)) {
    if (!allowed.includes(field)) {
      fail(
        `${where}.${field}`,
        `is not a field of ${where}; allowed: ${allowed.join(', ')}`,
      );
    }
  }
}

function requiredString(entry: Dict, field: string, where: string): string {
  const value = entry[field];
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(
      where,
      `${field} is required, a string (quote it in YAML), got ${describe(
        value,
      )}`,
    );
  }
  return value;
}

function semverField(entry: Dict, field: string, where: string): string {
  const value = requiredString(entry, field, where);
  if (!normalizeVersion(value)) {
    fail(where, `${field} must be semver, got ${describe(value)}`);
  }
  return value;
}

function readList<T>(
  spec: Dict,
  field: string,
  allowed: readonly string[],
  labelField: string,
  read: (entry: Dict, where: string) => T,
): T[] {
  const value = spec[field];
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    return fail(`spec.${field}`, `must be a list, got ${describe(value)}`);
  }
  return value.map((entry, i) => {
    const index = `spec.${field}[${i}]`;
    if (!isDict(entry)) {
      return fail(index, `must be a mapping, got ${describe(entry)}`);
    }
    const key = entry[labelField];
    const where =
      typeof key === 'string'
        ? `${index} (${labelField} ${JSON.stringify(key)})`
        : index;
    checkFields(entry, allowed, where);
    return read(entry, where);
  });
}

function withNote<T extends object>(
  value: T,
  entry: Dict,
  where: string,
): T & { note?: string } {
  const note = optionalString(entry, 'note', where);
  return note === undefined ? value : { ...value, note };
}

const DRIVER_VERSION = /^\d+(?:\.\d+)*$/;

/**
 * Reads a parsed release policy (`apiVersion: fleetdeck.io/v1alpha1`, `kind: ReleasePolicy`,
 * `metadata.chart`, `spec.valuesChanges`, `spec.gpuChanges`, `spec.requiredIntermediates`,
 * `spec.knownBad`, `spec.minimumDriver`). Lists may be omitted (read as empty); unknown fields
 * are refused, since a misspelt rule would otherwise be silently ignored.
 *
 * @throws Error naming the bad entry and field, e.g.
 * `spec.knownBad[0] (version "0.40.2"): fixedIn must be semver, got "soon"`.
 * @public
 */
export function readReleasePolicy(parsed: unknown): ReleasePolicy {
  if (!isDict(parsed)) {
    return fail('policy', `must be a mapping, got ${describe(parsed)}`);
  }
  if (parsed.apiVersion !== FLEET_API_VERSION) {
    fail(
      'apiVersion',
      `must be ${FLEET_API_VERSION}, got ${describe(parsed.apiVersion)}`,
    );
  }
  if (parsed.kind !== RELEASE_POLICY_KIND) {
    fail(
      'kind',
      `must be ${RELEASE_POLICY_KIND}, got ${describe(parsed.kind)}`,
    );
  }
  const { metadata, spec } = parsed;
  if (!isDict(metadata)) {
    return fail(
      'metadata',
      `must be a mapping with the chart's name, got ${describe(metadata)}`,
    );
  }
  const chart = requiredString(metadata, 'chart', 'metadata');
  if (spec !== undefined && spec !== null && !isDict(spec)) {
    return fail('spec', `must be a mapping, got ${describe(spec)}`);
  }
  const body: Dict = spec ?? {};
  checkFields(
    body,
    [
      'valuesChanges',
      'gpuChanges',
      'requiredIntermediates',
      'knownBad',
      'minimumDriver',
    ],
    'spec',
  );

  const policy: ReleasePolicy = {
    chart,
    valuesChanges: readList(
      body,
      'valuesChanges',
      ['since', 'from', 'to', 'note'],
      'from',
      (entry, where) => {
        const change = {
          since: semverField(entry, 'since', where),
          from: requiredString(entry, 'from', where),
        };
        const to = optionalString(entry, 'to', where);
        return withNote(
          to === undefined ? change : { ...change, to },
          entry,
          where,
        );
      },
    ),
    gpuChanges: readList(
      body,
      'gpuChanges',
      ['since', 'component', 'gpusPerPod', 'note'],
      'component',
      (entry, where) => {
        const gpusPerPod = entry.gpusPerPod;
        if (
          typeof gpusPerPod !== 'number' ||
          !Number.isInteger(gpusPerPod) ||
          gpusPerPod < 0
        ) {
          fail(
            where,
            `gpusPerPod must be a whole number ≥ 0, got ${describe(
              gpusPerPod,
            )}`,
          );
        }
        return withNote(
          {
            since: semverField(entry, 'since', where),
            component: requiredString(entry, 'component', where),
            gpusPerPod: gpusPerPod as number,
          },
          entry,
          where,
        );
      },
    ),
    requiredIntermediates: readList(
      body,
      'requiredIntermediates',
      ['from', 'via', 'note'],
      'via',
      (entry, where) => {
        const from = requiredString(entry, 'from', where);
        if (!isVersionRange(from)) {
          fail(
            where,
            `from must be a semver range such as "<0.30.0", got ${describe(
              from,
            )}`,
          );
        }
        return withNote(
          { from, via: semverField(entry, 'via', where) },
          entry,
          where,
        );
      },
    ),
    knownBad: readList(
      body,
      'knownBad',
      ['version', 'fixedIn', 'note'],
      'version',
      (entry, where) => {
        const bad = { version: semverField(entry, 'version', where) };
        if (entry.fixedIn === undefined || entry.fixedIn === null) {
          return withNote(bad, entry, where);
        }
        return withNote(
          { ...bad, fixedIn: semverField(entry, 'fixedIn', where) },
          entry,
          where,
        );
      },
    ),
  };

  const { minimumDriver } = body;
  if (minimumDriver !== undefined && minimumDriver !== null) {
    if (!isDict(minimumDriver)) {
      return fail(
        'spec.minimumDriver',
        `must be a mapping with a version, got ${describe(minimumDriver)}`,
      );
    }
    checkFields(minimumDriver, ['version', 'note'], 'spec.minimumDriver');
    const version = requiredString(
      minimumDriver,
      'version',
      'spec.minimumDriver',
    );
    if (!DRIVER_VERSION.test(version)) {
      fail(
        'spec.minimumDriver',
        `version must be a driver version such as "550.54.15", got ${describe(
          version,
        )}`,
      );
    }
    policy.minimumDriver = withNote(
      { version },
      minimumDriver,
      'spec.minimumDriver',
    );
  }
  return policy;
}

/**
 * Orders two NVIDIA driver versions (`535.104.05`, `550.54.15`) numerically, part by part;
 * missing parts count as 0. Returns undefined when either is not dotted numbers.
 *
 * @public
 */
export function compareDriverVersions(
  a: string,
  b: string,
): number | undefined {
  if (!DRIVER_VERSION.test(a.trim()) || !DRIVER_VERSION.test(b.trim())) {
    return undefined;
  }
  const left = a.trim().split('.').map(Number);
  const right = b.trim().split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) {
      return diff < 0 ? -1 : 1;
    }
  }
  return 0;
}
