import type { DeploymentDatabase } from '@fleetdeck/plugin-fleet-common';
import { backupObservation } from '../../__fixtures__/upgrades';
import { describeBackups } from './describeBackups';

const now = new Date('2026-12-04T12:00:00.000Z');
const hoursAgo = (hours: number) =>
  new Date(now.getTime() - hours * 3600_000).toISOString();

const transcripts: DeploymentDatabase = {
  name: 'transcripts-db',
  engine: 'postgresql',
  host: 'pg.acme.internal',
  database: 'transcripts',
  credentialsSecretRef: 'transcripts-db-credentials',
};

describe('describeBackups', () => {
  it.each([
    // The boundaries are readiness's: stale only when older than 24 h, an error past 48 h.
    [1, 'ok', 'Fresh', 'taken 1 hour ago'],
    [24, 'ok', 'Fresh', 'taken yesterday'],
    [
      24.1,
      'warning',
      'Stale',
      'taken yesterday: 24 hours old, older than the 24 h the upgrade needs.',
    ],
    [47, 'warning', 'Stale', 'older than the 24 h the upgrade needs.'],
    [
      48,
      'warning',
      'Stale',
      'taken 2 days ago: 2 days old, older than the 24 h the upgrade needs.',
    ],
    [48.1, 'error', 'Stale', 'older than the 24 h the upgrade needs.'],
    [
      72,
      'error',
      'Stale',
      'taken 3 days ago: 3 days old, older than the 24 h the upgrade needs.',
    ],
    [-2, 'ok', 'Fresh', 'taken in 2 hours'],
  ])('a backup taken %s hours ago is %s (%s)', (hours, tone, word, detail) => {
    const [row] = describeBackups(
      [transcripts],
      [backupObservation(0, { takenAt: hoursAgo(hours) })],
      now,
    );
    expect(row).toMatchObject({ component: 'transcripts-db', tone, word });
    expect(row.detail).toContain(detail);
  });

  it('names a declared database without a backup, and leaves out backups of undeclared ones', () => {
    expect(
      describeBackups(
        [transcripts],
        [backupObservation(1, { component: 'old-db' })],
        now,
      ),
    ).toEqual([
      {
        component: 'transcripts-db',
        database: 'transcripts',
        tone: 'warning',
        word: 'No backup received yet',
        detail: 'No backup manifest of transcripts-db has reached the portal.',
      },
    ]);
    expect(describeBackups([], [backupObservation(1)], now)).toEqual([]);
  });
});
