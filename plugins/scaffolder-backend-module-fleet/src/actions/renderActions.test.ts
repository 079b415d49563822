import fs from 'node:fs';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { findSecretLikeValues } from '@fleetdeck/plugin-fleet-common';
import {
  ANSWER_MATRIX,
  EXAMPLE_DATABASES,
  FAKE_LICENSE_KEY,
} from '../__testUtils__/answerMatrix';
import { createRenderBackupCronJobsAction } from './renderBackupCronJobs.action';
import { createRenderRunbookAction } from './renderRunbook.action';
import { createRenderValuesAction } from './renderValues.action';

const actions = [
  createRenderValuesAction(),
  createRenderBackupCronJobsAction(),
  createRenderRunbookAction(),
];

describe('fleet:*:render actions', () => {
  const workspace = createMockDirectory();

  beforeEach(() => workspace.clear());

  /** Runs the three render actions in the template's order; the files they say they wrote. */
  async function renderAll(answers: {
    owner: string;
    profile: string;
    cloud: string;
  }): Promise<string[]> {
    const written: string[] = [];
    for (const action of actions) {
      const ctx = createMockActionContext({
        input: { answers, targetPath: 'out' },
        workspacePath: workspace.path,
      });
      await action.handler(ctx);
      const [[, files]] = (ctx.output as jest.Mock).mock.calls;
      written.push(...files);
    }
    return written;
  }

  it.each(ANSWER_MATRIX)(
    '%s: write their files, with no secret value in them',
    async (_, answers) => {
      const written = await renderAll(answers);
      expect(written).toEqual([
        'out/values.yaml',
        'out/backup-cronjobs.yaml',
        'out/RUNBOOK.md',
        'out/collect-status.sh',
      ]);
      for (const file of written) {
        const content = fs.readFileSync(
          path.join(workspace.path, file),
          'utf8',
        );
        expect({
          file,
          hits: findSecretLikeValues(content.split('\n')),
        }).toEqual({
          file,
          hits: [],
        });
      }
      // The files do speak of secrets — by name, which is what the scan lets through.
      const text = written
        .map(file => fs.readFileSync(path.join(workspace.path, file), 'utf8'))
        .join('\n');
      expect(text).toContain(
        answers.profile === 'airgapped' ? 'dg-license-key' : 'dg-api-key',
      );
      expect(text).toContain(
        answers.backup.target === 's3-secret'
          ? `--from-literal=AWS_SECRET_ACCESS_KEY='<secret access key>'`
          : answers.deployment.name,
      );
      expect(
        fs.statSync(path.join(workspace.path, 'out/collect-status.sh')).mode &
          0o111,
      ).not.toBe(0);
    },
  );

  it.each([
    ['e2e-mx7ivw12', 'e2e-mx7ivw12-prod'],
    ['acme2', 'acme2-prod-us-east-1'],
    ['northwind9', 'northwind9-dr-eu-central-1b'],
  ])(
    'with names holding digits (%s), write files the secret check lets through',
    async (customer, deployment) => {
      for (const [, base] of ANSWER_MATRIX) {
        workspace.clear();
        const named = {
          ...base,
          customer: { ...base.customer, name: customer },
          deployment: { ...base.deployment, name: deployment },
        };
        const written = await renderAll(named);
        for (const file of written) {
          const content = fs.readFileSync(
            path.join(workspace.path, file),
            'utf8',
          );
          expect({
            file,
            hits: findSecretLikeValues(content.split('\n')),
          }).toEqual({ file, hits: [] });
        }
      }
    },
  );

  it.each(ANSWER_MATRIX)(
    '%s with databases: the backup jobs and runbook name the databases, with no secret value',
    async (_, answers) => {
      const withDatabases = { ...answers, databases: EXAMPLE_DATABASES };
      const written = await renderAll(withDatabases);
      const text = written
        .map(file => fs.readFileSync(path.join(workspace.path, file), 'utf8'))
        .join('\n');
      expect(findSecretLikeValues(text.split('\n'))).toEqual([]);
      expect(text).toContain('name: db-backup-transcripts-db');
      expect(text).toContain('## 4. Database backups and restore');
    },
  );

  it('write the database backup jobs for license-server billing with databases', async () => {
    const base = ANSWER_MATRIX.find(([name]) =>
      name.startsWith('connected'),
    )![1];
    const answers = {
      ...base,
      billing: { journals: false, journalStorage: '' },
      databases: EXAMPLE_DATABASES,
    };
    const written = await renderAll(answers);
    expect(written).toEqual([
      'out/values.yaml',
      'out/backup-cronjobs.yaml',
      'out/RUNBOOK.md',
      'out/collect-status.sh',
    ]);
    const jobs = fs.readFileSync(
      path.join(workspace.path, 'out/backup-cronjobs.yaml'),
      'utf8',
    );
    expect(jobs).toContain('name: db-backup-analytics');
    expect(jobs).not.toContain('journal-backup-deepgram-billing');
  });

  it('write no backup CronJobs for license-server billing: it keeps no journals', async () => {
    // What the template sends for a connected customer without journals: the journal and
    // backup answers left empty.
    const base = ANSWER_MATRIX.find(([name]) =>
      name.startsWith('connected'),
    )![1];
    const answers = {
      ...base,
      billing: { journals: false, journalStorage: '' },
      backup: { target: '', schedule: '0 2 * * *' },
    };
    const written = await renderAll(answers);
    expect(written).toEqual([
      'out/values.yaml',
      'out/RUNBOOK.md',
      'out/collect-status.sh',
    ]);
  });

  it('refuse journals without their storage and backup target, in the form’s words', async () => {
    const base = ANSWER_MATRIX.find(([name]) =>
      name.startsWith('connected'),
    )![1];
    const ctx = createMockActionContext({
      input: {
        answers: {
          ...base,
          billing: { journals: true, journalStorage: '' },
          backup: { target: '', schedule: '0 2 * * *' },
        },
      },
      workspacePath: workspace.path,
    });
    await expect(actions[1].handler(ctx)).rejects.toThrow(
      /Journal storage \(billing\.journalStorage\) is required with billing journals.*Backup target \(backup\.target\) is required with billing journals/s,
    );
  });

  it('refuse a license key given as an answer, and write nothing', async () => {
    const [, answers] = ANSWER_MATRIX[0];
    const ctx = createMockActionContext({
      input: {
        answers: {
          ...answers,
          license: { ...answers.license, id: FAKE_LICENSE_KEY },
        },
      },
      workspacePath: workspace.path,
    });
    await expect(actions[0].handler(ctx)).rejects.toThrow(/license\.id/);
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });

  it('write nothing outside the workspace', async () => {
    const [, answers] = ANSWER_MATRIX[0];
    const ctx = createMockActionContext({
      input: { answers, targetPath: '../elsewhere' },
      workspacePath: workspace.path,
    });
    await expect(actions[0].handler(ctx)).rejects.toThrow(/outside/i);
  });
});
