import { parseDeploymentQuery } from './parseDeploymentQuery';

describe('parseDeploymentQuery', () => {
  it('turns comma lists, refs and paging into a query', () => {
    expect(
      parseDeploymentQuery({
        license: 'expired, expiring',
        journal: 'overdue',
        gpu: 'tight,',
        upgrade: 'blocked',
        health: 'critical,warning',
        profile: 'airgapped',
        customer: 'acme,customer:emea/globex',
        owner: 'solutions-east,user:default/jane',
        q: '  harbor ',
        orderBy: 'license.expiresAt',
        order: 'desc',
        limit: '20',
        cursor: 'abc',
      }),
    ).toEqual({
      license: ['expired', 'expiring'],
      journal: ['overdue'],
      gpu: ['tight'],
      upgrade: ['blocked'],
      health: ['critical', 'warning'],
      profile: ['airgapped'],
      customer: ['customer:default/acme', 'customer:emea/globex'],
      owner: ['group:default/solutions-east', 'user:default/jane'],
      q: 'harbor',
      orderBy: 'license.expiresAt',
      order: 'desc',
      limit: 20,
      cursor: 'abc',
    });
    expect(parseDeploymentQuery({})).toEqual({});
    expect(parseDeploymentQuery({ license: '', q: ' ' })).toEqual({});
  });

  it.each([
    [
      { license: 'valid,expird' },
      'Invalid license filter "expird"; allowed: valid, expiring, expired, missing, not-required',
    ],
    [
      { customer: 'group:default/x' },
      'Invalid customer filter "group:default/x"; allowed: customer:<namespace>/<name> entity refs, or a customer\'s name',
    ],
    [
      { owner: 'customer:default/acme' },
      'Invalid owner filter "customer:default/acme"; allowed: group:<namespace>/<name> or user:<namespace>/<name> entity refs, or a group\'s name',
    ],
    [
      { orderBy: 'title' },
      'Invalid orderBy "title"; allowed: name, license.expiresAt, journal.lastReceivedAt, upgrade.daysBehind, health',
    ],
    [{ order: 'up' }, 'Invalid order "up"; allowed: asc, desc'],
    [
      { limit: '1.5' },
      'Invalid limit "1.5"; allowed: a whole number from 1 to 500 (default 50)',
    ],
    [
      { q: 'x'.repeat(201) },
      'Invalid q; allowed: text of at most 200 characters',
    ],
  ])('refuses %j', (raw, message) => {
    expect(() => parseDeploymentQuery(raw)).toThrow(message);
  });
});
