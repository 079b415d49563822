import type { OnboardingAnswers } from '../answers/schema';

/** A Kubernetes Secret the customer creates before installing, with placeholders only. */
export type SecretToCreate = {
  name: string;
  purpose: string;
  command: string;
};

/**
 * The Secrets these values refer to, each with the command that creates it. Values are
 * placeholders in angle brackets: the portal never holds a key.
 */
export function secretsToCreate(answers: OnboardingAnswers): SecretToCreate[] {
  const ns = answers.deployment.namespace;
  const registry = answers.registry.host ?? 'quay.io';
  const secrets: SecretToCreate[] = [
    {
      name: answers.registry.pullSecretName,
      purpose: `image pull credentials for ${registry}`,
      command: `kubectl create secret docker-registry ${answers.registry.pullSecretName} -n ${ns} --docker-server=${registry} --docker-username='<registry user>' --docker-password='<registry password>'`,
    },
  ];
  if (answers.profile === 'connected') {
    secrets.push({
      name: answers.secrets.apiKey,
      purpose: 'the self-hosted API key (DEEPGRAM_API_KEY)',
      command: `kubectl create secret generic ${answers.secrets.apiKey} -n ${ns} --from-literal=DEEPGRAM_API_KEY='<api key>'`,
    });
  }
  if (answers.billing.journals) {
    secrets.push(
      {
        name: answers.secrets.licenseKey,
        purpose: `the license key of ${answers.license.id} (DEEPGRAM_LICENSE_KEY)`,
        command: `kubectl create secret generic ${answers.secrets.licenseKey} -n ${ns} --from-literal=DEEPGRAM_LICENSE_KEY='<license key>'`,
      },
      {
        name: answers.secrets.licenseFile,
        purpose: `the license file of ${answers.license.id} (license.dg, one line of JSON)`,
        command: `kubectl create secret generic ${answers.secrets.licenseFile} -n ${ns} --from-file=license.dg=<path to license.dg>`,
      },
    );
  }
  for (const db of answers.databases) {
    // Two databases may share one user; the Secret is created once.
    if (secrets.some(s => s.name === db.credentialsSecretRef)) {
      continue;
    }
    secrets.push({
      name: db.credentialsSecretRef,
      purpose: `the user and password the backup of ${db.name} dumps ${db.database} with (PGUSER, PGPASSWORD)`,
      command: `kubectl create secret generic ${db.credentialsSecretRef} -n ${ns} --from-literal=PGUSER='<database user>' --from-literal=PGPASSWORD='<database password>'`,
    });
  }
  const { s3 } = answers.backup;
  if (
    (answers.billing.journals || answers.databases.length > 0) &&
    answers.backup.target === 's3-secret' &&
    s3?.credentialsSecretName
  ) {
    secrets.push({
      name: s3.credentialsSecretName,
      purpose: `S3 credentials of the backups (bucket ${s3.bucket})`,
      command: `kubectl create secret generic ${s3.credentialsSecretName} -n ${ns} --from-literal=AWS_ACCESS_KEY_ID='<access key id>' --from-literal=AWS_SECRET_ACCESS_KEY='<secret access key>'`,
    });
  }
  return secrets;
}
