import type { FieldValidation } from '@rjsf/utils';

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Refuses a value that is not a chart version, in the form's words. */
export function chartVersionValidation(
  value: string | undefined,
  validation: FieldValidation,
): void {
  if (value && !SEMVER.test(value)) {
    validation.addError(
      `Chart version: pick one of the releases (a version such as "0.42.0"), got "${value}"`,
    );
  }
}
