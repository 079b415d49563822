import { z } from 'zod/v3';
import {
  onboardingAnswersSchema,
  type OnboardingAnswers,
  type OnboardingAnswersInput,
} from '../answers/schema';

type Profile = OnboardingAnswers['profile'];
type Storage = NonNullable<OnboardingAnswers['billing']['journalStorage']>;
type Target = NonNullable<OnboardingAnswers['backup']['target']>;

const TARGETS: Record<Profile, Target[]> = {
  // Connected customers may reach S3; air-gapped ones keep archives inside the enclave.
  connected: ['s3-irsa', 's3-secret', 'nfs', 'pvc'],
  airgapped: ['nfs', 'pvc'],
};
const STORAGES: Storage[] = ['efs', 'ebs', 'existing-pvc'];

/** The answers of one combination of profile × journal storage × backup target. */
export function answersFor(
  profile: Profile,
  journalStorage: Storage,
  target: Target,
  replicas = 3,
): OnboardingAnswersInput {
  return {
    customer: {
      name: 'acme',
      title: 'ACME Corp',
      isNew: true,
      tier: 'enterprise',
    },
    deployment: {
      name: `acme-${profile}-${journalStorage}-${target}`,
      lifecycle: 'production',
      kubernetesVersion: '1.31',
    },
    owner: 'group:default/solutions-east',
    profile,
    cloud: 'aws',
    chart: { version: '0.42.0' },
    registry:
      profile === 'airgapped'
        ? {
            host: 'registry.acme.internal:5000',
            pullSecretName: 'acme-regcred',
          }
        : {},
    billing: {
      journals: true,
      replicas,
      journalStorage,
      ...(journalStorage === 'ebs' ? { storageClass: 'gp3', size: '2Gi' } : {}),
      ...(journalStorage === 'existing-pvc'
        ? { existingPvcName: 'acme-journals' }
        : {}),
      ...(journalStorage === 'efs'
        ? { efsFileSystemId: 'fs-0a1b2c3d4e5f60718' }
        : {}),
    },
    backup: {
      target,
      schedule: '0 2 * * *',
      ...(target.startsWith('s3')
        ? {
            s3: {
              bucket: 'acme-journals',
              region: 'us-east-1',
              ...(target === 's3-irsa'
                ? { roleArn: 'arn:aws:iam::123456789012:role/journal-backup' }
                : { credentialsSecretName: 'acme-journal-s3' }),
            },
          }
        : {}),
      ...(target === 'nfs'
        ? { nfs: { server: '10.0.0.12', path: '/exports/journals' } }
        : {}),
      ...(target === 'pvc' ? { pvc: { claimName: 'journal-archive' } } : {}),
    },
    gpu: {
      engineReplicas: 2,
      perEngine: 2,
      resourceName: 'nvidia.com/mig-3g.40gb',
    },
    license: { id: 'LIC-ACME-7', expiresAt: '2027-03-31', proxy: true },
  };
}

/**
 * The answers of one combination with the engines sized for a load, as the form's GPU sizing
 * field gives them: 8 streams, the example policy's medium row with 2 GPUs per engine.
 */
export function sizedAnswersFor(
  ...combination: Parameters<typeof answersFor>
): OnboardingAnswersInput {
  const answers = answersFor(...combination);
  return {
    ...answers,
    gpu: {
      ...answers.gpu,
      expectedStreams: 8,
      engineMemoryGiB: 16,
      engineResources: { cpu: '4', memory: '24Gi' },
    },
  };
}

/** Every valid combination, as `[label, answers]` rows for `it.each`. */
export const ANSWER_MATRIX: Array<[string, OnboardingAnswers]> = (
  ['connected', 'airgapped'] as Profile[]
).flatMap(profile =>
  STORAGES.flatMap(storage =>
    TARGETS[profile].map(
      target =>
        [
          `${profile} × ${storage} × ${target}`,
          onboardingAnswersSchema(z).parse(
            answersFor(profile, storage, target),
          ),
        ] as [string, OnboardingAnswers],
    ),
  ),
);

/** A realistic fake license key (hex, as keys are), never to appear in any output. */
export const FAKE_LICENSE_KEY =
  '7c0f3e9a1b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e';
/** A realistic fake API key (40 hex). */
export const FAKE_API_KEY = '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c';

/** Two databases the product uses, as the form's Databases page gives them. */
export const EXAMPLE_DATABASES = [
  {
    name: 'transcripts-db',
    host: 'pg.acme.internal',
    port: 5433,
    database: 'transcripts',
    credentialsSecretRef: 'transcripts-db-credentials',
    postgresVersion: 16,
  },
  {
    name: 'analytics',
    host: '10.0.4.20',
    database: 'analytics_v2',
    credentialsSecretRef: 'analytics-db-credentials',
  },
];

/** One combination with the two example databases declared. */
export function answersWithDatabases(
  ...combination: Parameters<typeof answersFor>
): OnboardingAnswersInput {
  return { ...answersFor(...combination), databases: EXAMPLE_DATABASES };
}
