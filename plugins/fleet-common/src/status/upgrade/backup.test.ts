import type { DeploymentDatabase } from '../../kinds';
import type { BackupObservation } from '../observations';
import { checkOf, daysFromNow, evaluate } from './__testUtils__/upgradeFixture';

const transcripts: DeploymentDatabase = {
  name: 'transcripts-db',
  engine: 'postgresql',
  host: 'pg.hospital.internal',
  database: 'transcripts',
  credentialsSecretRef: 'transcripts-db-credentials',
};
const summaries: DeploymentDatabase = {
  ...transcripts,
  name: 'summaries-db',
  database: 'summaries',
};

const backupOf = (
  database: DeploymentDatabase,
  hoursAgo: number,
): BackupObservation => ({
  component: database.name,
  database: database.database,
  takenAt: daysFromNow(-hoursAgo / 24).toISOString(),
  bytes: 123456,
  sha256: 'ab'.repeat(32),
  retentionDays: 30,
  receivedAt: daysFromNow(-hoursAgo / 24 + 0.01).toISOString(),
});

const backupNow = (name: string) =>
  `run the backup now: kubectl create job --from=cronjob/db-backup-${name} db-backup-${name}-pre-0-42-0 --namespace dg-self-hosted, then return its manifest through the inbox or the collector`;

describe('evaluateUpgrade', () => {
  describe('backup', () => {
    // the example policy says 0.41.1 changes the database; the base deployment is on 0.39.0
    it.each<{
      case: string;
      installed?: string;
      databases?: DeploymentDatabase[];
      backups?: BackupObservation[];
      outcome: string;
      message: string;
      fix?: string;
    }>([
      {
        case: 'a fresh backup of every database',
        databases: [transcripts, summaries],
        backups: [backupOf(transcripts, 3), backupOf(summaries, 23)],
        outcome: 'pass',
        message:
          '0.41.1 migrates the database; every database has a backup newer than 24 hours: transcripts-db (3 hours old), summaries-db (23 hours old)',
      },
      {
        case: 'no backup on record',
        databases: [transcripts],
        backups: [],
        outcome: 'fail',
        message:
          '0.41.1 migrates the database, and no backup of transcripts-db is on record',
        fix: backupNow('transcripts-db'),
      },
      {
        case: 'a backup older than the recovery point',
        databases: [transcripts, summaries],
        backups: [backupOf(transcripts, 3), backupOf(summaries, 26)],
        outcome: 'fail',
        message:
          'the latest backup of summaries-db is 26 hours old (2026-08-19T10:00:00.000Z), older than the 24-hour recovery point',
        fix: backupNow('summaries-db'),
      },
      {
        case: 'no database declared',
        databases: undefined,
        outcome: 'pass',
        message:
          "0.41.1 changes the product's database, but this deployment declares none (spec.databases)",
      },
      {
        case: 'no release on the way changes a database',
        installed: '0.41.1',
        databases: [transcripts],
        backups: [],
        outcome: 'pass',
        message: 'no release between 0.41.1 and 0.42.0 changes a database',
      },
    ])('$case: $outcome', ({ installed, databases, backups, ...want }) => {
      const check = checkOf(
        evaluate({
          spec: {
            databases,
            ...(installed
              ? { chart: { name: 'deepgram-self-hosted', version: installed } }
              : {}),
          },
          observations: { backups },
        }),
        'backup',
      );
      expect(check.outcome).toBe(want.outcome);
      expect(check.message).toContain(want.message);
      expect(check.fix).toBe(want.fix);
    });

    it('names each database without a fresh backup, and blocks the upgrade', () => {
      const signal = evaluate({
        spec: { databases: [transcripts, summaries] },
        observations: { backups: [backupOf(summaries, 48)] },
      });
      expect(signal.status).toBe('blocked');
      expect(checkOf(signal, 'backup').fix?.split('; ')).toEqual([
        backupNow('transcripts-db'),
        backupNow('summaries-db'),
      ]);
    });
  });
});
