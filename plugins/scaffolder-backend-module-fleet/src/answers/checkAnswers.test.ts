import { InputError } from '@backstage/errors';
import {
  answersFor,
  answersWithDatabases,
  EXAMPLE_DATABASES,
  FAKE_API_KEY,
  FAKE_LICENSE_KEY,
  sizedAnswersFor,
} from '../__testUtils__/answerMatrix';
import { parseOnboardingAnswers } from './checkAnswers';
import type { OnboardingAnswersInput } from './schema';

function refusal(input: unknown): string {
  try {
    parseOnboardingAnswers(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the answers to be refused');
}

describe('parseOnboardingAnswers', () => {
  it('applies the defaults', () => {
    const answers = parseOnboardingAnswers(
      answersFor('airgapped', 'ebs', 'nfs'),
    );
    expect(answers.deployment.namespace).toBe('dg-self-hosted');
    expect(answers.chart.name).toBe('deepgram-self-hosted');
    expect(answers.secrets).toEqual({
      apiKey: 'dg-api-key',
      licenseKey: 'dg-license-key',
      licenseFile: 'dg-license-file',
    });
  });

  it.each([
    [
      'license.id',
      (a: OnboardingAnswersInput) => ({
        ...a,
        license: { ...a.license, id: FAKE_LICENSE_KEY },
      }),
    ],
    [
      'registry.pullSecretName',
      (a: OnboardingAnswersInput) => ({
        ...a,
        registry: { ...a.registry, pullSecretName: FAKE_API_KEY },
      }),
    ],
    [
      'customer.title',
      (a: OnboardingAnswersInput) => ({
        ...a,
        customer: { ...a.customer, title: `key ${FAKE_API_KEY}` },
      }),
    ],
  ])('refuses a key pasted into %s without repeating it', (path, paste) => {
    const message = refusal(paste(answersFor('airgapped', 'ebs', 'nfs')));
    expect(message).toContain(path);
    expect(message).toContain('never its value');
    expect(message).not.toContain(FAKE_LICENSE_KEY);
    expect(message).not.toContain(FAKE_API_KEY);
  });

  it.each([
    [
      'backup.s3.credentialsSecretName',
      'an AWS access key id',
      'AKIAZ7ANSWERSACME0ID',
      (a: OnboardingAnswersInput, s: string) => ({
        ...a,
        backup: {
          ...a.backup,
          s3: { ...a.backup?.s3, credentialsSecretName: s },
        },
      }),
    ],
    [
      'backup.s3.bucket',
      'an AWS secret access key',
      'Zq8r/Jd2Kx9Vt4Lw7Bn3+m6Pf1Gs5Yc0EaAnSwRs',
      (a: OnboardingAnswersInput, s: string) => ({
        ...a,
        backup: { ...a.backup, s3: { ...a.backup?.s3, bucket: s } },
      }),
    ],
    [
      'registry.host',
      'a URL with a password',
      'https://acme:Answ3r-Pa55@registry.acme.internal',
      (a: OnboardingAnswersInput, s: string) => ({
        ...a,
        registry: { ...a.registry, host: s },
      }),
    ],
    [
      'customer.title',
      'a password or key assignment',
      'ACME password=Answ3r-Title',
      (a: OnboardingAnswersInput, s: string) => ({
        ...a,
        customer: { ...a.customer, title: s },
      }),
    ],
    [
      'secrets.apiKey',
      'a GitHub token',
      'ghp_AnswersAcme0123456789abcdefghijklmn',
      (a: OnboardingAnswersInput, s: string) => ({
        ...a,
        secrets: { apiKey: s },
      }),
    ],
    [
      'license.id',
      'a JSON Web Token',
      'eyJhbGciOiJIUzI1NiJ9.eyJsaWMiOiJBQ01FIn0.YW5zd2Vycy1qd3Q',
      (a: OnboardingAnswersInput, s: string) => ({
        ...a,
        license: { ...a.license, id: s },
      }),
    ],
  ])(
    'refuses %s holding %s, naming the field and not the value',
    (path, kind, secret, paste) => {
      const message = refusal(
        paste(answersFor('connected', 'ebs', 's3-secret'), secret),
      );
      // The field in the form's words where it has a label: `Label (path)`, else the path.
      expect(message).toMatch(
        new RegExp(`${path.replace(/\./g, '\\.')}\\)? looks like ${kind};`),
      );
      expect(message).not.toContain(secret);
    },
  );

  const withSchedule = (schedule: string) => {
    const input = answersFor('airgapped', 'ebs', 'nfs');
    return { ...input, backup: { ...input.backup, schedule } };
  };

  it.each(['0 2 * * *', '*/15 1-5 1,15 * 0-6', '30 23 * * 0'])(
    'accepts the backup schedule %s',
    schedule => {
      expect(
        parseOnboardingAnswers(withSchedule(schedule)).backup.schedule,
      ).toBe(schedule);
    },
  );

  it.each([
    ['0 25 * * *', 'invalid hour "25"'],
    ['daily', 'needs five fields'],
    ['0 2 * *', 'needs five fields'],
    ['0 2 * 13 *', 'invalid month "13"'],
    ['0 2 5-1 * *', 'invalid day of month "5-1"'],
  ])('refuses the backup schedule %s', (schedule, problem) => {
    const message = refusal(withSchedule(schedule));
    expect(message).toContain('Backup schedule (backup.schedule)');
    expect(message).toContain(problem);
  });

  it("speaks in the form's words about rules across fields", () => {
    const input = answersFor('airgapped', 'efs', 'nfs');
    const message = refusal({
      ...input,
      cloud: 'gcp',
      registry: {},
      backup: { ...input.backup, target: 's3-irsa' },
    });
    expect(message).toContain(
      'Private registry host (registry.host) is required for an air-gapped deployment',
    );
    expect(message).toContain(
      'Journal storage (billing.journalStorage) efs exists only on AWS',
    );
    expect(message).toContain(
      'Backup target (backup.target) cannot be S3 for an air-gapped deployment',
    );
    expect(message).toContain(
      'IAM role ARN (IRSA) (backup.s3.roleArn) is required',
    );
  });

  it('names a field with the wrong form', () => {
    const input = answersFor('connected', 'ebs', 's3-irsa');
    const message = refusal({
      ...input,
      deployment: { ...input.deployment, name: 'Acme Prod' },
    });
    expect(message).toContain('Deployment name (deployment.name) has a form');
  });

  it('reads the sizing, and names a sizing field that is out of range or not a quantity', () => {
    const input = sizedAnswersFor('connected', 'ebs', 's3-irsa');
    expect(parseOnboardingAnswers(input).gpu).toMatchObject({
      expectedStreams: 8,
      engineMemoryGiB: 16,
      engineResources: { cpu: '4', memory: '24Gi' },
    });
    const message = refusal({
      ...input,
      gpu: {
        ...input.gpu,
        expectedStreams: -1,
        engineMemoryGiB: 0,
        engineResources: { cpu: '4 cores', memory: '24GB' },
      },
    });
    expect(message).toContain(
      'Expected concurrent streams (gpu.expectedStreams)',
    );
    expect(message).toContain(
      'GPU memory per engine (GiB) (gpu.engineMemoryGiB)',
    );
    expect(message).toContain(
      'CPU per engine (gpu.engineResources.cpu) has a form the field does not accept',
    );
    expect(message).toContain(
      'Memory per engine (gpu.engineResources.memory) has a form the field does not accept',
    );
  });

  describe('databases', () => {
    const withDatabase = (changes: Record<string, unknown>) => {
      const input = answersWithDatabases('airgapped', 'ebs', 'nfs');
      return {
        ...input,
        databases: [{ ...EXAMPLE_DATABASES[0], ...changes }],
      };
    };

    it('reads them, with the default PostgreSQL major and no databases by default', () => {
      const answers = parseOnboardingAnswers(
        answersWithDatabases('airgapped', 'ebs', 'nfs'),
      );
      expect(answers.databases.map(d => [d.name, d.postgresVersion])).toEqual([
        ['transcripts-db', 16],
        ['analytics', 18],
      ]);
      expect(
        parseOnboardingAnswers(answersFor('airgapped', 'ebs', 'nfs')).databases,
      ).toEqual([]);
    });

    it.each([
      [
        'a password given beside the Secret name',
        { password: 'hunter2' },
        'Database 1 password (databases.0.password) is not an answer: give the name of the Secret holding PGUSER and PGPASSWORD in credentialsSecretRef, never the password',
        'hunter2',
      ],
      [
        'a PGPASSWORD key',
        { PGPASSWORD: 'Answ3r-Pa55' },
        'databases.0.PGPASSWORD) is not an answer',
        'Answ3r-Pa55',
      ],
      [
        'a connection URL with a password as the host',
        { host: 'postgresql://svc:Answ3r-Pa55@pg.acme.internal:5432/db' },
        'Database 1 host (databases[0].host) looks like',
        'Answ3r-Pa55',
      ],
      [
        'a password assignment as the Secret name',
        { credentialsSecretRef: 'PGPASSWORD=Answ3r-Pa55' },
        'Database 1 credentials secret name (databases[0].credentialsSecretRef) looks like',
        'Answ3r-Pa55',
      ],
    ])('refuses %s without repeating it', (_, changes, expected, secret) => {
      const message = refusal(withDatabase(changes));
      expect(message).toContain(expected);
      expect(message).not.toContain(secret);
    });

    it.each([
      [
        'a Secret name that is not a Kubernetes name',
        { credentialsSecretRef: 'Transcripts DB' },
        'Database 1 credentials secret name (databases.0.credentialsSecretRef) has a form the field does not accept',
      ],
      [
        'a name too long for its CronJob',
        { name: 'a'.repeat(41) },
        'Database 1 name (databases.0.name) has a form',
      ],
      [
        'a host with a scheme',
        { host: 'tcp://pg.acme.internal' },
        'Database 1 host (databases.0.host) has a form',
      ],
      [
        'a port out of range',
        { port: 70000 },
        'Database 1 port (databases.0.port)',
      ],
      [
        'an unknown field',
        { sslmode: 'require' },
        "Database 1 (databases.0) unrecognized key(s) in object: 'sslmode'",
      ],
    ])('refuses %s in the form’s words', (_, changes, expected) => {
      expect(refusal(withDatabase(changes))).toContain(expected);
    });

    it('refuses two databases with one name', () => {
      const input = answersWithDatabases('airgapped', 'ebs', 'nfs');
      const message = refusal({
        ...input,
        databases: [EXAMPLE_DATABASES[0], EXAMPLE_DATABASES[0]],
      });
      expect(message).toContain(
        'Database 2 name (databases.1.name) "transcripts-db" is used twice',
      );
    });

    it('needs a backup target for databases even without billing journals', () => {
      const input = answersWithDatabases('connected', 'ebs', 's3-irsa');
      const message = refusal({
        ...input,
        billing: { journals: false },
        backup: { schedule: '0 2 * * *' },
      });
      expect(message).toBe(
        'Please fix the onboarding answers: Backup target (backup.target) is required to back up the databases: nfs, pvc, s3-irsa or s3-secret',
      );
    });
  });
});
