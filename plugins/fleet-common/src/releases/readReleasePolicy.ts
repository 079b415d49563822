import { FLEET_API_VERSION } from '../kinds/constants';
import { isVersionRange } from './kubeVersion';
import { normalizeVersion } from './chartVersion';
import { isDriverVersion } from './driverVersion';
import {
  type Dict,
  describeValue,
  fail,
  isDict,
  optionalString,
} from './documentFields';
import type { ReleasePolicy } from './types';

/**
 * The `kind` of a release policy document (`examples/releases/policy.yaml`).
 *
 * @public
 */
export const RELEASE_POLICY_KIND = 'ReleasePolicy';

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
      `${field} is required, a string (quote it in YAML), got ${describeValue(
        value,
      )}`,
    );
  }
  return value;
}

function semverField(entry: Dict, field: string, where: string): string {
  const value = requiredString(entry, field, where);
  if (!normalizeVersion(value)) {
    fail(where, `${field} must be semver, got ${describeValue(value)}`);
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
    return fail(`spec.${field}`, `must be a list, got ${describeValue(value)}`);
  }
  return value.map((entry, i) => {
    const index = `spec.${field}[${i}]`;
    if (!isDict(entry)) {
      return fail(index, `must be a mapping, got ${describeValue(entry)}`);
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
    return fail('policy', `must be a mapping, got ${describeValue(parsed)}`);
  }
  if (parsed.apiVersion !== FLEET_API_VERSION) {
    fail(
      'apiVersion',
      `must be ${FLEET_API_VERSION}, got ${describeValue(parsed.apiVersion)}`,
    );
  }
  if (parsed.kind !== RELEASE_POLICY_KIND) {
    fail(
      'kind',
      `must be ${RELEASE_POLICY_KIND}, got ${describeValue(parsed.kind)}`,
    );
  }
  const { metadata, spec } = parsed;
  if (!isDict(metadata)) {
    return fail(
      'metadata',
      `must be a mapping with the chart's name, got ${describeValue(metadata)}`,
    );
  }
  const chart = requiredString(metadata, 'chart', 'metadata');
  if (spec !== undefined && spec !== null && !isDict(spec)) {
    return fail('spec', `must be a mapping, got ${describeValue(spec)}`);
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
            `gpusPerPod must be a whole number ≥ 0, got ${describeValue(
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
            `from must be a semver range such as "<0.30.0", got ${describeValue(
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
        `must be a mapping with a version, got ${describeValue(minimumDriver)}`,
      );
    }
    checkFields(minimumDriver, ['version', 'note'], 'spec.minimumDriver');
    const version = requiredString(
      minimumDriver,
      'version',
      'spec.minimumDriver',
    );
    if (!isDriverVersion(version)) {
      fail(
        'spec.minimumDriver',
        `version must be a driver version such as "550.54.15", got ${describeValue(
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
