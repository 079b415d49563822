/** A failure to read a cluster, in words an SE can act on; `status` when the server answered. */
export class GpuSourceError extends Error {
  name = 'GpuSourceError';

  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

/** What a call reads, for its errors. */
export interface CallDescription {
  /** `cluster gpu-east (Kubernetes plugin proxy, /api/v1/nodes)` */
  what: string;
  /** What the cluster's account must be allowed, said when it answers 403: `list nodes and pods`. */
  clusterAccountMust: string;
}

/** A GET through the Kubernetes plugin's proxy to the deployment's cluster. */
export type ProxyGet = (
  path: string,
  call: CallDescription & { signal?: AbortSignal },
) => Promise<unknown>;

/**
 * Fetches JSON from the Kubernetes plugin within `timeoutMs` (or `signal`, for calls that
 * share one deadline); throws `GpuSourceError` naming the call, the status and the server's
 * short message — never its whole body.
 */
export async function fetchJson(
  url: string,
  init: RequestInit,
  call: CallDescription & { timeoutMs: number; signal?: AbortSignal },
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      signal: call.signal ?? AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    throw new GpuSourceError(
      name === 'TimeoutError' || name === 'AbortError'
        ? `${call.what} did not answer within ${call.timeoutMs / 1000} s`
        : `${call.what} could not be reached: ${(error as Error).message}`,
    );
  }
  if (!response.ok) {
    throw new GpuSourceError(
      `${call.what} answered ${response.status}${
        response.status === 403
          ? ` (forbidden: the fleet backend needs kubernetes.resources.read and kubernetes.proxy, and the cluster account must ${call.clusterAccountMust})`
          : ''
      }: ${await errorMessage(response)}`,
      response.status,
    );
  }
  return response.json();
}

/** The message of a Backstage or Kubernetes error body, short; never the whole body. */
async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    const message = body?.error?.message ?? body?.message;
    if (typeof message === 'string') {
      return message.slice(0, 300);
    }
  } catch {
    // not JSON: fall through to the status text
  }
  return response.statusText || 'no message';
}
