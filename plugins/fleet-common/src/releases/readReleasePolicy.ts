import { FLEET_API_VERSION } from '../kinds/constants';
import { isVersionRange } from './kubeVersion';
import { isDriverVersion } from './driverVersion';
import {
  type Dict,
  describeValue,
  fail,
  isDict,
  optionalString,
} from './documentFields';
import {
  checkFields,
  readList,
  requiredString,
  semverField,
  withNote,
} from './policyFields';
import { readUpgradeRules } from './readUpgradeRules';
import type { GpuSizingTier, ReleasePolicy } from './types';

/**
 * The `kind` of a release policy document (`examples/releases/policy.yaml`).
 *
 * @public
 */
export const RELEASE_POLICY_KIND = 'ReleasePolicy';

function positiveNumber(
  entry: Dict,
  field: string,
  where: string,
  options: { integer?: boolean; optional?: boolean } = {},
): number | undefined {
  const value = entry[field];
  if (value === undefined && options.optional) {
    return undefined;
  }
  if (
    typeof value !== 'number' ||
    !(value > 0) ||
    (options.integer && !Number.isInteger(value))
  ) {
    return fail(
      where,
      `${field} must be ${
        options.integer ? 'a whole number' : 'a number'
      } above 0, got ${describeValue(value)}`,
    );
  }
  return value;
}

function readSizingTier(entry: unknown, where: string): GpuSizingTier {
  if (!isDict(entry)) {
    return fail(where, `must be a mapping, got ${describeValue(entry)}`);
  }
  const named =
    typeof entry.name === 'string'
      ? `${where} (name ${JSON.stringify(entry.name)})`
      : where;
  checkFields(
    entry,
    [
      'name',
      'upToStreams',
      'engineReplicas',
      'gpusPerEngine',
      'gpuMemoryGiB',
      'cpu',
      'memory',
      'note',
    ],
    named,
  );
  const tier: GpuSizingTier = {
    name: requiredString(entry, 'name', named),
    engineReplicas: positiveNumber(entry, 'engineReplicas', named, {
      integer: true,
    }) as number,
    gpusPerEngine: positiveNumber(entry, 'gpusPerEngine', named, {
      integer: true,
    }) as number,
    gpuMemoryGiB: positiveNumber(entry, 'gpuMemoryGiB', named) as number,
    cpu: requiredString(entry, 'cpu', named),
    memory: requiredString(entry, 'memory', named),
  };
  const upToStreams = positiveNumber(entry, 'upToStreams', named, {
    integer: true,
    optional: true,
  });
  return withNote(
    upToStreams === undefined ? tier : { ...tier, upToStreams },
    entry,
    named,
  );
}

function readSizingLoads(entry: Dict, where: string): GpuSizingTier[] {
  const { loads } = entry;
  if (!Array.isArray(loads) || loads.length === 0) {
    return fail(
      where,
      `loads must be a non-empty list of rows, got ${describeValue(loads)}`,
    );
  }
  const rows = loads.map((row, i) =>
    readSizingTier(row, `${where}.loads[${i}]`),
  );
  rows.forEach((row, i) => {
    const previous = rows[i - 1]?.upToStreams;
    if (i < rows.length - 1 && row.upToStreams === undefined) {
      fail(
        `${where}.loads[${i}]`,
        'upToStreams is required on every row but the last',
      );
    }
    if (
      previous !== undefined &&
      row.upToStreams !== undefined &&
      row.upToStreams <= previous
    ) {
      fail(
        `${where}.loads[${i}]`,
        `upToStreams must grow from row to row (lightest first); ${row.upToStreams} follows ${previous}`,
      );
    }
  });
  return rows;
}

/**
 * Reads a parsed release policy (`apiVersion: fleetdeck.io/v1alpha1`, `kind: ReleasePolicy`,
 * `metadata.chart`, `spec.valuesChanges`, `spec.gpuChanges`, `spec.requiredIntermediates`,
 * `spec.knownBad`, `spec.minimumDriver`, `spec.unsupportedGpus`, `spec.sizing`,
 * `spec.featureMinimums`, `spec.requiredValues`, `spec.exclusiveValues`,
 * `spec.databaseChanges`, `spec.images`, `spec.imageDigests`). The first four lists may be
 * omitted (read as empty), the others are left out when omitted or empty; unknown fields are
 * refused, since a misspelt rule would otherwise be silently ignored.
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
      'unsupportedGpus',
      'sizing',
      'featureMinimums',
      'requiredValues',
      'exclusiveValues',
      'databaseChanges',
      'images',
      'imageDigests',
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

  const unsupportedGpus = readList(
    body,
    'unsupportedGpus',
    ['product', 'since', 'note'],
    'product',
    (entry, where) =>
      withNote(
        {
          product: requiredString(entry, 'product', where),
          since: semverField(entry, 'since', where),
        },
        entry,
        where,
      ),
  );
  if (unsupportedGpus.length > 0) {
    policy.unsupportedGpus = unsupportedGpus;
  }
  const sizing = readList(
    body,
    'sizing',
    ['since', 'note', 'loads'],
    'since',
    (entry, where) =>
      withNote(
        {
          since: semverField(entry, 'since', where),
          loads: readSizingLoads(entry, where),
        },
        entry,
        where,
      ),
  );
  if (sizing.length > 0) {
    policy.sizing = sizing;
  }

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
  return { ...policy, ...readUpgradeRules(body) };
}
