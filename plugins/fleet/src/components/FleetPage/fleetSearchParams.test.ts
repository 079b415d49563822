import {
  clearFilters,
  isFiltered,
  readFleetView,
  toDeploymentQuery,
  writeFleetView,
} from './fleetSearchParams';
import {
  ATTENTION_TILES,
  isTileActive,
  tileCount,
  toggleTile,
} from './attention';
import { summaryOf } from '../../__fixtures__/statuses';

const read = (search: string) => readFleetView(new URLSearchParams(search));

describe('fleet view in the URL', () => {
  it('reads repeated and comma-separated values, and drops what is not in the vocabulary', () => {
    const view = read(
      'license=expired,expiring&license=missing&license=expired&gpu=lapsed&profile=airgapped&customer=customer:default/acme&q=%20prod%20&orderBy=health',
    );

    expect(view).toEqual({
      license: ['expired', 'expiring', 'missing'],
      journal: [],
      gpu: [],
      upgrade: [],
      health: [],
      profile: ['airgapped'],
      customer: ['customer:default/acme'],
      owner: [],
      q: 'prod',
      orderBy: 'health',
      order: 'asc',
    });
  });

  it('ignores an unknown sort field', () => {
    const view = read('orderBy=price&order=desc');
    expect(view.orderBy).toBeUndefined();
    expect(view.order).toBeUndefined();
  });

  it('writes lists as repeated keys and keeps keys it does not own', () => {
    const view = {
      ...read(''),
      license: ['expired' as const, 'missing' as const],
      q: 'acme',
      orderBy: 'license.expiresAt' as const,
      order: 'desc' as const,
    };

    expect(
      writeFleetView(view, new URLSearchParams('tab=x&journal=due')).toString(),
    ).toBe(
      'tab=x&license=expired&license=missing&q=acme&orderBy=license.expiresAt&order=desc',
    );
  });

  it('round-trips', () => {
    const search =
      'license=expired&journal=overdue&journal=never-received&owner=group%3Adefault%2Fsolutions-east&orderBy=name&order=asc';
    expect(writeFleetView(read(search)).toString()).toBe(search);
  });

  it('turns a view into the API query, without empty filters', () => {
    expect(
      toDeploymentQuery(read('upgrade=blocked&q=&orderBy=upgrade.daysBehind')),
    ).toEqual({
      upgrade: ['blocked'],
      orderBy: 'upgrade.daysBehind',
      order: 'asc',
    });
    expect(toDeploymentQuery(read(''))).toEqual({});
  });

  it('knows whether the fleet is filtered, and clears filters but not the sort', () => {
    expect(isFiltered(read('orderBy=name'))).toBe(false);
    expect(isFiltered(read('q=acme'))).toBe(true);
    expect(isFiltered(read('owner=group:default/a'))).toBe(true);
    const cleared = clearFilters(read('gpu=tight&q=x&orderBy=name&order=desc'));
    expect(isFiltered(cleared)).toBe(false);
    expect(cleared).toMatchObject({ orderBy: 'name', order: 'desc' });
  });
});

describe('attention tiles', () => {
  const tile = (id: string) => ATTENTION_TILES.find(t => t.id === id)!;

  it('counts every status the tile stands for', () => {
    const summary = summaryOf([], {
      journal: {
        fresh: 1,
        due: 2,
        overdue: 3,
        'never-received': 4,
        'not-applicable': 5,
      },
    });
    expect(tileCount(tile('journals-late'), summary)).toBe(7);
    expect(tileCount(tile('license-lapsed'), summary)).toBe(0);
  });

  it('toggles its filter and leaves the others alone', () => {
    const view = read('profile=airgapped&license=valid');
    const on = toggleTile(tile('license-lapsed'), view);
    expect(on.license).toEqual(['expired', 'missing']);
    expect(on.profile).toEqual(['airgapped']);
    expect(isTileActive(tile('license-lapsed'), on)).toBe(true);
    expect(isTileActive(tile('license-expiring'), on)).toBe(false);
    expect(toggleTile(tile('license-lapsed'), on).license).toEqual([]);
  });
});
