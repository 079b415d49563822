import {
  compareChartVersions,
  isSameChartVersion,
  normalizeVersion,
} from './chartVersion';

describe('normalizeVersion', () => {
  it.each([
    ['1.31', '1.31.0'],
    ['v1.31', '1.31.0'],
    ['1', '1.0.0'],
    ['v1.29.3-eks-4d1a2', '1.29.3-eks-4d1a2'],
    ['v1.30.5-gke.1014001', '1.30.5-gke.1014001'],
    ['v1.31.3+rke2r1', '1.31.3+rke2r1'],
    [' 0.42.0 ', '0.42.0'],
  ])('reads %j as %j', (text, canonical) => {
    expect(normalizeVersion(text)).toBe(canonical);
  });

  it.each(['', 'latest', '0.4x', '1.31.', 'v', '1.2.3.4', '1.2.3-01'])(
    'refuses %j',
    text => {
      expect(normalizeVersion(text)).toBeUndefined();
    },
  );
});

describe('compareChartVersions', () => {
  it('sorts by SemVer precedence, unreadable versions first', () => {
    expect(
      [
        '1.0.0',
        '0.10.0',
        'bogus',
        '0.9.1',
        '1.0.0-rc.1',
        '0.40.2',
        'v0.2.0-beta',
      ].sort(compareChartVersions),
    ).toEqual([
      'bogus',
      'v0.2.0-beta',
      '0.9.1',
      '0.10.0',
      '0.40.2',
      '1.0.0-rc.1',
      '1.0.0',
    ]);
  });

  it('ignores build metadata for precedence', () => {
    expect(compareChartVersions('1.0.0+a', '1.0.0+b')).toBe(0);
  });
});

describe('isSameChartVersion', () => {
  it.each([
    ['0.40.2', '0.40.2', true],
    ['v0.40.2', '0.40.2', true],
    ['0.40', '0.40.0', true],
    ['0.40.2', '0.40.1', false],
    ['1.0.0+a', '1.0.0', true],
    ['1.0.0+a', '1.0.0+b', false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(isSameChartVersion(a, b)).toBe(expected);
  });
});
