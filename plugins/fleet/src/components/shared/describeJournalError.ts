import { backendMessageOf } from './describeApiError';

type ResponseErrorLike = Error & {
  statusCode?: number;
};

function isResponseError(error: unknown): error is ResponseErrorLike {
  return error instanceof Error && error.name === 'ResponseError';
}

/** Whether an error is the cancellation of an upload. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * A sentence that places the backend's message. For refusals the backend explains itself (what
 * to fix, which permission, which limit), so the lead only stands in when it sent no message; a
 * missing deployment, an expired sign-in or a failure of the backend get the lead in any case.
 */
function leadFor(
  statusCode: number | undefined,
  action: 'upload' | 'download',
  deployment: string,
  hasBackendMessage: boolean,
): string | undefined {
  switch (statusCode) {
    case 400:
      return hasBackendMessage
        ? undefined
        : 'The fleet backend could not read this file as a billing journal or a journal archive.';
    case 401:
      return 'Your sign-in has expired; sign in again and retry.';
    case 403:
      if (hasBackendMessage) {
        return undefined;
      }
      return action === 'upload'
        ? `You are not allowed to upload journals for ${deployment} (permission fleet.journal.create).`
        : `You are not allowed to read the journals of ${deployment} (permission fleet.journal.read).`;
    case 404:
      return action === 'upload'
        ? `The fleet backend does not know ${deployment} yet; it takes deployments from the catalog.`
        : `The fleet backend no longer has this journal of ${deployment}.`;
    case 413:
      return hasBackendMessage
        ? undefined
        : "The file is larger than the fleet backend accepts; send each replica's journal on its own.";
    default:
      return statusCode && statusCode >= 500
        ? `The fleet backend failed (${statusCode}); try again later.`
        : undefined;
  }
}

/**
 * What went wrong with a journal upload or download, in words: the backend's own message (it
 * says what to fix), with a short lead where the status needs placing (see `leadFor`).
 * Errors of the FleetClient are `ResponseError`s, recognised by name so that two copies of
 * `@backstage/errors` in an app still agree.
 */
export function describeJournalError(
  error: unknown,
  options: { action: 'upload' | 'download'; deployment: string },
): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  if (!isResponseError(error)) {
    return error.message;
  }
  const backendMessage = backendMessageOf(error);
  const lead = leadFor(
    error.statusCode,
    options.action,
    options.deployment,
    Boolean(backendMessage),
  );
  const parts = [lead, backendMessage].filter((part): part is string =>
    Boolean(part),
  );
  return parts.length > 0 ? parts.join(' ') : error.message;
}
