import { isError } from '@backstage/errors';

/**
 * Whether `error` is the fleet backend's refusal (403): a `ResponseError` with that status.
 * Checked by name, not `instanceof`, so that two copies of `@backstage/errors` in an app still
 * agree.
 */
export function isNotAllowed(error: unknown): boolean {
  return (
    isError(error) &&
    error.name === 'ResponseError' &&
    (error as Error & { statusCode?: number }).statusCode === 403
  );
}

/** What the user was refused, for {@link describeNotAllowed}. */
export type NotAllowedContext = {
  /** What the user may not do, as it continues "You may not …": `read the billing journals`. */
  action: string;
  /** The permission that is not granted: `fleet.journal.read`. */
  permission: string;
  /** The deployment's name, when the refusal is about one. */
  deployment?: string;
};

/**
 * A refusal in words: what may not be done, which permission is missing and whom to ask — in
 * place of a raw "403 Forbidden".
 */
export function describeNotAllowed(context: NotAllowedContext): string {
  const { action, permission, deployment } = context;
  const what = deployment ? `${action} of ${deployment}` : action;
  const whom = deployment
    ? `Ask a platform admin, or the team that owns ${deployment}, for access.`
    : 'Ask a platform admin for access.';
  return `You may not ${what}: the permission ${permission} is not granted to you. ${whom}`;
}
