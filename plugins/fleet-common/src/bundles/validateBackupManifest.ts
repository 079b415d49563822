import type { EntityFieldError } from '../kinds/validation';
import schema from './schema/BackupManifest.v1alpha1.schema.json';
import type { BackupManifest } from './types';
import {
  createSentDocumentValidator,
  describeInstantProblem,
} from './validateSentDocument';

function checkManifest(
  document: BackupManifest,
  now: Date,
): EntityFieldError[] {
  // A dump dated in the future would count as a fresh backup before every upgrade.
  const problem = describeInstantProblem({
    path: 'spec.takenAt',
    value: document.spec.takenAt,
    what: 'when the dump was taken',
    now,
  });
  return problem ? [problem] : [];
}

const validate = createSentDocumentValidator<BackupManifest>({
  kind: 'BackupManifest',
  writtenBy: 'the backup CronJob',
  schema,
  check: checkManifest,
  digestFields: ['spec.sha256'],
});

/**
 * Validates a backup job's `<component>-<stamp>.manifest.json` (parsed JSON): exactly the
 * fields of a `BackupManifest`, a Kubernetes name for the component, an ISO instant, a size
 * from 1 byte to 1 PiB, a hex sha256, a retention of 1 to 3650 days, a plain file name for the
 * dump (no `/`, no `..`), and no secret-looking string. `takenAt` may not be before 2000 or
 * more than an hour ahead of `now` (default: the current time), since a dump dated in the
 * future would count as fresh for ever.
 *
 * @returns the manifest, typed.
 * @throws Error naming each bad field and what to send instead; the message never shows a
 *   secret-looking value.
 * @public
 */
export function validateBackupManifest(
  value: unknown,
  options: { now?: Date } = {},
): BackupManifest {
  return validate(value, options.now ?? new Date());
}
