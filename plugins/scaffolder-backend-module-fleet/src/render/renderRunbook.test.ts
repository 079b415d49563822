import { z } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';
import {
  ANSWER_MATRIX,
  answersFor,
  answersWithDatabases,
} from '../__testUtils__/answerMatrix';
import { renderRunbook } from './renderRunbook';

const parseAnswers = (input: unknown) =>
  onboardingAnswersSchema(z).parse(input);

describe('renderRunbook', () => {
  it.each(ANSWER_MATRIX)(
    "%s: names this deployment's pods, claims and jobs",
    (_, answers) => {
      const text = renderRunbook(answers);
      expect(text).toContain(`# Runbook: ${answers.deployment.name}`);
      expect(text).toContain(`--version ${answers.chart.version}`);
      expect(text).toContain('-f values.yaml');
      for (const pod of [
        'deepgram-billing-0',
        'deepgram-billing-1',
        'deepgram-billing-2',
      ]) {
        expect(text).toContain(`| \`${pod}\``);
      }
      expect(text).toContain('kubectl create job');
      expect(text).toContain('collect-status.sh');
      expect(text).not.toMatch(/kubectl delete (pvc|pv)\b|rm -/);
    },
  );

  it("per-pod claims: retrieval pinned to each billing pod's node", () => {
    const text = renderRunbook(
      parseAnswers(answersFor('airgapped', 'ebs', 'pvc', 2)),
    );
    expect(text).toContain(
      'claimName: journal-deepgram-billing-1, readOnly: true',
    );
    expect(text).toContain(
      "NODE=$(kubectl get pod deepgram-billing-1 -n dg-self-hosted -o jsonpath='{.spec.nodeName}')",
    );
    expect(text).toContain('--from=cronjob/journal-backup-deepgram-billing-1');
    expect(text).toContain(
      'helm pull deepgram/deepgram-self-hosted --version 0.42.0',
    );
  });

  it('shared EFS: one helper reading every journal-<pod>/ folder', () => {
    const text = renderRunbook(
      parseAnswers(answersFor('connected', 'efs', 's3-irsa', 2)),
    );
    expect(text).toContain('claimName: dg-models-aws-efs-pvc, readOnly: true');
    expect(text).toContain('/journals/journal-deepgram-billing-1/journal');
    expect(text).toContain('--from=cronjob/journal-backup ');
  });

  describe('Database backups and restore', () => {
    const section = (text: string) =>
      text.slice(text.indexOf('Database backups and restore'));

    it('is left out, and the numbering unchanged, without databases', () => {
      const text = renderRunbook(
        parseAnswers(answersFor('airgapped', 'ebs', 'nfs', 2)),
      );
      expect(text).not.toContain('Database backups');
      expect(text.match(/^## \d+\. .*/gm)).toEqual([
        '## 1. Secrets to create',
        '## 2. Install',
        '## 3. Billing journals',
        '## 4. What to send back, and where',
      ]);
    });

    it('comes after the journals, each database with its job, Secret and dumps', () => {
      const text = renderRunbook(
        parseAnswers(answersWithDatabases('airgapped', 'ebs', 'nfs', 2)),
      );
      expect(text.match(/^## \d+\. .*/gm)).toEqual([
        '## 1. Secrets to create',
        '## 2. Install',
        '## 3. Billing journals',
        '## 4. Database backups and restore',
        '## 5. What to send back, and where',
      ]);
      expect(text).toContain(
        "--from-literal=PGUSER='<database user>' --from-literal=PGPASSWORD='<database password>'",
      );
      expect(section(text)).toContain(
        '| `transcripts-db` (`transcripts` on `pg.acme.internal:5433`) | `db-backup-transcripts-db` | `transcripts-db-credentials` | NFS 10.0.0.12:/exports/journals/deepgram-database-backups/acme-airgapped-ebs-nfs/transcripts-db/ |',
      );
      expect(section(text)).toContain('`analytics_v2` on `10.0.4.20:5432`');
      // The journals' "test it now" names only the journal jobs.
      expect(text).not.toContain('db-backup-analytics-now');
    });

    it('runs one now, says how the manifests come back, never the dumps', () => {
      const text = section(
        renderRunbook(
          parseAnswers(answersWithDatabases('airgapped', 'ebs', 'pvc', 1)),
        ),
      );
      expect(text).toContain(
        'kubectl create job -n dg-self-hosted --from=cronjob/db-backup-transcripts-db db-backup-transcripts-db-manual',
      );
      expect(text).toContain(
        'copies each manifest into `acme-airgapped-ebs-pvc/` of the backup target',
      );
      expect(text).toContain(
        '/api/fleet/deployments/default/acme-airgapped-ebs-pvc/backups',
      );
      expect(text).toContain('only the manifests come back to us');
    });

    it('without journals, says to return the manifests folder on its own', () => {
      const input = answersWithDatabases('connected', 'ebs', 'nfs', 1);
      const text = section(
        renderRunbook(parseAnswers({ ...input, billing: { journals: false } })),
      );
      expect(text).toContain(
        "copy that folder (manifests only) into the vendor's inbox as is",
      );
    });

    it('restores with the writers stopped first and started again after the check', () => {
      const text = section(
        renderRunbook(
          parseAnswers(answersWithDatabases('airgapped', 'ebs', 'nfs', 1)),
        ),
      );
      const order = [
        'sha256sum /backups/deepgram-database-backups/acme-airgapped-ebs-nfs/transcripts-db/$DUMP',
        'kubectl scale deployment -n dg-self-hosted --all --replicas=0',
        'pg_restore --clean --if-exists --no-owner -d transcripts /backups/deepgram-database-backups/acme-airgapped-ebs-nfs/transcripts-db/$DUMP',
        "psql -d transcripts -c '\\dt+'",
        'kubectl scale deployment -n dg-self-hosted "$name" --replicas="$replicas"',
      ].map(step => {
        expect(text).toContain(step);
        return text.indexOf(step);
      });
      expect([...order].sort((x, y) => x - y)).toEqual(order);
      // The restore pod reads the password from the Secret, and runs the mirrored image.
      expect(text).toContain(
        '{ name: PGPASSWORD, valueFrom: { secretKeyRef: { name: transcripts-db-credentials, key: PGPASSWORD } } }',
      );
      expect(text).toContain('image: registry.acme.internal:5000/postgres:16');
      expect(text).toContain(
        'nfs: { server: 10.0.0.12, path: /exports/journals, readOnly: true }',
      );
    });

    it('from S3: the dump is fetched into the restore pod, and manifests come back through the journals prefix', () => {
      const text = section(
        renderRunbook(
          parseAnswers(answersWithDatabases('connected', 'efs', 's3-irsa', 1)),
        ),
      );
      expect(text).toContain(
        'aws s3 cp s3://acme-journals/deepgram-database-backups/acme-connected-efs-s3-irsa/transcripts-db/$DUMP .',
      );
      expect(text).toContain(
        'kubectl cp "$DUMP" dg-self-hosted/db-restore-transcripts-db:/restore/"$DUMP"',
      );
      expect(text).toContain(
        'pg_restore --clean --if-exists --no-owner -d transcripts /restore/$DUMP',
      );
      expect(text).toContain(
        '`s3://acme-journals/deepgram-journals/acme-connected-efs-s3-irsa/`, beside the journals',
      );
    });
  });
});
