import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CronJob, type ICronJob } from 'kubernetes-models/batch/v1';
import {
  validateBackupManifest,
  type BackupManifest,
} from '@fleetdeck/plugin-fleet-common';
import { z } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';
import {
  answersWithDatabases,
  EXAMPLE_DATABASES,
} from '../__testUtils__/answerMatrix';
import {
  databaseBackupPath,
  manifestScript,
  rotationScript,
} from './databaseBackupScript';
import { renderBackupCronJobs } from './renderBackupCronJobs';

type Combination = Parameters<typeof answersWithDatabases>;

const COMBINATIONS: Array<[string, Combination]> = [
  ['air-gapped, NFS', ['airgapped', 'ebs', 'nfs']],
  ['air-gapped, PVC', ['airgapped', 'efs', 'pvc']],
  ['connected, S3 with IRSA', ['connected', 'efs', 's3-irsa']],
  [
    'connected, S3 with a credentials Secret',
    ['connected', 'ebs', 's3-secret'],
  ],
];

function databaseJobs(...combination: Combination): ICronJob[] {
  const answers = onboardingAnswersSchema(z).parse(
    answersWithDatabases(...combination),
  );
  return parseAllDocuments(renderBackupCronJobs(answers))
    .map(doc => doc.toJS() as ICronJob)
    .filter(
      o =>
        o.kind === 'CronJob' &&
        o.metadata?.labels?.['app.kubernetes.io/name'] === 'database-backup',
    );
}

const podOf = (job: ICronJob) => job.spec!.jobTemplate.spec!.template.spec!;
const containersOf = (job: ICronJob) => [
  ...(podOf(job).initContainers ?? []),
  ...podOf(job).containers,
];
const scriptOf = (job: ICronJob, container: string) =>
  containersOf(job)
    .find(c => c.name === container)!
    .command!.join('\n');

/** Runs a POSIX sh script with variables set before it; returns its stdout. */
function sh(script: string, env: Record<string, string>): string {
  return execFileSync('sh', ['-c', `set -eu\n${script}`], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
}

describe('database backup CronJobs', () => {
  it.each(COMBINATIONS)(
    '%s: one valid db-backup-<name> per database, daily at 02:00 UTC, labelled as the journal jobs',
    (_, combination) => {
      const jobs = databaseJobs(...combination);
      expect(jobs.map(j => j.metadata!.name)).toEqual([
        'db-backup-transcripts-db',
        'db-backup-analytics',
      ]);
      for (const job of jobs) {
        expect(() => new CronJob(job).validate()).not.toThrow();
        expect(job.spec).toMatchObject({
          schedule: '0 2 * * *',
          timeZone: 'Etc/UTC',
          concurrencyPolicy: 'Forbid',
        });
        expect(job.metadata!.labels).toEqual({
          'app.kubernetes.io/name': 'database-backup',
          'app.kubernetes.io/part-of': `acme-${combination.join('-')}`,
          'app.kubernetes.io/managed-by': 'fleetdeck',
          'fleetdeck.io/database': job.metadata!.name!.replace(
            /^db-backup-/,
            '',
          ),
        });
        for (const container of containersOf(job)) {
          expect(container.resources?.limits).toBeDefined();
          expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
        }
      }
    },
  );

  it.each(COMBINATIONS)(
    '%s: credentials only by secretKeyRef to the answered Secret, never a value',
    (_, combination) => {
      const [transcripts] = databaseJobs(...combination);
      const env = containersOf(transcripts).find(c => c.name === 'dump')!.env!;
      expect(env).toEqual([
        { name: 'PGHOST', value: 'pg.acme.internal' },
        { name: 'PGPORT', value: '5433' },
        { name: 'PGDATABASE', value: 'transcripts' },
        { name: 'PGAPPNAME', value: 'db-backup-transcripts-db' },
        {
          name: 'PGUSER',
          valueFrom: {
            secretKeyRef: { name: 'transcripts-db-credentials', key: 'PGUSER' },
          },
        },
        {
          name: 'PGPASSWORD',
          valueFrom: {
            secretKeyRef: {
              name: 'transcripts-db-credentials',
              key: 'PGPASSWORD',
            },
          },
        },
      ]);
      const sensitive = containersOf(transcripts)
        .flatMap(c => c.env ?? [])
        .filter(v => /PASSWORD|SECRET|PGUSER/.test(v.name));
      expect(sensitive.length).toBeGreaterThan(0);
      expect(
        sensitive.map(v => [v.name, v.value, !!v.valueFrom?.secretKeyRef]),
      ).toEqual(sensitive.map(v => [v.name, undefined, true]));
    },
  );

  it.each(COMBINATIONS)(
    '%s: pg_dump -Fc, and nothing installed or downloaded at run time',
    (_, combination) => {
      for (const job of databaseJobs(...combination)) {
        const dump = scriptOf(job, 'dump');
        expect(dump).toContain('pg_dump -Fc');
        for (const container of containersOf(job)) {
          expect(container.command!.join('\n')).not.toMatch(
            /\bapk\b|apt-get|\byum\b|\bdnf\b|pip3? install|\bcurl\b|\bwget\b|npm |git clone/,
          );
        }
      }
    },
  );

  it.each([
    ['NFS', ['airgapped', 'ebs', 'nfs'] as Combination],
    ['a PVC', ['airgapped', 'efs', 'pvc'] as Combination],
  ])(
    'air-gapped to %s: postgres:<major> from the private registry, dumps kept and rotated on the volume',
    (target, combination) => {
      const [transcripts, analytics] = databaseJobs(...combination);
      expect(podOf(transcripts).containers.map(c => c.image)).toEqual([
        'registry.acme.internal:5000/postgres:16',
      ]);
      expect(podOf(analytics).containers[0].image).toBe(
        'registry.acme.internal:5000/postgres:18',
      );
      expect(podOf(transcripts).imagePullSecrets).toEqual([
        { name: 'acme-regcred' },
      ]);
      expect(podOf(transcripts).volumes).toEqual([
        target === 'NFS'
          ? {
              name: 'backups',
              nfs: { server: '10.0.0.12', path: '/exports/journals' },
            }
          : {
              name: 'backups',
              persistentVolumeClaim: { claimName: 'journal-archive' },
            },
      ]);
      const script = scriptOf(transcripts, 'dump');
      expect(script).toContain(
        `dir=/backups/deepgram-database-backups/acme-${combination.join(
          '-',
        )}/transcripts-db`,
      );
      expect(script).toContain('rm -f "$old"');
      expect(script).not.toContain('aws ');
    },
  );

  it.each([
    ['IRSA', ['connected', 'efs', 's3-irsa'] as Combination],
    ['a credentials Secret', ['connected', 'ebs', 's3-secret'] as Combination],
  ])(
    'connected to S3 with %s: dump to scratch, upload apart from the journals, manifest to the journals prefix, rotation on S3',
    (how, combination) => {
      const [transcripts] = databaseJobs(...combination);
      const pod = podOf(transcripts);
      expect(pod.initContainers!.map(c => c.name)).toEqual(['dump']);
      expect(pod.containers.map(c => [c.name, c.image])).toEqual([
        ['upload', 'amazon/aws-cli:2.17.0'],
      ]);
      expect(pod.volumes![0]).toEqual({ name: 'backups', emptyDir: {} });
      const deployment = `acme-${combination.join('-')}`;
      const upload = scriptOf(transcripts, 'upload');
      expect(upload).toContain(
        `s3://acme-journals/deepgram-database-backups/${deployment}/transcripts-db/`,
      );
      expect(upload).toContain(
        `aws s3 cp --no-progress "$manifest" s3://acme-journals/deepgram-journals/${deployment}/`,
      );
      expect(upload).toContain('aws s3 rm');
      const region = { name: 'AWS_REGION', value: 'us-east-1' };
      const fromSecret = (key: string) => ({
        name: key,
        valueFrom: { secretKeyRef: { name: 'acme-journal-s3', key } },
      });
      expect(pod.serviceAccountName).toBe(
        how === 'IRSA' ? 'journal-backup' : undefined,
      );
      expect(pod.containers[0].env).toEqual(
        how === 'IRSA'
          ? [region]
          : [
              region,
              fromSecret('AWS_ACCESS_KEY_ID'),
              fromSecret('AWS_SECRET_ACCESS_KEY'),
            ],
      );
    },
  );

  it('a connected deployment without a registry pulls postgres from Docker Hub', () => {
    const [transcripts] = databaseJobs('connected', 'efs', 's3-irsa');
    expect(podOf(transcripts).initContainers![0].image).toBe(
      'docker.io/library/postgres:16',
    );
  });

  it('renders the database jobs even without billing journals', () => {
    const input = answersWithDatabases('connected', 'ebs', 's3-irsa');
    const answers = onboardingAnswersSchema(z).parse({
      ...input,
      billing: { journals: false },
    });
    const kinds = parseAllDocuments(renderBackupCronJobs(answers)).map(doc => {
      const o = doc.toJS() as ICronJob;
      return `${o.kind}/${o.metadata!.name}`;
    });
    expect(kinds).toEqual([
      'ServiceAccount/journal-backup',
      'CronJob/db-backup-transcripts-db',
      'CronJob/db-backup-analytics',
    ]);
  });
});

describe('what the database backup job writes', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-backup-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the manifest beside a dump is a BackupManifest of that dump', () => {
    const file = 'transcripts-db-20261204-020000.dump';
    const dump = Buffer.from('PGDMP fake custom-format dump\n'.repeat(40));
    fs.writeFileSync(path.join(dir, file), dump);

    sh(manifestScript('transcripts-db', 30), {
      dir,
      file,
      stamp: '20261204-020000',
      taken: '2026-12-04T02:00:00Z',
      PGDATABASE: EXAMPLE_DATABASES[1].database,
    });

    expect(fs.readdirSync(dir).sort()).toEqual([
      file,
      'transcripts-db-20261204-020000.manifest.json',
    ]);
    const manifest: BackupManifest = JSON.parse(
      fs.readFileSync(
        path.join(dir, 'transcripts-db-20261204-020000.manifest.json'),
        'utf8',
      ),
    );
    expect(manifest).toEqual({
      apiVersion: 'fleetdeck.io/v1alpha1',
      kind: 'BackupManifest',
      spec: {
        component: 'transcripts-db',
        database: 'analytics_v2',
        takenAt: '2026-12-04T02:00:00Z',
        bytes: dump.length,
        sha256: crypto.createHash('sha256').update(dump).digest('hex'),
        retentionDays: 30,
        file,
      },
    });
    expect(Object.keys(manifest.spec).sort()).toEqual(
      [
        'bytes',
        'component',
        'database',
        'file',
        'retentionDays',
        'sha256',
        'takenAt',
      ].sort(),
    );
    expect(typeof manifest.spec.bytes).toBe('number');
    // What the portal's intake (API and inbox) accepts.
    expect(
      validateBackupManifest(manifest, {
        now: new Date('2026-12-04T03:00:00Z'),
      }),
    ).toEqual(manifest);
  });

  it('a database name with "$" is written as is, not expanded by the shell', () => {
    fs.writeFileSync(path.join(dir, 'a-1.dump'), 'x');
    sh(manifestScript('a', 30), {
      dir,
      file: 'a-1.dump',
      stamp: '1',
      taken: '2026-12-04T02:00:00Z',
      PGDATABASE: 'sales$eu',
    });
    const manifest: BackupManifest = JSON.parse(
      fs.readFileSync(path.join(dir, 'a-1.manifest.json'), 'utf8'),
    );
    expect(manifest.spec.database).toBe('sales$eu');
  });

  it('the rotation removes only this component’s dumps and manifests past the retention', () => {
    const now = Date.now();
    const stampOf = (daysAgo: number) => {
      const d = new Date(now - daysAgo * 86_400_000);
      const iso = d.toISOString().replace(/[-:]/g, '');
      return `${iso.slice(0, 8)}-${iso.slice(9, 15)}`;
    };
    const files = [
      `transcripts-db-${stampOf(31)}.dump`,
      `transcripts-db-${stampOf(31)}.manifest.json`,
      `transcripts-db-${stampOf(29)}.dump`,
      `transcripts-db-${stampOf(29)}.manifest.json`,
      `transcripts-db-${stampOf(0)}.dump`,
      // Not this job's: left alone whatever their age.
      `transcripts-db-notes.dump`,
      `other-${stampOf(90)}.dump`,
    ];
    for (const file of files) {
      fs.writeFileSync(path.join(dir, file), 'x');
    }
    const out = sh(rotationScript('transcripts-db', 30), { dir });
    expect(fs.readdirSync(dir).sort()).toEqual(files.slice(2).sort());
    expect(out).toContain(`rotated out transcripts-db-${stampOf(31)}.dump`);
  });

  it('the whole dump step, with a stand-in pg_dump: dump, manifest, a copy for the inbox, rotation', () => {
    // A stand-in for pg_dump that writes its -f file, as the real one does.
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'pg_dump'),
      '#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = -f ] && printf "PGDMP %s" "$PGDATABASE" > "$2"; shift; done\n',
      { mode: 0o755 },
    );
    const [job] = databaseJobs('airgapped', 'ebs', 'nfs');
    const root = path.join(dir, 'nfs');
    const [shell, flag, dumpStep] = podOf(job).containers[0].command!;
    expect([shell, flag]).toEqual(['/bin/sh', '-c']);
    const script = dumpStep.split('/backups/').join(`${root}/`);
    const old = path.join(
      root,
      'deepgram-database-backups/acme-airgapped-ebs-nfs/transcripts-db',
    );
    fs.mkdirSync(old, { recursive: true });
    fs.writeFileSync(path.join(old, 'transcripts-db-20200101-020000.dump'), '');

    const out = execFileSync('sh', ['-c', script], {
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        PGDATABASE: 'transcripts',
      },
      encoding: 'utf8',
    });

    const kept = fs.readdirSync(old).sort();
    expect(kept).toHaveLength(2);
    expect(kept[0]).toMatch(/^transcripts-db-\d{8}-\d{6}\.dump$/);
    expect(kept[1]).toBe(kept[0].replace(/\.dump$/, '.manifest.json'));
    const manifest: BackupManifest = JSON.parse(
      fs.readFileSync(path.join(old, kept[1]), 'utf8'),
    );
    expect(validateBackupManifest(manifest)).toEqual(manifest);
    expect(manifest.spec).toMatchObject({
      component: 'transcripts-db',
      database: 'transcripts',
      bytes: 'PGDMP transcripts'.length,
      file: kept[0],
    });
    // The inbox reads <deployment>/*.json: the manifest goes there too, the dump never.
    expect(fs.readdirSync(path.join(root, 'acme-airgapped-ebs-nfs'))).toEqual([
      kept[1],
    ]);
    expect(out).toContain('rotated out transcripts-db-20200101-020000.dump');
  });

  it('dumps live apart from the journal folders the customer returns', () => {
    expect(databaseBackupPath('acme-prod', 'transcripts-db')).toBe(
      'deepgram-database-backups/acme-prod/transcripts-db',
    );
  });
});
