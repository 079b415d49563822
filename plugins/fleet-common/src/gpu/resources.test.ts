import { parseMemoryMiB } from './resources';

describe('parseMemoryMiB', () => {
  it.each([
    ['80Gi', 81920],
    ['81559Mi', 81559],
    ['85899345920', 81920],
    ['80G', 76293],
    ['8e10', 76293],
    ['0.5Ti', 524288],
    [' 16Gi ', 16384],
  ])('%s is %d MiB', (quantity, mib) => {
    expect(parseMemoryMiB(quantity)).toBe(mib);
  });

  it.each([undefined, '', 'lots', '80 GB', '-1Gi'])(
    '%p is no quantity',
    quantity => {
      expect(parseMemoryMiB(quantity)).toBeUndefined();
    },
  );
});
