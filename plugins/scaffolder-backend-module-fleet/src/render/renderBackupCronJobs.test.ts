import { parseAllDocuments } from 'yaml';
import { CronJob, type ICronJob } from 'kubernetes-models/batch/v1';
import { ServiceAccount, type IServiceAccount } from 'kubernetes-models/v1';
import { z } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';
import { ANSWER_MATRIX, answersFor } from '../__testUtils__/answerMatrix';
import { renderBackupCronJobs } from './renderBackupCronJobs';

function render(answers: Parameters<typeof renderBackupCronJobs>[0]) {
  const docs = parseAllDocuments(renderBackupCronJobs(answers));
  for (const doc of docs) {
    expect(doc.errors).toEqual([]);
  }
  const objects = docs.map(doc => doc.toJS() as { kind: string });
  return {
    cronJobs: objects.filter(o => o.kind === 'CronJob') as ICronJob[],
    others: objects.filter(o => o.kind !== 'CronJob'),
  };
}

function podOf(job: ICronJob) {
  return job.spec!.jobTemplate.spec!.template.spec!;
}

describe('renderBackupCronJobs', () => {
  it.each(ANSWER_MATRIX)(
    '%s: every document parses and validates against the Kubernetes schemas',
    (_, answers) => {
      const { cronJobs, others } = render(answers);
      expect(cronJobs.length).toBeGreaterThan(0);
      for (const job of cronJobs) {
        expect(() => new CronJob(job).validate()).not.toThrow();
      }
      for (const other of others) {
        expect(other.kind).toBe('ServiceAccount');
        expect(() =>
          new ServiceAccount(other as IServiceAccount).validate(),
        ).not.toThrow();
      }
    },
  );

  it.each(ANSWER_MATRIX)(
    '%s: safe job settings, read-only journals, no deletion, inbox layout',
    (_, answers) => {
      for (const job of render(answers).cronJobs) {
        expect(job.spec).toMatchObject({
          schedule: '0 2 * * *',
          timeZone: 'Etc/UTC',
          concurrencyPolicy: 'Forbid',
          startingDeadlineSeconds: expect.any(Number),
          successfulJobsHistoryLimit: expect.any(Number),
          failedJobsHistoryLimit: expect.any(Number),
        });
        expect(job.spec!.jobTemplate.spec!.backoffLimit).toBeGreaterThan(0);
        const pod = podOf(job);
        const journals = pod.volumes!.find(v => v.name === 'journals')!;
        expect(journals.persistentVolumeClaim?.readOnly).toBe(true);
        const containers = [...(pod.initContainers ?? []), ...pod.containers];
        for (const container of containers) {
          expect(container.resources?.limits).toBeDefined();
          const journalMounts = (container.volumeMounts ?? []).filter(
            mount => mount.name === 'journals',
          );
          expect(journalMounts.every(mount => mount.readOnly)).toBe(true);
          const script = (container.command ?? []).join(' ');
          expect(script).not.toMatch(
            /\brm\b|--delete|\bapk\b|apt-get|\byum\b|pip install|curl|wget/,
          );
        }
        const archive = containers.find(c => c.name === 'archive')!;
        expect(archive.command!.join('\n')).toContain(
          `/archives/${answers.deployment.name}/$pod`,
        );
        expect(archive.command!.join('\n')).toContain('journal-$stamp.tar.gz');
      }
    },
  );

  it('per-pod EBS claims: one job per replica, pinned to the node of its billing pod', () => {
    const answers = onboardingAnswersSchema(z).parse(
      answersFor('airgapped', 'ebs', 'nfs', 3),
    );
    const { cronJobs } = render(answers);
    expect(cronJobs.map(j => j.metadata!.name)).toEqual([
      'journal-backup-deepgram-billing-0',
      'journal-backup-deepgram-billing-1',
      'journal-backup-deepgram-billing-2',
    ]);
    cronJobs.forEach((job, index) => {
      const pod = podOf(job);
      expect(
        pod.volumes!.find(v => v.name === 'journals')!.persistentVolumeClaim!
          .claimName,
      ).toBe(`journal-deepgram-billing-${index}`);
      expect(
        pod.affinity!.podAffinity!
          .requiredDuringSchedulingIgnoredDuringExecution,
      ).toEqual([
        {
          labelSelector: {
            matchLabels: {
              'statefulset.kubernetes.io/pod-name': `deepgram-billing-${index}`,
            },
          },
          topologyKey: 'kubernetes.io/hostname',
        },
      ]);
      expect(pod.containers[0].command!.join('\n')).toContain(
        `archive deepgram-billing-${index} /journals/`,
      );
      // Air-gapped: the archive image comes from the private registry.
      expect(pod.containers[0].image).toBe(
        'registry.acme.internal:5000/busybox:1.36',
      );
      expect(pod.imagePullSecrets).toEqual([{ name: 'acme-regcred' }]);
    });
  });

  it('shared EFS volume: one job archiving every journal-<pod>/ folder of the models claim', () => {
    const answers = onboardingAnswersSchema(z).parse(
      answersFor('connected', 'efs', 's3-irsa', 2),
    );
    const { cronJobs, others } = render(answers);
    expect(cronJobs).toHaveLength(1);
    const pod = podOf(cronJobs[0]);
    expect(
      pod.volumes!.find(v => v.name === 'journals')!.persistentVolumeClaim!
        .claimName,
    ).toBe('dg-models-aws-efs-pvc');
    expect(pod.affinity).toBeUndefined();
    const script = pod.initContainers![0].command!.join('\n');
    expect(script).toContain(
      'archive deepgram-billing-0 /journals/journal-deepgram-billing-0',
    );
    expect(script).toContain(
      'archive deepgram-billing-1 /journals/journal-deepgram-billing-1',
    );
    expect(pod.serviceAccountName).toBe('journal-backup');
    expect(pod.containers[0].command!.join('\n')).toContain(
      's3://acme-journals/deepgram-journals/',
    );
    expect(others).toEqual([
      expect.objectContaining({
        kind: 'ServiceAccount',
        metadata: expect.objectContaining({
          annotations: {
            'eks.amazonaws.com/role-arn':
              'arn:aws:iam::123456789012:role/journal-backup',
          },
        }),
      }),
    ]);
  });

  it('S3 with a credentials secret reads the keys from the Secret by name', () => {
    const answers = onboardingAnswersSchema(z).parse(
      answersFor('connected', 'existing-pvc', 's3-secret', 1),
    );
    const pod = podOf(render(answers).cronJobs[0]);
    expect(pod.containers[0].env).toContainEqual({
      name: 'AWS_SECRET_ACCESS_KEY',
      valueFrom: {
        secretKeyRef: { name: 'acme-journal-s3', key: 'AWS_SECRET_ACCESS_KEY' },
      },
    });
    // An existing claim may be RWO: the job follows the billing pods' node.
    expect(
      pod.affinity!.podAffinity!
        .requiredDuringSchedulingIgnoredDuringExecution![0].labelSelector,
    ).toEqual({ matchLabels: { app: 'deepgram-billing' } });
  });

  it('validation catches a broken object (the check is real)', () => {
    const answers = ANSWER_MATRIX[0][1];
    const job = render(answers).cronJobs[0];
    const broken = {
      ...job,
      spec: { ...job.spec!, concurrencyPolicy: 42 },
    } as unknown as ICronJob;
    expect(() => new CronJob(broken).validate()).toThrow();
  });

  it('renders nothing to apply when billing journals are off', () => {
    const answers = onboardingAnswersSchema(z).parse({
      ...answersFor('connected', 'ebs', 's3-irsa'),
      billing: { journals: false, journalStorage: 'ebs' },
    });
    expect(render(answers).cronJobs).toEqual([]);
  });
});
