import type { CustomerDeploymentEntity, DeploymentDatabase } from '../kinds';
import type { ReleasePolicy } from '../releases/types';
import { findSecretLikeValues } from '../secrets/secretLikeValues';
import {
  baseObservations,
  baseSpec,
  now,
  POLICY,
  RELEASES,
  VALUES_DOCUMENT,
} from '../status/upgrade/__testUtils__/upgradeFixture';
import { planUpgrade } from './planUpgrade';
import { renderUpgradePlan } from './renderUpgradePlan';

const transcripts: DeploymentDatabase = {
  name: 'transcripts-db',
  engine: 'postgresql',
  host: 'pg.hospital.internal',
  database: 'transcripts',
  credentialsSecretRef: 'transcripts-db-credentials',
};

const entity: CustomerDeploymentEntity = {
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'CustomerDeployment',
  metadata: {
    name: 'northwind-health-prod',
    namespace: 'default',
    title: 'Northwind Health (prod)',
  },
  spec: { ...baseSpec(), databases: [transcripts] },
};

const policy: ReleasePolicy = {
  ...POLICY,
  requiredIntermediates: [{ from: '<0.40.0', via: '0.40.1' }],
  valuesChanges: [
    ...POLICY.valuesChanges,
    {
      since: '0.40.0',
      from: 'scaling.replicas.engine',
      to: 'scaling.replicas.engines',
      note: 'test rule',
    },
  ],
};

const plan = planUpgrade({
  entity,
  observations: baseObservations(),
  releases: RELEASES,
  policy,
  now,
});
const collector = {
  path: 'collect-status.sh',
  content: '#!/bin/sh\nkubectl version\n',
  mode: 0o755,
};
const files = renderUpgradePlan(plan, {
  entity,
  startValues: VALUES_DOCUMENT,
  releaseNotes: '# Release notes: 0.39.0 → 0.42.0\n',
  collector,
});
const fileOf = (path: string) => {
  const found = files.find(f => f.path === path);
  if (!found) {
    throw new Error(`no ${path} in ${files.map(f => f.path).join(', ')}`);
  }
  return found.content;
};
const upgradeMd = fileOf('UPGRADE.md');

describe('renderUpgradePlan', () => {
  it('renders UPGRADE.md, a values file per step, the release notes and the collector', () => {
    expect(files.map(f => f.path)).toEqual([
      'UPGRADE.md',
      'values/0.40.1.yaml',
      'values/0.42.0.yaml',
      'RELEASE-NOTES.md',
      'collect-status.sh',
    ]);
    expect(files.at(-1)).toEqual(collector);
    expect(fileOf('values/0.40.1.yaml')).toBe(plan.steps[0].values);
  });

  it('puts every command of every step in a fenced block', () => {
    for (const step of plan.steps) {
      for (const command of [
        ...step.commands.preflight,
        step.commands.upgrade,
        ...step.commands.verify,
        ...step.commands.rollback,
      ]) {
        expect(upgradeMd).toContain(`\n${command}\n`);
      }
    }
    expect(upgradeMd).toContain(
      'helm upgrade deepgram charts/deepgram-self-hosted-0.42.0.tgz --version 0.42.0 --namespace dg-self-hosted -f values/0.42.0.yaml --wait --timeout 30m',
    );
    expect(upgradeMd).toContain(
      '```sh\nsh collect-status.sh > status-before-0.40.1.json',
    );
  });

  it('restores the pre-upgrade dump in the rollback of the step that migrates the database, writers stopped first', () => {
    const [first, second] = upgradeMd.split(/^## Step \d: /m).slice(1);
    expect(first).not.toContain('pg_restore');
    expect(second).toContain('**This release migrates the database**');
    const rollback = second.slice(second.indexOf('### Rollback'));
    const stop = rollback.indexOf(
      'kubectl scale deployment --all --replicas=0',
    );
    const restore = rollback.indexOf(
      'pg_restore --clean --if-exists --no-owner --host pg.hospital.internal --port 5432 --dbname transcripts "$DUMP"',
    );
    const helmRollback = rollback.indexOf('helm rollback deepgram');
    expect(stop).toBeGreaterThan(-1);
    expect(restore).toBeGreaterThan(stop);
    expect(helmRollback).toBeGreaterThan(restore);
  });

  it('shows the values changes as a table and a diff', () => {
    expect(upgradeMd).toContain(
      '| `scaling.replicas.engine` | renamed to `scaling.replicas.engines` | 0.40.0 | applied in the values file below | test rule |',
    );
    expect(upgradeMd).toContain(
      [
        '```diff',
        '--- values.yaml (on record)',
        '+++ values/0.40.1.yaml',
        '@@',
      ].join('\n'),
    );
    // the renamed key keeps its place, so the diff is the one line
    expect(upgradeMd).toContain(
      [
        ' scaling:',
        '   replicas:',
        '-    engine: 4',
        '+    engines: 4',
        ' engine:',
      ].join('\n'),
    );
  });

  it('lists the path, the releases passed over and the checks with their fixes', () => {
    expect(upgradeMd).toContain(
      '# Upgrade Northwind Health (prod): deepgram-self-hosted 0.39.0 → 0.42.0',
    );
    expect(upgradeMd).toContain(
      '| 1 | 0.39.0 | 0.40.1 | a required intermediate release | — |',
    );
    expect(upgradeMd).toContain(
      '| 2 | 0.40.1 | 0.42.0 | the target | migrates: backup first |',
    );
    expect(upgradeMd).toContain('- 0.40.2: known-bad: breaks images');
    // no backup of transcripts-db is on record: the check says so, with the fix
    expect(upgradeMd).toContain(
      '| Database backup | ❌ fail | 0.41.1 migrates the database, and no backup of transcripts-db is on record | run the backup now: kubectl create job --from=cronjob/db-backup-transcripts-db',
    );
  });

  it('holds no secret, and is the same for the same plan', () => {
    expect(
      files.flatMap(file => findSecretLikeValues(file.content, file.path)),
    ).toEqual([]);
    expect(
      renderUpgradePlan(plan, {
        entity,
        startValues: VALUES_DOCUMENT,
        releaseNotes: '# Release notes: 0.39.0 → 0.42.0\n',
        collector,
      }),
    ).toEqual(files);
  });

  it('says there is nothing to do for an up-to-date deployment', () => {
    const upToDate = { ...plan, from: '0.42.0', steps: [], skipped: [] };
    expect(renderUpgradePlan(upToDate, { entity })).toEqual([
      {
        path: 'UPGRADE.md',
        content: expect.stringContaining(
          'The deployment already runs 0.42.0: there is nothing to upgrade.',
        ),
      },
    ]);
  });

  it.each(['../collect-status.sh', '/etc/passwd', '.hidden', 'a b.sh'])(
    'refuses the unsafe file name %j',
    path => {
      expect(() =>
        renderUpgradePlan(plan, {
          entity,
          collector: { ...collector, path },
        }),
      ).toThrow(/is not safe/);
    },
  );
});
