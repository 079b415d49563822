import { HOUR_MS } from '../../time/units';
import { describeSpan } from '../../time/durationWords';
import { backupNowCommand } from '../../upgrades/backupJob';
import { parseInstant } from '../time';
import { defineUpgradeCheck, type Finding, inRange } from './context';

/**
 * The recovery point objective of an upgrade that migrates a database: a backup no older
 * than this lets a rollback restore the data as it was at most a day before.
 *
 * @public
 */
export const UPGRADE_BACKUP_MAX_AGE_HOURS = 24;

/**
 * When a release in (current, target] changes a database (policy `databaseChanges`), every
 * database the deployment declares needs a backup newer than 24 hours: the rollback restores
 * it.
 */
export const backupCheck = defineUpgradeCheck({
  id: 'backup',
  title: 'Database backup',
  evaluate(ctx) {
    const { policy, current, target, entity, observations, now } = ctx;
    if (!target) {
      return {
        outcome: 'unknown',
        message: 'no target release to check database changes for',
      };
    }
    if (!policy) {
      return {
        outcome: 'unknown',
        message: `no release policy for ${entity.spec.chart.name}, so the releases that change a database are not known`,
        fix: 'publish a ReleasePolicy next to the chart index',
      };
    }
    const changes = (policy.databaseChanges ?? []).filter(change =>
      inRange(change.since, current, target.version),
    );
    if (!changes.length) {
      return {
        outcome: 'pass',
        message: `no release between ${current} and ${target.version} changes a database`,
      };
    }
    const releases = changes.map(change => change.since).join(', ');
    const databases = entity.spec.databases ?? [];
    if (!databases.length) {
      return {
        outcome: 'pass',
        message: `${releases} changes the product's database, but this deployment declares none (spec.databases)`,
      };
    }
    const findings: Finding[] = [];
    const fresh: string[] = [];
    for (const database of databases) {
      const backup = observations.backups?.find(
        b => b.component === database.name,
      );
      const takenAt = parseInstant(backup?.takenAt);
      const fix = `run the backup now: ${backupNowCommand(
        database,
        entity.spec.cluster.namespace,
        target.version,
      )}, then return its manifest through the inbox or the collector`;
      if (!backup || !takenAt) {
        findings.push({
          outcome: 'fail',
          message: `${releases} migrates the database, and no backup of ${database.name} is on record`,
          fix,
        });
        continue;
      }
      const age = now.getTime() - takenAt.getTime();
      if (age > UPGRADE_BACKUP_MAX_AGE_HOURS * HOUR_MS) {
        findings.push({
          outcome: 'fail',
          message: `${releases} migrates the database, and the latest backup of ${
            database.name
          } is ${describeSpan(age)} old (${
            backup.takenAt
          }), older than the ${UPGRADE_BACKUP_MAX_AGE_HOURS}-hour recovery point`,
          fix,
        });
      } else {
        fresh.push(`${database.name} (${describeSpan(Math.max(0, age))} old)`);
      }
    }
    if (!findings.length) {
      findings.push({
        outcome: 'pass',
        message: `${releases} migrates the database; every database has a backup newer than ${UPGRADE_BACKUP_MAX_AGE_HOURS} hours: ${fresh.join(
          ', ',
        )}`,
      });
    }
    return findings;
  },
});
