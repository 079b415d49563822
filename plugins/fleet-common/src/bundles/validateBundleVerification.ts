import type { EntityFieldError } from '../kinds/validation';
import schema from './schema/BundleVerification.v1alpha1.schema.json';
import type { BundleVerification } from './types';
import {
  createSentDocumentValidator,
  describeInstantProblem,
} from './validateSentDocument';

function checkVerification(
  document: BundleVerification,
  now: Date,
): EntityFieldError[] {
  const { result, failed, checked, checkedAt } = document.spec;
  const errors: EntityFieldError[] = [];
  const instantProblem = describeInstantProblem({
    path: 'spec.checkedAt',
    value: checkedAt,
    what: 'the time of the check',
    now,
  });
  if (instantProblem) {
    errors.push(instantProblem);
  }
  if (result === 'verified' && failed.length > 0) {
    errors.push({
      path: 'spec.failed',
      message: `must be empty when result is "verified" (${failed.length} files listed); a bundle with failed files is "failed"`,
    });
  }
  if (result === 'verified' && checked === 0) {
    errors.push({
      path: 'spec.checked',
      message:
        'must be at least 1 when result is "verified": nothing was checked',
    });
  }
  if (result === 'failed' && failed.length === 0) {
    errors.push({
      path: 'spec.failed',
      message:
        'must name the files that failed when result is "failed" (verify-bundle.sh lists them)',
    });
  }
  return errors;
}

const validate = createSentDocumentValidator<BundleVerification>({
  kind: 'BundleVerification',
  writtenBy: 'verify-bundle.sh',
  schema,
  check: checkVerification,
  digestFields: ['spec.manifestSha256', 'spec.sumsSha256'],
});

/**
 * Validates a `bundle-verification.json` (parsed JSON) that `verify-bundle.sh` wrote: exactly
 * the fields of a `BundleVerification`, hex sha256s of 64 digits, an ISO instant, at most 100
 * failed files each a plain bundle path, a result that agrees with them, and no
 * secret-looking string. `checkedAt` may not be before 2000 or more than an hour ahead of
 * `now` (default: the current time).
 *
 * @returns the verification, typed.
 * @throws Error naming each bad field and what to send instead; the message never shows a
 *   secret-looking value.
 * @public
 */
export function validateBundleVerification(
  value: unknown,
  options: { now?: Date } = {},
): BundleVerification {
  return validate(value, options.now ?? new Date());
}
