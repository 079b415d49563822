import { SemVer, compare, parse } from 'semver';

// Versions as Helm reads them (Masterminds semver's lenient `NewVersion`): an optional leading
// `v`, minor and patch optional (`1.31` is 1.31.0), then the usual pre-release and build parts.
// Kubernetes distributions put their own tags there: `v1.29.3-eks-4d1a2` and
// `v1.30.5-gke.1014001` carry a pre-release, `v1.31.3+rke2r1` only build metadata.
const LENIENT_VERSION =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Reads a version as Helm does (see LENIENT_VERSION); not part of the package's API. */
export function parseLenient(text: string): SemVer | undefined {
  const match = LENIENT_VERSION.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, major, minor = '0', patch = '0', pre, build] = match;
  const canonical = `${Number(major)}.${Number(minor)}.${Number(patch)}${
    pre ? `-${pre}` : ''
  }${build ? `+${build}` : ''}`;
  return parse(canonical) ?? undefined;
}

/**
 * Reads a version the way Helm does and returns it in canonical SemVer form, or undefined
 * when it cannot be read: `v1.31` → `1.31.0`, `v1.29.3-eks-4d1a2` → `1.29.3-eks-4d1a2`,
 * `v1.31.3+rke2r1` → `1.31.3+rke2r1`.
 *
 * @public
 */
export function normalizeVersion(text: string): string | undefined {
  const version = parseLenient(text);
  if (!version) {
    return undefined;
  }
  const build = version.build.length ? `+${version.build.join('.')}` : '';
  return `${version.version}${build}`;
}

/**
 * Orders two chart versions by SemVer precedence (build metadata ignored), for
 * `Array.prototype.sort`: negative when `a` is older than `b`. Versions that cannot be read
 * sort before every readable one, and among themselves by text, so a sort never throws.
 *
 * @public
 */
export function compareChartVersions(a: string, b: string): number {
  const left = parseLenient(a);
  const right = parseLenient(b);
  if (left && right) {
    return compare(left, right);
  }
  if (left) {
    return 1;
  }
  if (right) {
    return -1;
  }
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/**
 * Whether two chart versions are the same release: equal SemVer precedence and, when both
 * carry build metadata, the same build.
 *
 * @public
 */
export function isSameChartVersion(a: string, b: string): boolean {
  const left = normalizeVersion(a);
  const right = normalizeVersion(b);
  if (!left || !right) {
    return a.trim() === b.trim();
  }
  if (left === right) {
    return true;
  }
  return (
    compareChartVersions(left, right) === 0 &&
    (!left.includes('+') || !right.includes('+'))
  );
}
