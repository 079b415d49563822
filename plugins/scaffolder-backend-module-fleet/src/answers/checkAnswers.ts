import { InputError } from '@backstage/errors';
import { findSecretLikeValues } from '@fleetdeck/plugin-fleet-common';
import { z } from 'zod/v3';
import { describeCronProblem } from './cron';
import { labelOf } from './labels';
import {
  onboardingAnswersSchema,
  type OnboardingAnswers,
  type OnboardingAnswersInput,
} from './schema';

/** One problem with the answers, by field path. */
export type AnswerProblem = { path: string; message: string };

const schema = onboardingAnswersSchema(z);

/** Rules that span several answers; each message says what to change in the form. */
export function findCrossFieldProblems(a: OnboardingAnswers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const add = (path: string, message: string) =>
    problems.push({ path, message });

  if (a.profile === 'airgapped') {
    if (!a.registry.host) {
      add(
        'registry.host',
        'is required for an air-gapped deployment: every image is pulled from it',
      );
    }
    if (!a.billing.journals) {
      add(
        'billing.journals',
        'must be on for an air-gapped deployment: usage can only come back as journals',
      );
    }
  }
  if (a.billing.journals) {
    if (!a.billing.journalStorage) {
      add(
        'billing.journalStorage',
        'is required with billing journals: efs, ebs or existing-pvc',
      );
    }
    if (a.billing.journalStorage === 'efs') {
      if (a.cloud !== 'aws') {
        add(
          'billing.journalStorage',
          `efs exists only on AWS; on ${a.cloud} choose ebs (per-pod volumes) or an existing PVC`,
        );
      }
      if (!a.billing.efsFileSystemId) {
        add(
          'billing.efsFileSystemId',
          'is required with efs journal storage: the journals share the models file system',
        );
      }
    }
    if (
      a.billing.journalStorage === 'existing-pvc' &&
      !a.billing.existingPvcName
    ) {
      add(
        'billing.existingPvcName',
        'is required with existing-pvc journal storage',
      );
    }
  }
  if (a.billing.journals || a.databases.length > 0) {
    checkBackup(a, add);
  }
  checkDatabases(a, add);
  if (a.customer.isNew && !a.customer.tier) {
    add('customer.tier', 'is required for a new customer');
  }
  if (Number.isNaN(Date.parse(`${a.license.expiresAt}T00:00:00Z`))) {
    add('license.expiresAt', 'must be a real date, YYYY-MM-DD');
  }
  return problems;
}

function checkBackup(
  a: OnboardingAnswers,
  add: (path: string, message: string) => void,
) {
  const { backup } = a;
  if (!backup.target) {
    add(
      'backup.target',
      a.billing.journals
        ? 'is required with billing journals: nfs, pvc, s3-irsa or s3-secret'
        : 'is required to back up the databases: nfs, pvc, s3-irsa or s3-secret',
    );
  }
  const cronProblem = describeCronProblem(backup.schedule);
  if (cronProblem) {
    add('backup.schedule', cronProblem);
  }
  const s3 = backup.target === 's3-irsa' || backup.target === 's3-secret';
  if (s3 && a.profile === 'airgapped') {
    add(
      'backup.target',
      'cannot be S3 for an air-gapped deployment; choose an NFS server or a PVC',
    );
  }
  if (s3 && !backup.s3) {
    add('backup.s3.bucket', 'and S3 region are required for an S3 backup');
  }
  if (backup.target === 's3-irsa' && !backup.s3?.roleArn) {
    add('backup.s3.roleArn', 'is required for S3 with an IRSA role');
  }
  if (backup.target === 's3-secret' && !backup.s3?.credentialsSecretName) {
    add(
      'backup.s3.credentialsSecretName',
      'is required for S3 with a credentials secret (its name, never the keys)',
    );
  }
  if (backup.target === 'nfs' && !backup.nfs) {
    add('backup.nfs.server', 'and NFS path are required for an NFS backup');
  }
  if (backup.target === 'pvc' && !backup.pvc) {
    add('backup.pvc.claimName', 'is required for a PVC backup');
  }
}

function checkDatabases(
  a: OnboardingAnswers,
  add: (path: string, message: string) => void,
) {
  const seen = new Set<string>();
  a.databases.forEach((db, index) => {
    if (seen.has(db.name)) {
      add(
        `databases.${index}.name`,
        `"${db.name}" is used twice; each database needs its own name (its backup CronJob is db-backup-<name>)`,
      );
    }
    seen.add(db.name);
  });
}

/**
 * Keys of a database answer that would carry a credential: the form has none, so one here is a
 * password pasted where it must not go.
 */
const CREDENTIAL_KEY = /pass|secret(?!ref)|token|credential(?!ssecretref)/i;

function findDatabaseCredentials(input: unknown): AnswerProblem[] {
  const databases =
    input && typeof input === 'object'
      ? (input as { databases?: unknown }).databases
      : undefined;
  if (!Array.isArray(databases)) {
    return [];
  }
  return databases.flatMap((db, index) =>
    db && typeof db === 'object'
      ? Object.keys(db)
          .filter(key => CREDENTIAL_KEY.test(key))
          .map(key => ({
            path: `databases.${index}.${key}`,
            message:
              'is not an answer: give the name of the Secret holding PGUSER and PGPASSWORD in credentialsSecretRef, never the password',
          }))
      : [],
  );
}

function describeZodIssue(issue: z.ZodIssue): AnswerProblem {
  const path = issue.path.join('.');
  if (issue.code === 'invalid_string' && issue.validation === 'regex') {
    return { path, message: 'has a form the field does not accept' };
  }
  return { path, message: issue.message.toLocaleLowerCase('en-US') };
}

const isEmpty = (value: unknown) =>
  value === '' ||
  value === null ||
  value === undefined ||
  (typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0);

/**
 * Drops empty answers: a template renders an unanswered optional field as `''` (or `null`),
 * and a group of such fields (the S3 settings of an NFS backup) as an object of them; both
 * mean "not given".
 */
function withoutEmptyAnswers(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutEmptyAnswers);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, withoutEmptyAnswers(v)] as const)
        .filter(([, v]) => !isEmpty(v)),
    );
  }
  return value;
}

/**
 * Reads and checks the answers; throws an `InputError` that names each field in the form's
 * words. A value that looks like a key or token is refused without being repeated.
 *
 * @public
 */
export function parseOnboardingAnswers(
  input: OnboardingAnswersInput | unknown,
): OnboardingAnswers {
  const secretProblems = [
    ...findSecretLikeValues(input).map(hit => ({
      path: hit.path,
      message: `looks like ${hit.kind}; give the name of a Kubernetes Secret, never its value`,
    })),
    ...findDatabaseCredentials(input),
  ];
  if (secretProblems.length > 0) {
    throw answersError(secretProblems);
  }
  const parsed = schema.safeParse(withoutEmptyAnswers(input));
  if (!parsed.success) {
    throw answersError(parsed.error.issues.map(describeZodIssue));
  }
  const problems = findCrossFieldProblems(parsed.data);
  if (problems.length > 0) {
    throw answersError(problems);
  }
  return parsed.data;
}

function answersError(problems: AnswerProblem[]): InputError {
  return new InputError(
    `Please fix the onboarding answers: ${problems
      .map(p => `${labelOf(p.path)} ${p.message}`)
      .join('; ')}`,
  );
}
