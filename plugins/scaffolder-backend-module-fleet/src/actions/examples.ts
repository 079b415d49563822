import { stringify } from 'yaml';
import type { OnboardingAnswersInput } from '../answers/schema';

/** Answers of an air-gapped AWS customer with EBS journals and NFS backups, sized for a load. */
export const airgappedAnswers: OnboardingAnswersInput = {
  customer: {
    name: 'acme',
    title: 'ACME Corp',
    isNew: true,
    tier: 'enterprise',
  },
  deployment: {
    name: 'acme-prod',
    lifecycle: 'production',
    namespace: 'dg-self-hosted',
    kubernetesVersion: '1.31',
  },
  owner: 'group:default/solutions-east',
  profile: 'airgapped',
  cloud: 'aws',
  chart: { name: 'deepgram-self-hosted', version: '0.42.0' },
  registry: {
    host: 'registry.acme.internal:5000',
    pullSecretName: 'dg-regcred',
  },
  billing: {
    journals: true,
    replicas: 2,
    journalStorage: 'ebs',
    storageClass: 'gp3',
    size: '1Gi',
  },
  backup: {
    target: 'nfs',
    schedule: '0 2 * * *',
    nfs: { server: 'nfs.acme.internal', path: '/exports/deepgram-journals' },
  },
  // as the form's sizing field proposes them for 8 streams (the example policy's medium row)
  gpu: {
    engineReplicas: 2,
    perEngine: 1,
    resourceName: 'nvidia.com/gpu',
    expectedStreams: 8,
    engineMemoryGiB: 16,
    engineResources: { cpu: '4', memory: '24Gi' },
  },
  license: { id: 'LIC-ACME-7', expiresAt: '2027-03-31', proxy: true },
};

/** Answers of a connected customer with EFS journals backed up to S3 through IRSA. */
export const connectedAnswers: OnboardingAnswersInput = {
  customer: { name: 'brightline-contact' },
  deployment: {
    name: 'brightline-contact-eu',
    lifecycle: 'production',
    kubernetesVersion: '1.30',
  },
  owner: 'group:default/solutions-west',
  profile: 'connected',
  cloud: 'aws',
  chart: { version: '0.42.0' },
  billing: {
    journals: true,
    replicas: 1,
    journalStorage: 'efs',
    efsFileSystemId: 'fs-0a1b2c3d4e5f60718',
  },
  backup: {
    target: 's3-irsa',
    s3: {
      bucket: 'brightline-deepgram-journals',
      region: 'eu-west-1',
      roleArn: 'arn:aws:iam::123456789012:role/deepgram-journal-backup',
    },
  },
  gpu: {
    engineReplicas: 4,
    perEngine: 1,
    resourceName: 'nvidia.com/mig-3g.40gb',
  },
  license: { id: 'LIC-BRIGHT-2', expiresAt: '2027-06-30', proxy: false },
};

/** A template step using an action with the example answers. */
export function exampleStep(action: string, name: string): string {
  return stringify({
    steps: [
      {
        id: action.split(':')[1],
        name,
        action,
        input: { answers: airgappedAnswers },
      },
    ],
  });
}
