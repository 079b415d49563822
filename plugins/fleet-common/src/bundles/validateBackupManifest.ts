import { isIsoInstant } from '../reports/schemaErrors';
import type { EntityFieldError } from '../kinds/validation';
import schema from './schema/BackupManifest.v1alpha1.schema.json';
import type { BackupManifest } from './types';
import { createSentDocumentValidator } from './validateSentDocument';

function checkManifest(document: BackupManifest): EntityFieldError[] {
  return isIsoInstant(document.spec.takenAt)
    ? []
    : [
        {
          path: 'spec.takenAt',
          message: `must be when the dump was taken, ISO 8601 with a zone, such as "2026-11-20T02:00:00Z"`,
        },
      ];
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
 * dump (no `/`, no `..`), and no secret-looking string.
 *
 * @returns the manifest, typed.
 * @throws Error naming each bad field and what to send instead; the message never shows a
 *   secret-looking value.
 * @public
 */
export function validateBackupManifest(value: unknown): BackupManifest {
  return validate(value);
}
