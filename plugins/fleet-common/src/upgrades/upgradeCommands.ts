// The commands of one upgrade step, as an SE runs them against the customer's cluster. Not
// part of the package's API.

import type { CustomerDeploymentEntity } from '../kinds';
import { backupNowCommand, preUpgradeBackupJobName } from './backupJob';
import type { UpgradeStepCommands } from './types';

/** The chart repository the onboarding runbook adds as `deepgram`. */
export const CHART_REPOSITORY_URL =
  'https://deepgram.github.io/self-hosted-resources';

/** The Helm release the onboarding runbook installs. */
export const HELM_RELEASE = 'deepgram';

/** Where the values file of a step is, relative to the plan's folder. */
export const stepValuesFile = (to: string) => `values/${to}.yaml`;

const backupJob = preUpgradeBackupJobName;

export function stepCommands(options: {
  entity: CustomerDeploymentEntity;
  to: string;
  /** The releases of the step that migrate the database (policy `databaseChanges`). */
  databaseReleases: string[];
  /** The plan carries a migrated values file for the step. */
  hasValues: boolean;
}): UpgradeStepCommands {
  const { entity, to, databaseReleases, hasValues } = options;
  const { spec } = entity;
  const ns = spec.cluster.namespace;
  const airgapped = spec.profile === 'airgapped';
  const databases = databaseReleases.length ? spec.databases ?? [] : [];
  const migrates = `the upgrade to ${to} migrates the database (${databaseReleases.join(
    ', ',
  )})`;

  const preflight = [`sh collect-status.sh > status-before-${to}.json`];
  if (airgapped) {
    preflight.push(
      `# in the update bundle's folder for ${to}: every file against SHA256SUMS, nothing downloaded`,
      'sh verify-bundle.sh',
    );
  } else {
    preflight.push(
      `helm repo add deepgram ${CHART_REPOSITORY_URL} --force-update`,
      'helm repo update deepgram',
    );
  }
  for (const database of databases) {
    const job = backupJob(database, to);
    preflight.push(
      `# ${migrates}: back up ${database.name} first`,
      backupNowCommand(database, ns, to),
      `kubectl wait --for=condition=complete job/${job} --namespace ${ns} --timeout 60m`,
    );
  }

  const chart = airgapped
    ? `charts/${spec.chart.name}-${to}.tgz`
    : `deepgram/${spec.chart.name}`;
  const values = hasValues ? stepValuesFile(to) : 'values.yaml';
  const upgrade = `helm upgrade ${HELM_RELEASE} ${chart} --version ${to} --namespace ${ns} -f ${values} --wait --timeout 30m`;

  const verify = [
    `kubectl get deployments --namespace ${ns} -o name | xargs -n1 kubectl rollout status --namespace ${ns} --timeout 30m`,
  ];
  if (spec.billing?.mode === 'journal') {
    verify.push(
      `kubectl rollout status statefulset/deepgram-billing --namespace ${ns} --timeout 30m`,
    );
  }
  verify.push(
    `helm status ${HELM_RELEASE} --namespace ${ns}`,
    `sh collect-status.sh > status-after-${to}.json`,
  );

  const rollback: string[] = [];
  if (databases.length) {
    rollback.push(
      `# ${migrates}: stop the writers, restore the pre-upgrade dump, then roll back`,
      `kubectl scale deployment --all --replicas=0 --namespace ${ns}`,
    );
    for (const database of databases) {
      rollback.push(
        `# ${database.name}: DUMP is the dump job ${backupJob(
          database,
          to,
        )} wrote (its manifest names it); PGUSER and PGPASSWORD from Secret ${
          database.credentialsSecretRef
        }`,
        `pg_restore --clean --if-exists --no-owner --host ${
          database.host
        } --port ${database.port ?? 5432} --dbname ${
          database.database
        } "$DUMP"`,
      );
    }
  }
  rollback.push(
    `helm rollback ${HELM_RELEASE} --namespace ${ns} --wait --timeout 30m`,
    `sh collect-status.sh > status-rollback-${to}.json`,
  );
  return { preflight, upgrade, verify, rollback };
}
