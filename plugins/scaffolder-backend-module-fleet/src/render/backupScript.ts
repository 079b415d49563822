import type { BillingReplica } from './journalLayout';

/** Where the job mounts the journal volume (read-only) and writes its archives. */
export const JOURNALS_MOUNT = '/journals';
export const ARCHIVES_MOUNT = '/archives';

/**
 * The shell (busybox sh: `date`, `mkdir`, `tar`, `mv`) that archives each replica's journal as
 * `<deployment>/<pod>/journal-YYYYMMDD-HHMMSS.tar.gz` — the layout the journal inbox reads —
 * holding `./journal`. It only reads the journal volume (mounted read-only) and never removes
 * anything; an archive is written under a hidden name and renamed when complete, so the inbox
 * never picks up half a file. A missing journal fails the job, after the others are archived.
 */
export function archiveScript(
  deployment: string,
  replicas: BillingReplica[],
): string {
  const calls = replicas.map(
    r =>
      `archive ${r.pod} ${JOURNALS_MOUNT}/${r.folder === '.' ? '' : r.folder}`,
  );
  return [
    'set -eu',
    'stamp=$(date -u +%Y%m%d-%H%M%S)',
    'missing=0',
    'archive() {',
    '  pod=$1; source=${2%/}',
    '  if [ ! -f "$source/journal" ]; then',
    '    echo "no journal for $pod at $source/journal (has billing started?)" >&2',
    '    missing=1; return 0',
    '  fi',
    `  target=${ARCHIVES_MOUNT}/${deployment}/$pod`,
    '  mkdir -p "$target"',
    '  tar czf "$target/.journal-$stamp.tar.gz.partial" -C "$source" ./journal',
    '  mv "$target/.journal-$stamp.tar.gz.partial" "$target/journal-$stamp.tar.gz"',
    `  echo "archived $pod: ${deployment}/$pod/journal-$stamp.tar.gz"`,
    '}',
    ...calls,
    'exit $missing',
    '',
  ].join('\n');
}

/** Uploads every archive of this run to S3 with the AWS CLI (connected customers only). */
export function uploadScript(bucket: string, prefix: string): string {
  const destination = `s3://${bucket}/${
    prefix ? `${prefix.replace(/\/+$/, '')}/` : ''
  }`;
  return [
    'set -eu',
    `aws s3 cp --recursive --no-progress ${ARCHIVES_MOUNT}/ ${destination}`,
    `echo "uploaded to ${destination}"`,
    '',
  ].join('\n');
}
