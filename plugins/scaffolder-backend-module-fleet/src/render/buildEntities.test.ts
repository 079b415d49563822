import {
  validateCustomerDeploymentEntity,
  validateCustomerEntity,
} from '@fleetdeck/plugin-fleet-common';
import { z } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';
import {
  ANSWER_MATRIX,
  answersFor,
  answersWithDatabases,
  sizedAnswersFor,
} from '../__testUtils__/answerMatrix';
import { buildEntities } from './buildEntities';

describe('buildEntities', () => {
  it.each(ANSWER_MATRIX)(
    '%s: entities pass the fleet validators',
    (_, answers) => {
      const { customer, deployment } = buildEntities(answers);
      expect(validateCustomerDeploymentEntity(deployment)).toEqual({
        valid: true,
        errors: [],
      });
      expect(validateCustomerEntity(customer!)).toEqual({
        valid: true,
        errors: [],
      });
      expect(deployment.spec.billing).toMatchObject({
        mode: 'journal',
        replicas: 3,
        journalStorage: answers.billing.journalStorage,
      });
      expect(deployment.spec.license).toEqual({
        id: 'LIC-ACME-7',
        expiresAt: '2027-03-31',
        keySecretRef: 'dg-license-key',
        fileSecretRef: 'dg-license-file',
      });
    },
  );

  it('connected without journals: license-server billing; existing customer: no Customer entity', () => {
    const answers = onboardingAnswersSchema(z).parse({
      ...answersFor('connected', 'ebs', 's3-irsa'),
      customer: { name: 'brightline-contact' },
      billing: { journals: false, journalStorage: 'ebs' },
    });
    const { customer, deployment } = buildEntities(answers);
    expect(customer).toBeUndefined();
    expect(deployment.spec.billing).toEqual({ mode: 'license-server' });
    expect(deployment.metadata.annotations).toEqual({
      'backstage.io/kubernetes-id': deployment.metadata.name,
    });
    expect(validateCustomerDeploymentEntity(deployment).valid).toBe(true);
  });

  it("puts the databases in spec.databases, by the credentials Secret's name only", () => {
    const { deployment } = buildEntities(
      onboardingAnswersSchema(z).parse(
        answersWithDatabases('airgapped', 'ebs', 'nfs'),
      ),
    );
    expect(deployment.spec.databases).toEqual([
      {
        name: 'transcripts-db',
        engine: 'postgresql',
        host: 'pg.acme.internal',
        port: 5433,
        database: 'transcripts',
        credentialsSecretRef: 'transcripts-db-credentials',
      },
      {
        name: 'analytics',
        engine: 'postgresql',
        host: '10.0.4.20',
        database: 'analytics_v2',
        credentialsSecretRef: 'analytics-db-credentials',
      },
    ]);
    expect(validateCustomerDeploymentEntity(deployment)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('declares no databases when none were answered', () => {
    const { deployment } = buildEntities(ANSWER_MATRIX[0][1]);
    expect(deployment.spec).not.toHaveProperty('databases');
  });

  it('keeps the expected load and the GPU memory one engine pod needs', () => {
    const { deployment } = buildEntities(
      onboardingAnswersSchema(z).parse(
        sizedAnswersFor('airgapped', 'ebs', 'nfs'),
      ),
    );
    expect(deployment.spec.gpu).toEqual({
      resourceName: 'nvidia.com/mig-3g.40gb',
      perEngine: 2,
      engineReplicas: 2,
      engineMemoryGiB: 16,
      expectedStreams: 8,
    });
    expect(validateCustomerDeploymentEntity(deployment)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('declares no load or GPU memory that was not answered', () => {
    const { deployment } = buildEntities(
      onboardingAnswersSchema(z).parse(answersFor('airgapped', 'ebs', 'nfs')),
    );
    expect(deployment.spec.gpu).not.toHaveProperty('expectedStreams');
    expect(deployment.spec.gpu).not.toHaveProperty('engineMemoryGiB');
  });
});
