import { SemVer, compare, parse } from 'semver';
import { parseLenient } from './chartVersion';

// Ranges, as Masterminds semver v3 (and so Helm) evaluates them.

type Operator =
  | ''
  | '='
  | '!='
  | '>'
  | '<'
  | '>='
  | '=>'
  | '<='
  | '=<'
  | '~'
  | '~>'
  | '^';

interface Comparator {
  operator: Operator;
  version: SemVer;
  /** The major version was a wildcard (`*`, `x`). */
  anyMajor: boolean;
  /** The minor version was a wildcard or absent (`1`, `1.x`). */
  minorDirty: boolean;
  /** The patch version was a wildcard or absent (`1.2`, `1.2.x`). */
  patchDirty: boolean;
}

interface ComparatorGroup {
  comparators: Comparator[];
  /** Some comparator names a pre-release, so pre-release versions take part. */
  includePrerelease: boolean;
}

const PART = '[0-9xX*]+';
const PRE = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const CONSTRAINT_VERSION = `v?(${PART})(?:\\.(${PART}))?(?:\\.(${PART}))?(?:-(${PRE}))?(?:\\+${PRE})?`;
const OPERATOR = '!=|>=|=>|<=|=<|~>|>|<|=|~|\\^';
const COMPARATOR = new RegExp(`^(${OPERATOR})?(${CONSTRAINT_VERSION})$`);
const HYPHEN_RANGE = new RegExp(
  `(${CONSTRAINT_VERSION})\\s+-\\s+(${CONSTRAINT_VERSION})`,
  'g',
);
const OPERATOR_SPACE = new RegExp(`(${OPERATOR})\\s+`, 'g');

const isWildcard = (part: string | undefined) =>
  part === 'x' || part === 'X' || part === '*';

function parseComparator(token: string): Comparator | undefined {
  const match = COMPARATOR.exec(token);
  if (!match) {
    return undefined;
  }
  const operator = (match[1] ?? '') as Operator;
  const [major, minor, patch, pre] = match.slice(3, 7);
  const anyMajor = isWildcard(major);
  const minorDirty = !anyMajor && (minor === undefined || isWildcard(minor));
  const patchDirty =
    !anyMajor && !minorDirty && (patch === undefined || isWildcard(patch));
  const numbers = anyMajor
    ? [0, 0, 0]
    : [
        Number(major),
        minorDirty ? 0 : Number(minor),
        minorDirty || patchDirty ? 0 : Number(patch),
      ];
  if (numbers.some(part => !Number.isSafeInteger(part))) {
    return undefined;
  }
  const version = parse(`${numbers.join('.')}${pre ? `-${pre}` : ''}`);
  if (!version) {
    return undefined;
  }
  return { operator, version, anyMajor, minorDirty, patchDirty };
}

function parseRange(range: string): ComparatorGroup[] | undefined {
  const text = range.trim();
  if (text === '') {
    return [];
  }
  const groups: ComparatorGroup[] = [];
  for (const part of text.split('||')) {
    const tokens = part
      .replace(HYPHEN_RANGE, (_whole, ...captures: string[]) => {
        // captures: the first version and its 4 parts, then the second version
        return `>=${captures[0]} <=${captures[5]}`;
      })
      .replace(OPERATOR_SPACE, '$1')
      .split(/[\s,]+/)
      .filter(Boolean);
    if (tokens.length === 0) {
      return undefined;
    }
    const comparators: Comparator[] = [];
    for (const token of tokens) {
      const comparator = parseComparator(token);
      if (!comparator) {
        return undefined;
      }
      comparators.push(comparator);
    }
    groups.push({
      comparators,
      includePrerelease: comparators.some(c => c.version.prerelease.length > 0),
    });
  }
  return groups;
}

// The comparator functions of Masterminds semver v3, with its wildcard ("dirty") handling.
function satisfiesComparator(v: SemVer, c: Comparator): boolean {
  const con = c.version;
  if (c.anyMajor) {
    return !['!=', '<', '>'].includes(c.operator);
  }
  const dirty = c.minorDirty || c.patchDirty;
  const cmp = compare(v, con);
  switch (c.operator) {
    case '':
    case '=':
      return dirty ? satisfiesTilde(v, c) : cmp === 0;
    case '!=':
      if (dirty) {
        if (con.major !== v.major) {
          return true;
        }
        if (c.minorDirty) {
          return false;
        }
        if (con.minor !== v.minor) {
          return true;
        }
        return (
          (v.prerelease.length > 0 || con.prerelease.length > 0) &&
          v.comparePre(con) !== 0
        );
      }
      return cmp !== 0;
    case '>':
      if (!dirty) {
        return cmp > 0;
      }
      if (v.major !== con.major) {
        return v.major > con.major;
      }
      return c.minorDirty ? false : v.minor > con.minor;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!dirty) {
        return cmp <= 0;
      }
      if (v.major > con.major) {
        return false;
      }
      return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return satisfiesTilde(v, c);
    case '^':
      if (cmp < 0) {
        return false;
      }
      if (con.major > 0 || c.minorDirty) {
        return v.major === con.major;
      }
      if (v.major > 0) {
        return false;
      }
      if (con.minor > 0 || c.patchDirty) {
        return v.minor === con.minor;
      }
      if (v.minor > 0) {
        return false;
      }
      return v.patch === con.patch;
    default:
      return false;
  }
}

function satisfiesTilde(v: SemVer, c: Comparator): boolean {
  const con = c.version;
  if (compare(v, con) < 0) {
    return false;
  }
  if (
    con.major === 0 &&
    con.minor === 0 &&
    con.patch === 0 &&
    !c.minorDirty &&
    !c.patchDirty
  ) {
    return true;
  }
  if (v.major !== con.major) {
    return false;
  }
  return c.minorDirty || v.minor === con.minor;
}

/**
 * Whether a range can be read as a Helm (Masterminds semver) constraint such as
 * `>=1.28.0-0`, `>=1.28.0-0, <1.33.0-0`, `~1.30 || ^2` or `1.28 - 1.31`.
 *
 * @public
 */
export function isVersionRange(range: string): boolean {
  return parseRange(range) !== undefined;
}

/**
 * Whether a version satisfies a range the way Helm decides it, using Masterminds semver v3
 * rules: comparators are AND-ed within a group (space or comma separated) and groups are
 * OR-ed with `||`. A version with a pre-release satisfies a group only when some comparator
 * of that group names a pre-release (which is why charts write `>=1.28.0-0`); the comparison
 * then includes pre-releases in SemVer order. A blank range admits everything (Helm skips the
 * check). Returns undefined when the range or the version cannot be read.
 *
 * @public
 */
export function satisfiesVersionRange(
  range: string,
  version: string,
): boolean | undefined {
  const groups = parseRange(range);
  const parsed = parseLenient(version);
  if (!groups || !parsed) {
    return undefined;
  }
  if (groups.length === 0) {
    return true;
  }
  return groups.some(
    group =>
      (parsed.prerelease.length === 0 || group.includePrerelease) &&
      group.comparators.every(c => satisfiesComparator(parsed, c)),
  );
}

/**
 * Whether a cluster's Kubernetes version satisfies a chart's `kubeVersion`, as Helm decides it
 * at install time. Cluster versions are read as Kubernetes reports them: `1.31` (patch taken
 * as 0), `v1.29.3-eks-4d1a2`, `v1.30.5-gke.1014001`, `v1.31.3+rke2r1`. Vendor suffixes after a
 * hyphen are pre-releases, so `>=1.28.0-0` admits `v1.29.3-eks-4d1a2` but `>=1.28.0` does not;
 * see {@link satisfiesVersionRange}. Returns undefined when either cannot be read.
 *
 * @public
 */
export function satisfiesKubeVersion(
  range: string,
  clusterVersion: string,
): boolean | undefined {
  return satisfiesVersionRange(range, clusterVersion);
}
