import type { OnboardingAnswers } from '../answers/schema';
import {
  databaseBackupJobName,
  postgresImageOf,
} from './databaseBackupCronJob';
import {
  BACKUPS_MOUNT,
  DATABASE_RETENTION_DAYS,
  databaseBackupPath,
} from './databaseBackupScript';

type Database = OnboardingAnswers['databases'][number];

const fence = (lines: string[]) => ['```sh', ...lines, '```'];
const isS3 = (a: OnboardingAnswers) =>
  a.backup.target === 's3-irsa' || a.backup.target === 's3-secret';

/** `s3://bucket/prefix/rest` with the answered prefix, or `` `nfs:/path/rest` `` and the like. */
function s3Url(a: OnboardingAnswers, prefix: string, rest: string): string {
  const clean = prefix.replace(/\/+$/, '');
  return `s3://${a.backup.s3?.bucket}/${clean ? `${clean}/` : ''}${rest}`;
}

/** Where one database's dumps are, in the words of the backup target. */
function dumpsLocation(a: OnboardingAnswers, db: Database): string {
  const folder = `${databaseBackupPath(a.deployment.name, db.name)}/`;
  const { target, nfs, pvc, s3 } = a.backup;
  if (isS3(a)) {
    return s3Url(
      a,
      s3?.databasePrefix ?? '',
      `${a.deployment.name}/${db.name}/`,
    );
  }
  if (target === 'nfs') {
    return `NFS ${nfs?.server}:${nfs?.path?.replace(/\/+$/, '')}/${folder}`;
  }
  return `the claim ${pvc?.claimName}, ${folder}`;
}

function overview(a: OnboardingAnswers): string[] {
  return [
    `\`backup-cronjobs.yaml\` also dumps each database the product uses with \`pg_dump -Fc\`, daily at`,
    `02:00 UTC, and keeps ${DATABASE_RETENTION_DAYS} days of dumps (older ones are removed by the job itself):`,
    '',
    '| database | CronJob | credentials Secret | dumps |',
    '| --- | --- | --- | --- |',
    ...a.databases.map(
      db =>
        `| \`${db.name}\` (\`${db.database}\` on \`${db.host}:${
          db.port ?? 5432
        }\`) | \`${databaseBackupJobName(db.name)}\` | \`${
          db.credentialsSecretRef
        }\` | ${dumpsLocation(a, db)} |`,
    ),
    '',
    'Beside each dump `<name>-YYYYMMDD-HHMMSS.dump` the job writes `<name>-YYYYMMDD-HHMMSS.manifest.json`:',
    'when it was taken, its size and sha256, the database and the retention. A dump is your data',
    'and stays with you; only the manifests come back to us, so the portal knows a recent backup',
    'exists before an upgrade that migrates the database.',
    '',
  ];
}

function runNow(a: OnboardingAnswers): string[] {
  const ns = a.deployment.namespace;
  return [
    '### Run a backup now',
    '',
    'Before an upgrade that changes the database, take a fresh dump rather than waiting for the',
    'night:',
    '',
    ...fence(
      a.databases.flatMap(db => {
        const job = databaseBackupJobName(db.name);
        return [
          `kubectl create job -n ${ns} --from=cronjob/${job} ${job}-manual`,
          `kubectl wait -n ${ns} --for=condition=complete job/${job}-manual --timeout=6h`,
          `kubectl logs -n ${ns} job/${job}-manual --all-containers`,
        ];
      }),
    ),
    '',
  ];
}

/** How a manifest reaches the vendor's inbox without anyone sending it by hand. */
function automaticReturn(a: OnboardingAnswers): string {
  if (isS3(a)) {
    return `The upload step also copies each manifest to \`${s3Url(
      a,
      a.backup.s3?.prefix ?? '',
      `${a.deployment.name}/`,
    )}\`, beside the journals, where the vendor's inbox reads it.`;
  }
  const copied = `The job also copies each manifest into \`${a.deployment.name}/\` of the backup target`;
  return a.billing.journals
    ? `${copied} — the folder you return with the journals — so the vendor's inbox reads it with them.`
    : `${copied}: copy that folder (manifests only) into the vendor's inbox as is.`;
}

function manifestsHome(a: OnboardingAnswers): string[] {
  const api = `/api/fleet/deployments/default/${a.deployment.name}/backups`;
  const automatic = automaticReturn(a);
  return [
    '### How the manifests reach the portal',
    '',
    automatic,
    'Or upload one yourself, as the portal user who sends reports:',
    '',
    ...fence([
      `curl -X POST -H "Authorization: Bearer $PORTAL_TOKEN" -H 'Content-Type: application/json' \\`,
      `  --data-binary @<name>-YYYYMMDD-HHMMSS.manifest.json https://<portal>${api}`,
    ]),
    '',
  ];
}

/** A pod with `pg_restore` and the database's credentials, the dumps mounted read-only. */
function restorePod(a: OnboardingAnswers, db: Database): string[] {
  const ns = a.deployment.namespace;
  const name = `db-restore-${db.name}`;
  const { target, nfs, pvc } = a.backup;
  const backupsVolume =
    target === 'nfs'
      ? `{ name: backups, nfs: { server: ${nfs?.server}, path: ${nfs?.path}, readOnly: true } }`
      : `{ name: backups, persistentVolumeClaim: { claimName: ${pvc?.claimName}, readOnly: true } }`;
  const secretEnv = (key: string) =>
    `        - { name: ${key}, valueFrom: { secretKeyRef: { name: ${db.credentialsSecretRef}, key: ${key} } } }`;
  return [
    `kubectl apply -n ${ns} -f - <<EOF`,
    'apiVersion: v1',
    'kind: Pod',
    `metadata: { name: ${name} }`,
    'spec:',
    ...(a.registry.host
      ? [`  imagePullSecrets: [{ name: ${a.registry.pullSecretName} }]`]
      : []),
    '  containers:',
    `    - name: restore`,
    `      image: ${postgresImageOf(a, db)}`,
    `      command: [sleep, '7200']`,
    '      env:',
    `        - { name: PGHOST, value: ${db.host} }`,
    `        - { name: PGPORT, value: '${db.port ?? 5432}' }`,
    secretEnv('PGUSER'),
    secretEnv('PGPASSWORD'),
    '      volumeMounts:',
    '        - { name: restore, mountPath: /restore }',
    ...(isS3(a)
      ? []
      : [
          `        - { name: backups, mountPath: ${BACKUPS_MOUNT}, readOnly: true }`,
        ]),
    '  volumes:',
    '    - { name: restore, emptyDir: {} }',
    ...(isS3(a) ? [] : [`    - ${backupsVolume}`]),
    'EOF',
    `kubectl wait -n ${ns} --for=condition=Ready pod/${name} --timeout=120s`,
  ];
}

function restore(a: OnboardingAnswers, db: Database): string[] {
  const ns = a.deployment.namespace;
  const pod = `db-restore-${db.name}`;
  const folder = isS3(a)
    ? '/restore'
    : `${BACKUPS_MOUNT}/${databaseBackupPath(a.deployment.name, db.name)}`;
  const fetchDump = isS3(a)
    ? [
        `aws s3 ls ${dumpsLocation(a, db)}`,
        `DUMP=${db.name}-YYYYMMDD-HHMMSS.dump   # the dump to restore`,
        `aws s3 cp ${dumpsLocation(a, db)}$DUMP .`,
        `aws s3 cp ${dumpsLocation(a, db)}\${DUMP%.dump}.manifest.json .`,
        `kubectl cp "$DUMP" ${ns}/${pod}:/restore/"$DUMP"`,
        `kubectl cp "\${DUMP%.dump}.manifest.json" ${ns}/${pod}:/restore/`,
      ]
    : [
        `kubectl exec -n ${ns} ${pod} -- ls -l ${folder}/`,
        `DUMP=${db.name}-YYYYMMDD-HHMMSS.dump   # the dump to restore`,
      ];
  return [
    `### Restore \`${db.name}\``,
    '',
    `Restoring replaces what is in \`${db.database}\` with the dump. Stop the writers first, so nothing`,
    'writes while it runs, and start them again once the database is checked. After an upgrade',
    "that migrated the database, roll the chart back first (UPGRADE.md's rollback), then restore the",
    'dump taken before the upgrade.',
    '',
    '1. Start a restore pod and choose the dump:',
    '',
    ...fence([...restorePod(a, db), ...fetchDump]).map(l => `   ${l}`),
    '',
    '2. Check the dump against its manifest (the same sha256):',
    '',
    ...fence([
      `kubectl exec -n ${ns} ${pod} -- sh -c "grep -q \\"\\$(sha256sum ${folder}/$DUMP | cut -d ' ' -f 1)\\" ${folder}/\${DUMP%.dump}.manifest.json && echo 'the dump matches its manifest'"`,
    ]).map(l => `   ${l}`),
    '',
    "3. Stop the writers: scale the product's deployments to 0, keeping their replica counts:",
    '',
    ...fence([
      `kubectl get deployments -n ${ns} -o jsonpath='{range .items[*]}{.metadata.name} {.spec.replicas}{"\\n"}{end}' > replicas-before-restore.txt`,
      `kubectl scale deployment -n ${ns} --all --replicas=0`,
      `kubectl get pods -n ${ns}   # wait until no API or engine pod is left`,
    ]).map(l => `   ${l}`),
    '',
    '4. Restore, then check:',
    '',
    ...fence([
      `kubectl exec -n ${ns} ${pod} -- pg_restore --clean --if-exists --no-owner -d ${db.database} ${folder}/$DUMP`,
      `kubectl exec -n ${ns} ${pod} -- psql -d ${db.database} -c '\\dt+'`,
    ]).map(l => `   ${l}`),
    '',
    '5. Scale back, check the product, and remove the restore pod:',
    '',
    ...fence([
      `while read -r name replicas; do kubectl scale deployment -n ${ns} "$name" --replicas="$replicas"; done < replicas-before-restore.txt`,
      `while read -r name replicas; do kubectl rollout status deployment/"$name" -n ${ns} --timeout=30m; done < replicas-before-restore.txt`,
      'sh collect-status.sh',
      `kubectl delete pod -n ${ns} ${pod}`,
    ]).map(l => `   ${l}`),
    '',
  ];
}

/**
 * The runbook's "Database backups and restore" section: where each database's dumps go, how
 * to take one now, how the manifests reach the portal, and the restore — writers stopped
 * first. Empty without databases.
 */
export function databaseSection(a: OnboardingAnswers, n: number): string[] {
  if (a.databases.length === 0) {
    return [];
  }
  return [
    `## ${n}. Database backups and restore`,
    '',
    ...overview(a),
    ...runNow(a),
    ...manifestsHome(a),
    ...a.databases.flatMap(db => restore(a, db)),
  ];
}
