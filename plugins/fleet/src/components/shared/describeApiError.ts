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

/** The message `ResponseError.fromResponse` makes up when a body was not the backend's JSON. */
const NOT_FROM_BACKEND = /^Request failed with( status)? \d{3}/;

/**
 * The fleet backend's own message in a `ResponseError` (its `cause`: an `InputError` says what
 * to fix), or undefined when the answer carried none — a proxy's page, an empty body.
 */
export function backendMessageOf(error: unknown): string | undefined {
  if (!isError(error) || error.name !== 'ResponseError') {
    return undefined;
  }
  const cause = (error as Error & { cause?: { message?: unknown } }).cause
    ?.message;
  return typeof cause === 'string' && cause && !NOT_FROM_BACKEND.test(cause)
    ? cause
    : undefined;
}

/** What to tell the user about a failed request: the backend's message as it is, else the error's. */
export function describeRequestError(error: unknown): string {
  return (
    backendMessageOf(error) ??
    (error instanceof Error ? error.message : String(error))
  );
}
