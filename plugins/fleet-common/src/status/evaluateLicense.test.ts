import type { CustomerDeploymentSpec } from '../kinds';
import { evaluateLicense } from './evaluateLicense';

const spec = (
  overrides: Partial<CustomerDeploymentSpec> = {},
): CustomerDeploymentSpec => ({
  customer: 'acme',
  owner: 'group:default/solutions-east',
  lifecycle: 'production',
  profile: 'airgapped',
  chart: { name: 'deepgram-self-hosted', version: '0.42.0' },
  cluster: { kubernetesVersion: '1.31', namespace: 'dg' },
  billing: {
    mode: 'journal',
    replicas: 1,
    journalStorage: 'ebs',
    returnEvery: 'P30D',
  },
  ...overrides,
});

const licensed = (
  expiresAt: string,
  profile: CustomerDeploymentSpec['profile'] = 'airgapped',
) => spec({ profile, license: { id: 'LIC-1', expiresAt } });

describe('evaluateLicense', () => {
  it.each([
    // now, last valid day, status, daysLeft
    ['2026-03-01T12:00:00Z', '2026-04-01', 'valid', 31],
    ['2026-03-01T12:00:00Z', '2026-03-31', 'expiring', 30],
    ['2026-03-01T12:00:00Z', '2026-03-02', 'expiring', 1],
    ['2026-03-01T12:00:00Z', '2026-03-01', 'expiring', 0],
    ['2026-03-01T12:00:00Z', '2026-02-28', 'expired', -1],
    ['2026-03-01T12:00:00Z', '2025-03-01', 'expired', -365],
    // the last valid day is valid all day long, in UTC
    ['2027-03-31T00:00:00.000Z', '2027-03-31', 'expiring', 0],
    ['2027-03-31T23:59:59.999Z', '2027-03-31', 'expiring', 0],
    ['2027-04-01T00:00:00.000Z', '2027-03-31', 'expired', -1],
    ['2027-03-30T23:59:59.999Z', '2027-03-31', 'expiring', 1],
    // leap day: February 2028 has 29 days
    ['2028-01-30T08:00:00Z', '2028-02-29', 'expiring', 30],
    ['2028-01-29T23:59:59Z', '2028-02-29', 'valid', 31],
    ['2028-02-29T23:59:59Z', '2028-02-29', 'expiring', 0],
    ['2028-03-01T00:00:00Z', '2028-02-29', 'expired', -1],
    ['2028-02-01T00:00:00Z', '2028-03-01', 'expiring', 29],
    ['2027-02-01T00:00:00Z', '2027-03-01', 'expiring', 28],
  ])(
    'at %s a license ending %s is %s (%d days left)',
    (now, expiresAt, status, daysLeft) => {
      expect(evaluateLicense(licensed(expiresAt), new Date(now))).toEqual({
        status,
        expiresAt,
        daysLeft,
      });
    },
  );

  it('honours another warning window', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(
      evaluateLicense(licensed('2026-03-08'), now, { warningDays: 7 }).status,
    ).toBe('expiring');
    expect(
      evaluateLicense(licensed('2026-03-09'), now, { warningDays: 7 }).status,
    ).toBe('valid');
  });

  it.each([
    ['airgapped', 'missing'],
    ['connected', 'not-required'],
    ['saas', 'not-required'],
  ] as const)('a %s deployment without a license is %s', (profile, status) => {
    expect(evaluateLicense(spec({ profile }), new Date())).toEqual({ status });
  });

  it('evaluates a connected deployment that declares a license like any other', () => {
    expect(
      evaluateLicense(
        licensed('2026-02-20', 'connected'),
        new Date('2026-03-01T00:00:00Z'),
      ),
    ).toEqual({ status: 'expired', expiresAt: '2026-02-20', daysLeft: -9 });
  });

  it('treats an unreadable expiry date as no usable license', () => {
    expect(
      evaluateLicense(licensed('2027-02-29'), new Date('2026-03-01T00:00:00Z')),
    ).toEqual({
      status: 'missing',
      expiresAt: '2027-02-29',
    });
  });
});
