// Reading the release policy's rules for upgrade plans and offline bundles: feature minimums,
// required and exclusive values, database changes, images and their digests.

import { type Dict, describeValue, fail } from './documentFields';
import { readList, requiredString, semverField } from './policyFields';
import type {
  ChartImage,
  DatabaseChange,
  DeploymentFeature,
  ExclusiveValues,
  FeatureMinimum,
  ImageDigest,
  ReleasePolicy,
  RequiredValue,
} from './types';

const FEATURES: readonly DeploymentFeature[] = [
  'journal-billing',
  'mig-resource',
];

/** A dotted Helm values key: `engine.flux.max_streams`, `agent-text-to-speech.resources`. */
const VALUES_KEY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** A chart component's name; it becomes part of a file name in an update bundle. */
const COMPONENT = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;

/** An OCI repository without tag or digest: `quay.io/deepgram/self-hosted-engine`. */
const REPOSITORY =
  /^[a-z0-9]+([.-][a-z0-9]+)*(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)+$/;

const DIGEST = /^sha256:[0-9a-f]{64}$/;

function valuesKey(entry: Dict, field: string, where: string): string {
  const key = requiredString(entry, field, where);
  if (!VALUES_KEY.test(key)) {
    fail(
      where,
      `${field} must be a dotted values key such as "engine.flux.max_streams", got ${describeValue(
        key,
      )}`,
    );
  }
  return key;
}

function optionalValuesKey(
  entry: Dict,
  field: string,
  where: string,
): string | undefined {
  return entry[field] === undefined || entry[field] === null
    ? undefined
    : valuesKey(entry, field, where);
}

function valuesKeyList(
  entry: Dict,
  field: string,
  where: string,
  minimum: number,
): string[] {
  const value = entry[field];
  if (
    !Array.isArray(value) ||
    value.length < minimum ||
    value.some(key => typeof key !== 'string' || !VALUES_KEY.test(key))
  ) {
    return fail(
      where,
      `${field} must be a list of at least ${minimum} dotted values keys, got ${describeValue(
        value,
      )}`,
    );
  }
  return value as string[];
}

function readFeatureMinimum(entry: Dict, where: string): FeatureMinimum {
  const feature = requiredString(entry, 'feature', where);
  if (!FEATURES.includes(feature as DeploymentFeature)) {
    fail(
      where,
      `feature must be one of ${FEATURES.join(', ')}, got ${describeValue(
        feature,
      )}`,
    );
  }
  return {
    feature: feature as DeploymentFeature,
    minimum: semverField(entry, 'minimum', where),
    note: requiredString(entry, 'note', where),
  };
}

function readRequiredValue(entry: Dict, where: string): RequiredValue {
  const required: RequiredValue = {
    since: semverField(entry, 'since', where),
    key: valuesKey(entry, 'key', where),
    note: requiredString(entry, 'note', where),
    fix: requiredString(entry, 'fix', where),
  };
  if (entry.oneOf !== undefined) {
    required.oneOf = valuesKeyList(entry, 'oneOf', where, 1);
  }
  const when = optionalValuesKey(entry, 'when', where);
  if (when !== undefined) {
    required.when = when;
  }
  const { placeholder } = entry;
  if (placeholder !== undefined && placeholder !== null) {
    if (!['string', 'number', 'boolean'].includes(typeof placeholder)) {
      fail(
        where,
        `placeholder must be a string, number or boolean, got ${describeValue(
          placeholder,
        )}`,
      );
    }
    required.placeholder = placeholder as string | number | boolean;
  }
  return required;
}

function readExclusiveValues(entry: Dict, where: string): ExclusiveValues {
  return {
    since: semverField(entry, 'since', where),
    keys: valuesKeyList(entry, 'keys', where, 2),
    note: requiredString(entry, 'note', where),
  };
}

function readDatabaseChange(entry: Dict, where: string): DatabaseChange {
  if (entry.engine !== 'postgresql') {
    fail(
      where,
      `engine must be postgresql, got ${describeValue(entry.engine)}`,
    );
  }
  return {
    since: semverField(entry, 'since', where),
    engine: 'postgresql',
    note: requiredString(entry, 'note', where),
  };
}

function readImage(entry: Dict, where: string): ChartImage {
  const component = requiredString(entry, 'component', where);
  if (!COMPONENT.test(component)) {
    fail(
      where,
      `component must be a chart component name such as "licenseProxy" (letters, digits, "-"), got ${describeValue(
        component,
      )}`,
    );
  }
  const repository = requiredString(entry, 'repository', where);
  if (!REPOSITORY.test(repository)) {
    fail(
      where,
      `repository must be an image repository without tag, such as "quay.io/deepgram/self-hosted-engine", got ${describeValue(
        repository,
      )}`,
    );
  }
  const image: ChartImage = { component, repository };
  if (entry.since !== undefined && entry.since !== null) {
    image.since = semverField(entry, 'since', where);
  }
  const when = optionalValuesKey(entry, 'when', where);
  if (when !== undefined) {
    image.when = when;
  }
  return image;
}

function readImageDigest(entry: Dict, where: string): ImageDigest {
  const version = semverField(entry, 'version', where);
  const repository = requiredString(entry, 'repository', where);
  const digest = requiredString(entry, 'digest', where);
  if (!DIGEST.test(digest)) {
    fail(
      where,
      `digest must be "sha256:" and 64 lower-case hex digits, got ${describeValue(
        digest,
      )}`,
    );
  }
  return { version, repository, digest };
}

type UpgradeRules = Pick<
  ReleasePolicy,
  | 'featureMinimums'
  | 'requiredValues'
  | 'exclusiveValues'
  | 'databaseChanges'
  | 'images'
  | 'imageDigests'
>;

/** The policy's upgrade-plan rules from its `spec`; lists omitted or empty are left out. */
export function readUpgradeRules(spec: Dict): UpgradeRules {
  const rules: UpgradeRules = {};
  const featureMinimums = readList(
    spec,
    'featureMinimums',
    ['feature', 'minimum', 'note'],
    'feature',
    readFeatureMinimum,
  );
  if (featureMinimums.length) {
    rules.featureMinimums = featureMinimums;
  }
  const requiredValues = readList(
    spec,
    'requiredValues',
    ['since', 'key', 'oneOf', 'when', 'placeholder', 'note', 'fix'],
    'key',
    readRequiredValue,
  );
  if (requiredValues.length) {
    rules.requiredValues = requiredValues;
  }
  const exclusiveValues = readList(
    spec,
    'exclusiveValues',
    ['since', 'keys', 'note'],
    'since',
    readExclusiveValues,
  );
  if (exclusiveValues.length) {
    rules.exclusiveValues = exclusiveValues;
  }
  const databaseChanges = readList(
    spec,
    'databaseChanges',
    ['since', 'engine', 'note'],
    'since',
    readDatabaseChange,
  );
  if (databaseChanges.length) {
    rules.databaseChanges = databaseChanges;
  }
  const images = readList(
    spec,
    'images',
    ['component', 'repository', 'since', 'when'],
    'component',
    readImage,
  );
  if (images.length) {
    rules.images = images;
  }
  const imageDigests = readList(
    spec,
    'imageDigests',
    ['version', 'repository', 'digest'],
    'repository',
    readImageDigest,
  );
  if (imageDigests.length) {
    rules.imageDigests = imageDigests;
  }
  return rules;
}
