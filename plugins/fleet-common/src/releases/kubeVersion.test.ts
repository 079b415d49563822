import {
  isVersionRange,
  satisfiesKubeVersion,
  satisfiesVersionRange,
} from './kubeVersion';

describe('satisfiesKubeVersion', () => {
  it.each([
    // the chart's own range, with every way clusters spell their version
    ['>=1.28.0-0', '1.31', true],
    ['>=1.28.0-0', 'v1.29.3-eks-4d1a2', true],
    ['>=1.28.0-0', 'v1.30.5-gke.1014001', true],
    ['>=1.28.0-0', 'v1.31.3+rke2r1', true],
    ['>=1.28.0-0', 'v1.30.6', true],
    ['>=1.28.0-0', '1.27', false],
    ['>=1.28.0-0', 'v1.27.16-eks-a737599', false],
    ['>=1.28.0-0', '1.28', true],
    // a vendor suffix sorts after "-0", so 1.28.0-eks-1 is still >= 1.28.0-0
    ['>=1.28.0-0', 'v1.28.0-eks-1', true],
    // without "-0" Helm refuses every vendor-suffixed version...
    ['>=1.28.0', 'v1.29.3-eks-4d1a2', false],
    ['>=1.28.0', 'v1.30.5-gke.1014001', false],
    // ...but build metadata is no pre-release
    ['>=1.28.0', 'v1.31.3+rke2r1', true],
    ['>=1.28.0', '1.31', true],
    // one pre-release comparator opens its whole AND group (Masterminds v3)
    ['>=1.28.0-0 <1.31.0', 'v1.30.5-gke.1014001', true],
    ['>=1.28.0-0, <1.31.0', 'v1.31.0-eks-1', true],
    ['>=1.28.0-0 <1.31.0-0', 'v1.31.3+rke2r1', false],
    // ...but not the other OR groups
    ['>=1.32.0 || <1.20.0', 'v1.33.0-eks-1', false],
    ['>=1.32.0 || >=1.28.0-0 <1.30.0-0', 'v1.29.3-eks-4d1a2', true],
    ['>=1.32.0 || >=1.28.0-0 <1.30.0-0', 'v1.31.0', false],
    // operators, wildcards, tilde, caret and hyphen ranges
    ['>= 1.28.0-0', 'v1.31', true],
    ['=>1.28.0', '1.28.0', true],
    ['>1.28', '1.28.9', false],
    ['>1.28', '1.29.0', true],
    ['<=1.30', '1.30.9', true],
    ['<=1.30', '1.31.0', false],
    ['1.29.x', '1.29.8', true],
    ['1.29.x', '1.30.0', false],
    ['~1.30', 'v1.30.6', true],
    ['~1.30', '1.31.0', false],
    ['^1.28', '1.31', true],
    ['^1.28', '2.0.0', false],
    ['1.28 - 1.30', '1.30.9', true],
    ['1.28 - 1.30', '1.31.0', false],
    ['!=1.29.0', '1.29.0', false],
    ['!=1.29.0', '1.29.1', true],
    ['*', '1.31', true],
    ['', '1.31', true],
  ])('%j admits %j: %s', (range, version, expected) => {
    expect(satisfiesKubeVersion(range, version)).toBe(expected);
  });

  it.each([
    ['>=banana', '1.31'],
    ['>=1.28.0-0 <', '1.31'],
    ['>=1.28.0-0<1.30.0', '1.31'],
    ['>=1.28.0-0', 'latest'],
    ['>=1.28.0-0', ''],
  ])('cannot read %j against %j', (range, version) => {
    expect(satisfiesKubeVersion(range, version)).toBeUndefined();
  });
});

describe('satisfiesVersionRange on chart versions', () => {
  it.each([
    ['<0.30.0', '0.29.1', true],
    ['<0.30.0', '0.30.0', false],
    ['>=0.27.1 <0.35.0', '0.34.0', true],
    ['^0.40', '0.41.1', false],
    ['~0.40', '0.40.2', true],
  ])('%j admits %j: %s', (range, version, expected) => {
    expect(satisfiesVersionRange(range, version)).toBe(expected);
  });

  it('tells readable ranges from others', () => {
    expect(isVersionRange('>=1.28.0-0')).toBe(true);
    expect(isVersionRange('>=1.28.0-0, <1.33.0-0 || ^2')).toBe(true);
    expect(isVersionRange('newest')).toBe(false);
  });
});
