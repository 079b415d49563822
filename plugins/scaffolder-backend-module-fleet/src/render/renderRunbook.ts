import { describeIsoDuration } from '@fleetdeck/plugin-fleet-common';
import type { OnboardingAnswers } from '../answers/schema';
import { databaseSection } from './databaseRunbook';
import { describeEngineSizing } from './engineSizing';
import { archiveImageOf, buildBackupObjects } from './renderBackupCronJobs';
import { journalLayoutOf, type JournalLayout } from './journalLayout';
import { secretsToCreate } from './secretsToCreate';

const fence = (lines: string[]) => ['```sh', ...lines, '```'];

/** A section of the runbook, numbered `n` when it has anything to say (else empty). */
type Section = (a: OnboardingAnswers, n: number) => string[];

function secretsSection(a: OnboardingAnswers, n: number): string[] {
  return [
    `## ${n}. Secrets to create`,
    '',
    `Create them in namespace \`${a.deployment.namespace}\` before installing. Replace the`,
    'placeholders in angle brackets on the customer side; the keys are never sent to us.',
    '',
    ...secretsToCreate(a).flatMap(s => [
      `- \`${s.name}\`: ${s.purpose}`,
      '',
      ...fence([s.command]).map(line => `  ${line}`),
      '',
    ]),
  ];
}

function installSection(a: OnboardingAnswers, n: number): string[] {
  const chart = `${a.chart.name}-${a.chart.version}.tgz`;
  const fetch =
    a.profile === 'airgapped'
      ? [
          '# on a machine with internet access, then carry the file into the enclave:',
          `helm pull deepgram/${a.chart.name} --version ${a.chart.version}`,
        ]
      : [];
  const source =
    a.profile === 'airgapped' ? `./${chart}` : `deepgram/${a.chart.name}`;
  return [
    `## ${n}. Install`,
    '',
    ...fence([
      'helm repo add deepgram https://deepgram.github.io/self-hosted-resources',
      ...fetch,
      `helm upgrade --install deepgram ${source} --version ${a.chart.version} \\`,
      `  --namespace ${a.deployment.namespace} --create-namespace -f values.yaml --atomic --timeout 45m`,
    ]),
    '',
  ];
}

function layoutTable(layout: JournalLayout): string[] {
  return [
    '| billing pod | claim | journal on the claim |',
    '| --- | --- | --- |',
    ...layout.replicas.map(
      r =>
        `| \`${r.pod}\` | \`${r.claimName}\` | \`${
          r.folder === '.' ? 'journal' : `${r.folder}/journal`
        }\` |`,
    ),
  ];
}

/**
 * A throwaway pod that mounts a journal claim read-only, for `kubectl cp`. With `nodeOf`, it
 * runs on the node of that billing pod, where a ReadWriteOnce claim can be mounted.
 */
function helperPod(a: OnboardingAnswers, claimName: string, nodeOf?: string) {
  const ns = a.deployment.namespace;
  const name = nodeOf
    ? `journal-helper-${nodeOf.replace(/^deepgram-/, '')}`
    : 'journal-helper';
  return {
    name,
    lines: [
      ...(nodeOf
        ? [
            `NODE=$(kubectl get pod ${nodeOf} -n ${ns} -o jsonpath='{.spec.nodeName}')`,
          ]
        : []),
      `kubectl apply -n ${ns} -f - <<EOF`,
      'apiVersion: v1',
      'kind: Pod',
      `metadata: { name: ${name} }`,
      'spec:',
      ...(nodeOf ? ['  nodeName: $NODE'] : []),
      ...(a.registry.host
        ? [`  imagePullSecrets: [{ name: ${a.registry.pullSecretName} }]`]
        : []),
      '  containers:',
      `    - { name: helper, image: ${archiveImageOf(
        a,
      )}, command: [sleep, '3600'],`,
      '        volumeMounts: [{ name: journals, mountPath: /journals, readOnly: true }] }',
      '  volumes:',
      `    - { name: journals, persistentVolumeClaim: { claimName: ${claimName}, readOnly: true } }`,
      'EOF',
      `kubectl wait -n ${ns} --for=condition=Ready pod/${name} --timeout=120s`,
    ],
  };
}

function retrievalSection(a: OnboardingAnswers, n: number): string[] {
  if (!a.billing.journals) {
    return [];
  }
  const layout = journalLayoutOf(a);
  const ns = a.deployment.namespace;
  const lines: string[] = [
    `## ${n}. Billing journals`,
    '',
    `Each billing replica keeps its own journal at \`/journal/journal\`. For ${a.deployment.name}:`,
    '',
    ...layoutTable(layout),
    '',
    '### Manual retrieval (read-only, nothing is removed)',
    '',
  ];
  if (layout.kind === 'per-pod') {
    lines.push(
      'Each claim is ReadWriteOnce: the helper pod must run on the node of its billing pod.',
      '',
    );
    for (const r of layout.replicas) {
      const helper = helperPod(a, r.claimName, r.pod);
      lines.push(
        ...fence([
          ...helper.lines,
          `mkdir -p ${a.deployment.name}/${r.pod}`,
          `kubectl cp ${ns}/${helper.name}:/journals/journal ${a.deployment.name}/${r.pod}/journal`,
          `kubectl delete pod ${helper.name} -n ${ns}`,
        ]),
        '',
      );
    }
  } else {
    const helper = helperPod(
      a,
      layout.sharedClaimName ?? '',
      a.billing.journalStorage === 'existing-pvc'
        ? layout.replicas[0].pod
        : undefined,
    );
    lines.push(
      ...fence([
        ...helper.lines,
        ...layout.replicas.flatMap(r => [
          `mkdir -p ${a.deployment.name}/${r.pod}`,
          `kubectl cp ${ns}/${helper.name}:/journals/${r.folder}/journal ${a.deployment.name}/${r.pod}/journal`,
        ]),
        `kubectl delete pod ${helper.name} -n ${ns}`,
      ]),
      '',
    );
  }
  const jobs = buildBackupObjects(a)
    .filter(o => o.kind === 'CronJob')
    .map(o => o.metadata as { name: string; labels: Record<string, string> })
    .filter(m => m.labels['app.kubernetes.io/name'] === 'journal-backup')
    .map(m => m.name);
  lines.push(
    '### Automated backups',
    '',
    `\`backup-cronjobs.yaml\` archives every journal ${describeTarget(
      a,
    )} on \`${a.backup.schedule}\` (UTC)`,
    `as \`${a.deployment.name}/<pod>/journal-YYYYMMDD-HHMMSS.tar.gz\`.`,
    '',
    ...fence([
      `kubectl apply -n ${ns} -f backup-cronjobs.yaml`,
      '# test it now rather than waiting for the schedule:',
      ...jobs.flatMap(job => [
        `kubectl create job -n ${ns} --from=cronjob/${job} ${job}-now`,
        `kubectl wait -n ${ns} --for=condition=complete job/${job}-now --timeout=10m`,
        `kubectl logs -n ${ns} job/${job}-now --all-containers`,
      ]),
    ]),
    '',
  );
  return lines;
}

function describeTarget(a: OnboardingAnswers): string {
  const { target, s3, nfs, pvc } = a.backup;
  switch (target) {
    case 's3-irsa':
      return `to s3://${s3?.bucket}/${s3?.prefix} (IAM role through IRSA)`;
    case 's3-secret':
      return `to s3://${s3?.bucket}/${s3?.prefix} (keys in Secret ${s3?.credentialsSecretName})`;
    case 'nfs':
      return `to NFS ${nfs?.server}:${nfs?.path}`;
    case 'pvc':
    default:
      return `to the claim ${pvc?.claimName}`;
  }
}

function returnSection(a: OnboardingAnswers, n: number): string[] {
  return [
    `## ${n}. What to send back, and where`,
    '',
    ...(a.billing.journals
      ? [
          `- Journals, every ${
            describeIsoDuration(a.billing.returnEvery) ?? a.billing.returnEvery
          } at least: the \`${a.deployment.name}/\` folder of archives, copied`,
          "  into the vendor's journal inbox as is, or uploaded on the deployment's Journals tab in the portal.",
        ]
      : []),
    `- A status report when asked (upgrades, GPU capacity): \`sh collect-status.sh\` writes`,
    `  \`${a.deployment.name}/status-YYYYMMDD-HHMMSS.json\` (kubectl only; pods are reduced, no environment`,
    '  values leave the cluster). Send it with the journals.',
    ...(a.databases.length > 0
      ? [
          '- The backup manifests (`*.manifest.json`), never the database dumps: see "Database backups',
          '  and restore".',
        ]
      : []),
    '',
  ];
}

function sizingParagraph(a: OnboardingAnswers): string[] {
  const sizing = describeEngineSizing(a);
  return sizing ? [sizing, ''] : [];
}

/** The sections in order, numbered 1, 2, … skipping those with nothing to say. */
function numbered(a: OnboardingAnswers, sections: Section[]): string[] {
  const lines: string[] = [];
  for (const section of sections) {
    const body = section(a, 1 + lines.filter(l => l.startsWith('## ')).length);
    lines.push(...body);
  }
  return lines;
}

/**
 * Renders `RUNBOOK.md` for this deployment: Secrets, install, journal layout with this
 * deployment's own pod and claim names, manual retrieval, testing the backup, the database
 * backups and their restore, what to send.
 *
 * @public
 */
export function renderRunbook(a: OnboardingAnswers): string {
  return [
    `# Runbook: ${a.deployment.name}`,
    '',
    `Customer \`${a.customer.name}\`, ${a.deployment.lifecycle}, ${a.profile} on ${a.cloud}. Chart`,
    `\`${a.chart.name}\` ${a.chart.version} in namespace \`${a.deployment.namespace}\`. License`,
    `\`${a.license.id}\`, valid through ${a.license.expiresAt}. Owner \`${a.owner}\`.`,
    '',
    ...sizingParagraph(a),
    ...numbered(a, [
      secretsSection,
      installSection,
      retrievalSection,
      databaseSection,
      returnSection,
    ]),
  ].join('\n');
}
