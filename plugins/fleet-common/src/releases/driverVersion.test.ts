import { compareDriverVersions } from './driverVersion';

describe('compareDriverVersions', () => {
  it.each([
    ['550.54.15', '550.54.15', 0],
    ['535.104.05', '550.54.15', -1],
    ['560', '550.54.15', 1],
    ['550.54', '550.54.0', 0],
    ['550.100.1', '550.54.15', 1],
  ])('%s vs %s', (a, b, expected) => {
    expect(compareDriverVersions(a, b)).toBe(expected);
  });

  it('cannot compare what is not a driver version', () => {
    expect(compareDriverVersions('latest', '550')).toBeUndefined();
  });
});
