import type { OnboardingAnswers } from '../answers/schema';

/** Where a database backup job mounts the backup target (the NFS export, the claim, or scratch). */
export const BACKUPS_MOUNT = '/backups';

/** How long dumps are kept: the guide's 30-day rotation. */
export const DATABASE_RETENTION_DAYS = 30;

/**
 * The folder of the backup target that holds the dumps, apart from the journals' `<deployment>/`
 * folders: those are returned to the vendor, a dump is customer data and stays with the customer.
 */
export const DATABASE_BACKUPS_FOLDER = 'deepgram-database-backups';

type Database = OnboardingAnswers['databases'][number];

/** `<folder>/<deployment>/<component>`: where one database's dumps and manifests live. */
export function databaseBackupPath(
  deployment: string,
  component: string,
): string {
  return `${DATABASE_BACKUPS_FOLDER}/${deployment}/${component}`;
}

/**
 * Shell that writes `$dir/<component>-$stamp.manifest.json` for the dump `$dir/$file` taken at
 * `$taken`: a `BackupManifest` (fleet-common `bundles/types.ts`) with the dump's size (`stat`)
 * and sha256 (`sha256sum`). The database name comes from `$PGDATABASE`, so no answer is spliced
 * into the JSON. Written under a hidden name and renamed, so nothing picks up half a manifest.
 */
export function manifestScript(
  component: string,
  retentionDays: number,
): string {
  return [
    'bytes=$(stat -c %s "$dir/$file")',
    'sha256=$(sha256sum "$dir/$file" | cut -d " " -f 1)',
    `manifest=${component}-$stamp.manifest.json`,
    `printf '{"apiVersion":"fleetdeck.io/v1alpha1","kind":"BackupManifest","spec":{"component":"%s","database":"%s","takenAt":"%s","bytes":%s,"sha256":"%s","retentionDays":%s,"file":"%s"}}\\n' \\`,
    `  "${component}" "$PGDATABASE" "$taken" "$bytes" "$sha256" ${retentionDays} "$file" > "$dir/.$manifest.partial"`,
    'mv "$dir/.$manifest.partial" "$dir/$manifest"',
  ].join('\n');
}

/**
 * Shell that removes, from `$dir`, this component's dumps and manifests whose stamp
 * (`<component>-YYYYMMDD-HHMMSS.*`) is older than the retention. The stamp is in the name, so the
 * rotation does not depend on file times an NFS server or a copy may change.
 */
export function rotationScript(
  component: string,
  retentionDays: number,
): string {
  return [
    `cutoff=$(date -u -d "@$(( $(date -u +%s) - ${retentionDays} * 86400 ))" +%Y%m%d%H%M%S)`,
    `for old in "$dir"/${component}-*.dump "$dir"/${component}-*.manifest.json; do`,
    '  [ -f "$old" ] || continue',
    '  name=${old##*/}',
    `  stamp=\${name#${component}-}`,
    '  stamp=${stamp%%.*}',
    '  digits=$(printf %s "$stamp" | tr -d -)',
    '  case $digits in',
    "    ''|*[!0-9]*) continue ;;",
    '  esac',
    '  if [ "${#digits}" -eq 14 ] && [ "$digits" -lt "$cutoff" ]; then',
    '    rm -f "$old"',
    '    echo "rotated out $name (older than the retention)"',
    '  fi',
    'done',
  ].join('\n');
}

/**
 * The dump container's shell (the `postgres` image: sh, coreutils): `pg_dump -Fc` of the
 * database the `PG*` variables name into `<folder>/<deployment>/<component>/`, under a hidden
 * name renamed when complete; its manifest beside it. When the dumps stay on the mounted volume
 * (NFS, PVC): a copy of the manifest in `<deployment>/`, the folder returned to the vendor's
 * inbox, and the rotation; for S3 the upload step does both. Nothing is installed or downloaded.
 */
export function dumpScript(options: {
  deployment: string;
  database: Database;
  retentionDays: number;
  /** The dumps stay on the mounted volume (NFS, PVC) rather than going on to S3. */
  keptOnVolume: boolean;
}): string {
  const { deployment, database, retentionDays, keptOnVolume } = options;
  const component = database.name;
  return [
    'set -eu',
    'stamp=$(date -u +%Y%m%d-%H%M%S)',
    'taken=$(date -u +%Y-%m-%dT%H:%M:%SZ)',
    `dir=${BACKUPS_MOUNT}/${databaseBackupPath(deployment, component)}`,
    `file=${component}-$stamp.dump`,
    'mkdir -p "$dir"',
    'pg_dump -Fc --no-password -f "$dir/.$file.partial"',
    'mv "$dir/.$file.partial" "$dir/$file"',
    manifestScript(component, retentionDays),
    `echo "dumped $PGDATABASE: ${databaseBackupPath(
      deployment,
      component,
    )}/$file ($bytes bytes, sha256 $sha256)"`,
    ...(keptOnVolume
      ? [
          `outbox=${BACKUPS_MOUNT}/${deployment}`,
          'mkdir -p "$outbox"',
          'cp "$dir/$manifest" "$outbox/.$manifest.partial"',
          'mv "$outbox/.$manifest.partial" "$outbox/$manifest"',
          rotationScript(component, retentionDays),
        ]
      : []),
    '',
  ].join('\n');
}

/**
 * The upload container's shell (the AWS CLI image): copies this run's dump and manifest to
 * `s3://<bucket>/<databasePrefix>/<deployment>/<component>/`, the manifest also to the journals'
 * `<prefix>/<deployment>/` (what the vendor's inbox reads), then removes dumps and manifests
 * of the component older than the retention, by the stamp in their names.
 */
export function s3UploadScript(options: {
  deployment: string;
  component: string;
  bucket: string;
  journalPrefix: string;
  databasePrefix: string;
  retentionDays: number;
}): string {
  const { deployment, component, bucket, retentionDays } = options;
  const prefixed = (prefix: string, rest: string) =>
    `s3://${bucket}/${prefix ? `${prefix.replace(/\/+$/, '')}/` : ''}${rest}`;
  const destination = prefixed(
    options.databasePrefix,
    `${deployment}/${component}/`,
  );
  const outbox = prefixed(options.journalPrefix, `${deployment}/`);
  return [
    'set -eu',
    `dir=${BACKUPS_MOUNT}/${databaseBackupPath(deployment, component)}`,
    `aws s3 cp --recursive --no-progress "$dir/" ${destination}`,
    `for manifest in "$dir"/${component}-*.manifest.json; do`,
    `  aws s3 cp --no-progress "$manifest" ${outbox}`,
    'done',
    `echo "uploaded to ${destination}"`,
    `cutoff=$(date -u -d "@$(( $(date -u +%s) - ${retentionDays} * 86400 ))" +%Y%m%d%H%M%S)`,
    `aws s3 ls ${destination} | while read -r day time size name; do`,
    `  stamp=\${name#${component}-}`,
    '  stamp=${stamp%%.*}',
    '  digits=$(printf %s "$stamp" | tr -d -)',
    '  case $digits in',
    "    ''|*[!0-9]*) continue ;;",
    '  esac',
    '  if [ "${#digits}" -eq 14 ] && [ "$digits" -lt "$cutoff" ]; then',
    `    aws s3 rm --no-progress "${destination}$name"`,
    '  fi',
    'done',
    '',
  ].join('\n');
}
