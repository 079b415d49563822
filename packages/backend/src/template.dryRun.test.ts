import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { findSecretLikeValues } from '@fleetdeck/plugin-fleet-common';
import scaffolderModuleFleet from '@fleetdeck/plugin-scaffolder-backend-module-fleet';

jest.setTimeout(120_000);

const TEMPLATE = path.resolve(
  __dirname,
  '../../../examples/templates/new-customer-deployment/template.yaml',
);

/** What an SE fills in for a new air-gapped customer with per-pod volumes and NFS backups. */
const AIRGAPPED_VALUES = {
  customerChoice: 'new',
  customerName: 'acme',
  customerTitle: 'ACME Corp',
  customerTier: 'enterprise',
  name: 'acme-prod',
  environment: 'production',
  owner: 'group:default/solutions-east',
  namespace: 'dg-self-hosted',
  kubernetesVersion: '1.31',
  profile: 'airgapped',
  cloud: 'aws',
  chartVersion: '0.42.0',
  pullSecretName: 'dg-regcred',
  registryHost: 'registry.acme.internal:5000',
  billingReplicas: 2,
  journalStorage: 'ebs',
  journalStorageClass: 'gp3',
  journalSize: '1Gi',
  backupTarget: 'nfs',
  backupSchedule: '0 2 * * *',
  nfsServer: 'nfs.acme.internal',
  nfsPath: '/exports/journals',
  // as the form's FleetGpuSizing field proposes them for 8 streams at 0.42.0
  gpuSizing: {
    expectedStreams: 8,
    engineReplicas: 2,
    gpusPerEngine: 1,
    engineMemoryGiB: 16,
    cpu: '4',
    memory: '24Gi',
  },
  gpuResourceName: 'nvidia.com/gpu',
  licenseId: 'LIC-ACME-7',
  licenseExpiresAt: '2027-03-31',
  licenseProxy: true,
};

/** An existing connected customer with EFS journals backed up to S3 through IRSA. */
const CONNECTED_VALUES = {
  customerChoice: 'existing',
  customer: 'customer:default/brightline-contact',
  name: 'brightline-contact-eu',
  environment: 'production',
  owner: 'group:default/solutions-west',
  namespace: 'dg-self-hosted',
  kubernetesVersion: '1.30',
  profile: 'connected',
  cloud: 'aws',
  chartVersion: '0.41.1',
  pullSecretName: 'dg-regcred',
  billingReplicas: 1,
  journalStorage: 'efs',
  efsFileSystemId: 'fs-0a1b2c3d4e5f60718',
  backupTarget: 's3-irsa',
  backupSchedule: '30 1 * * *',
  s3Bucket: 'brightline-journals',
  s3Region: 'eu-west-1',
  s3RoleArn: 'arn:aws:iam::123456789012:role/journal-backup',
  // the proposal overridden, CPU and memory left to the chart's defaults
  gpuSizing: {
    expectedStreams: 40,
    engineReplicas: 4,
    gpusPerEngine: 1,
    engineMemoryGiB: 20,
  },
  gpuResourceName: 'nvidia.com/mig-3g.40gb',
  licenseId: 'LIC-BRIGHT-2',
  licenseExpiresAt: '2027-06-30',
  licenseProxy: false,
};

type DryRunResponse = {
  directoryContents: Array<{ path: string; base64Content: string }>;
  log: Array<{ body: { message: string; status?: string } }>;
  steps: Array<{ id: string }>;
  output: { links?: Array<{ entityRef?: string; url?: string }> };
};

async function dryRun(values: object): Promise<request.Response> {
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleFleet,
      catalogServiceMock.factory({ entities: [] }),
    ],
  });
  return request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', mockCredentials.user.header())
    .send({
      template: parse(fs.readFileSync(TEMPLATE, 'utf8')),
      values,
      secrets: {},
      directoryContents: [],
    });
}

function filesOf(body: DryRunResponse): Record<string, string> {
  return Object.fromEntries(
    body.directoryContents.map(f => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8'),
    ]),
  );
}

describe('the new-customer-deployment template, dry-run through the real scaffolder', () => {
  it.each([
    ['air-gapped, new customer, EBS, NFS', AIRGAPPED_VALUES, 'acme-prod'],
    [
      'connected, existing customer, EFS, S3 with IRSA',
      CONNECTED_VALUES,
      'brightline-contact-eu',
    ],
  ])(
    '%s: renders every file and would register the deployment',
    async (_, values, name) => {
      const response = await dryRun(values);
      expect(response.body.error?.message).toBeUndefined();
      expect(response.status).toBe(200);
      const body = response.body as DryRunResponse;
      const files = filesOf(body);
      expect(Object.keys(files).sort()).toEqual([
        'RUNBOOK.md',
        'backup-cronjobs.yaml',
        'collect-status.sh',
        'values.yaml',
      ]);
      for (const [file, content] of Object.entries(files)) {
        expect({
          file,
          hits: findSecretLikeValues(content.split('\n')),
        }).toEqual({
          file,
          hits: [],
        });
      }
      for (const doc of parseAllDocuments(files['backup-cronjobs.yaml'])) {
        expect(doc.errors).toEqual([]);
      }
      expect(body.steps.map(s => s.id)).toEqual([
        'values',
        'backups',
        'runbook',
        'register',
      ]);
      const messages = body.log.map(l => l.body.message).join('\n');
      expect(messages).toContain(
        `Dry run: would register customerdeployment:default/${name}`,
      );
      expect(body.output.links).toEqual([
        expect.objectContaining({
          entityRef: `customerdeployment:default/${name}`,
        }),
        expect.objectContaining({ url: `/fleet?q=${name}` }),
      ]);
    },
  );

  it('carries the answers through: registry, per-pod claims, customer name from the picker', async () => {
    const airgapped = filesOf((await dryRun(AIRGAPPED_VALUES)).body);
    expect(
      parse(airgapped['values.yaml']).global.initContainer.image.registry,
    ).toBe('registry.acme.internal:5000');
    expect(airgapped['backup-cronjobs.yaml']).toContain(
      'claimName: journal-deepgram-billing-1',
    );
    const connected = filesOf((await dryRun(CONNECTED_VALUES)).body);
    expect(connected['RUNBOOK.md']).toContain('Customer `brightline-contact`');
    expect(parse(connected['values.yaml']).global.deepgramSecretRef).toBe(
      'dg-api-key',
    );
  });

  it('carries the load and the engines sized for it into values.yaml, RUNBOOK.md and the entity', async () => {
    const airgapped = (await dryRun(AIRGAPPED_VALUES)).body as DryRunResponse;
    const files = filesOf(airgapped);
    const values = parse(files['values.yaml']);
    expect(values.scaling.replicas.engine).toBe(2);
    expect(values.engine.resources).toEqual({
      gpuResourceName: 'nvidia.com/gpu',
      requests: { gpu: 1, cpu: '4', memory: '24Gi' },
      limits: { gpu: 1, cpu: '4', memory: '24Gi' },
    });
    expect(files['RUNBOOK.md']).toContain(
      'Sized for 8 concurrent streams at peak: 2 engine pods with 1 nvidia.com/gpu, 16 GiB of GPU memory, 4 CPU and 24Gi memory each.',
    );
    // the register step's input, as the dry-run logs it: the entity keeps load and memory
    const registerInput = airgapped.log
      .map(l => l.body.message)
      .find(m => m.includes('fleet:deployment:register in dry-run mode'));
    expect(registerInput).toMatch(/"expectedStreams": 8,/);
    expect(registerInput).toMatch(/"engineMemoryGiB": 16,/);

    const connected = filesOf((await dryRun(CONNECTED_VALUES)).body);
    expect(parse(connected['values.yaml']).engine.resources).toEqual({
      gpuResourceName: 'nvidia.com/mig-3g.40gb',
      requests: { gpu: 1 },
      limits: { gpu: 1 },
    });
    expect(connected['RUNBOOK.md']).toContain(
      'Sized for 40 concurrent streams at peak: 4 engine pods with 1 nvidia.com/mig-3g.40gb and 20 GiB of GPU memory each.',
    );
  });

  it('connected with license-server billing: no journals, so no backup CronJobs', async () => {
    const {
      billingReplicas: _replicas,
      journalStorage: _storage,
      efsFileSystemId: _efs,
      s3Bucket: _bucket,
      s3Region: _region,
      s3RoleArn: _role,
      ...rest
    } = CONNECTED_VALUES;
    const response = await dryRun({
      ...rest,
      name: 'brightline-contact-apac',
      billingMode: 'license-server',
      backupTarget: 'none',
    });
    expect(response.body.error?.message).toBeUndefined();
    expect(response.status).toBe(200);
    const files = filesOf(response.body as DryRunResponse);
    expect(Object.keys(files).sort()).toEqual([
      'RUNBOOK.md',
      'collect-status.sh',
      'values.yaml',
    ]);
    const values = parse(files['values.yaml']);
    expect(values.billing?.enabled).not.toBe(true);
    expect(values.global.deepgramSecretRef).toBe('dg-api-key');
    expect(files['RUNBOOK.md']).not.toContain('journal-deepgram-billing');
  });

  it('with a database: its backup CronJob, the restore in RUNBOOK.md and spec.databases on the entity', async () => {
    const response = await dryRun({
      ...AIRGAPPED_VALUES,
      databases: [
        {
          name: 'transcripts-db',
          host: 'pg.acme.internal',
          database: 'transcripts',
          credentialsSecretRef: 'transcripts-db-credentials',
          postgresVersion: 16,
        },
      ],
    });
    expect(response.body.error?.message).toBeUndefined();
    expect(response.status).toBe(200);
    const body = response.body as DryRunResponse;
    const files = filesOf(body);
    for (const [file, content] of Object.entries(files)) {
      expect({ file, hits: findSecretLikeValues(content.split('\n')) }).toEqual(
        {
          file,
          hits: [],
        },
      );
    }
    const jobs = parseAllDocuments(files['backup-cronjobs.yaml']).map(
      doc => doc.toJS() as { kind: string; metadata: { name: string } },
    );
    expect(jobs.map(j => j.metadata.name)).toEqual([
      'journal-backup-deepgram-billing-0',
      'journal-backup-deepgram-billing-1',
      'db-backup-transcripts-db',
    ]);
    expect(files['backup-cronjobs.yaml']).toContain(
      'image: registry.acme.internal:5000/postgres:16',
    );
    expect(files['RUNBOOK.md']).toContain('Database backups and restore');
    expect(files['RUNBOOK.md']).toContain(
      'pg_restore --clean --if-exists --no-owner -d transcripts',
    );
    const registerInput = body.log
      .map(l => l.body.message)
      .find(m => m.includes('fleet:deployment:register in dry-run mode'));
    expect(registerInput).toMatch(
      /"credentialsSecretRef": "transcripts-db-credentials"/,
    );
  });

  it('license-server billing with a database still renders its backup to S3', async () => {
    const {
      billingReplicas: _replicas,
      journalStorage: _storage,
      efsFileSystemId: _efs,
      ...rest
    } = CONNECTED_VALUES;
    const response = await dryRun({
      ...rest,
      name: 'brightline-contact-db',
      billingMode: 'license-server',
      databases: [
        {
          name: 'analytics',
          host: 'pg.brightline.internal',
          port: 5433,
          database: 'analytics',
          credentialsSecretRef: 'analytics-db-credentials',
        },
      ],
    });
    expect(response.body.error?.message).toBeUndefined();
    expect(response.status).toBe(200);
    const body = response.body as DryRunResponse;
    expect(body.steps.map(s => s.id)).toContain('backups');
    const files = filesOf(body);
    expect(files['backup-cronjobs.yaml']).toContain(
      'name: db-backup-analytics',
    );
    expect(files['backup-cronjobs.yaml']).not.toContain('journal-backup-');
    expect(files['backup-cronjobs.yaml']).toContain(
      's3://brightline-journals/deepgram-database-backups/brightline-contact-db/analytics/',
    );
  });

  it('refuses a database password given in the form', async () => {
    const response = await dryRun({
      ...AIRGAPPED_VALUES,
      databases: [
        {
          name: 'transcripts-db',
          host: 'pg.acme.internal',
          database: 'transcripts',
          credentialsSecretRef: 'transcripts-db-credentials',
          password: 'Answ3r-Pa55',
        },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      'Database 1 password (databases.0.password) is not an answer',
    );
    expect(JSON.stringify(response.body)).not.toContain('Answ3r-Pa55');
  });

  it('refuses license-server billing for an air-gapped deployment', async () => {
    const response = await dryRun({
      ...AIRGAPPED_VALUES,
      billingMode: 'license-server',
      backupTarget: 'none',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      'must be on for an air-gapped deployment: usage can only come back as journals',
    );
  });

  it("stops with the form's words when answers contradict each other", async () => {
    const response = await dryRun({
      ...AIRGAPPED_VALUES,
      backupTarget: 's3-irsa',
      s3Bucket: 'acme-journals',
      s3Region: 'us-east-1',
      s3RoleArn: 'arn:aws:iam::123456789012:role/journal-backup',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Please fix the onboarding answers: Backup target (backup.target) cannot be S3 for an air-gapped deployment; choose an NFS server or a PVC',
    );
  });
});
