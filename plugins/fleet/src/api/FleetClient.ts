import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ArtifactListResponse,
  BackupListResponse,
  BundleHandoutResponse,
  BundleListResponse,
  CUSTOMER_DEPLOYMENT_KIND,
  DeploymentListResponse,
  DeploymentQuery,
  DeploymentStatus,
  DeploymentValuesResponse,
  JournalReceiptPage,
  JournalUploadResponse,
  ReleasesResponse,
  UpgradePlanFilesResponse,
  UpgradePlanResponse,
} from '@fleetdeck/plugin-fleet-common';
import {
  BundleVerificationUploadResponse,
  FleetApi,
  GetDeploymentOptions,
  HandOutBundleOptions,
  JournalDownload,
  ListJournalsOptions,
  UpgradePlanOptions,
  UploadJournalOptions,
} from './FleetApi';

/** The list filters of a {@link DeploymentQuery}, sent comma-separated (`license=expired,missing`). */
const LIST_PARAMS = [
  'license',
  'journal',
  'gpu',
  'upgrade',
  'health',
  'profile',
  'customer',
  'owner',
] as const;

/**
 * The query string of `GET /deployments` for a {@link DeploymentQuery}: each list comma-joined
 * (empty lists left out), then `q`, `orderBy`, `order`, `limit` and `cursor` when set.
 */
export function deploymentQueryParams(
  query: DeploymentQuery = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of LIST_PARAMS) {
    const values = query[key];
    if (values && values.length > 0) {
      params.set(key, values.join(','));
    }
  }
  const q = query.q?.trim();
  if (q) {
    params.set('q', q);
  }
  if (query.orderBy) {
    params.set('orderBy', query.orderBy);
  }
  if (query.order) {
    params.set('order', query.order);
  }
  if (query.limit !== undefined) {
    params.set('limit', String(query.limit));
  }
  if (query.cursor) {
    params.set('cursor', query.cursor);
  }
  return params;
}

/** `/deployments/:namespace/:name` for an entity ref (kind and namespace defaulted). */
function deploymentPath(ref: string | CompoundEntityRef): string {
  const { namespace, name } =
    typeof ref === 'string'
      ? parseEntityRef(ref, {
          defaultKind: CUSTOMER_DEPLOYMENT_KIND,
          defaultNamespace: 'default',
        })
      : ref;
  return `/deployments/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
}

/** `?target=` when a target is given. */
function targetParams(options: { target?: string }): URLSearchParams {
  const params = new URLSearchParams();
  if (options.target) {
    params.set('target', options.target);
  }
  return params;
}

/** `path?search`, or `path` alone when there are no parameters. */
function withParams(path: string, params: URLSearchParams): string {
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The file name of a `Content-Disposition` header: `filename*` (RFC 5987, UTF-8) first, then
 * `filename`. Undefined when there is none.
 */
export function fileNameFromContentDisposition(
  header: string | null,
): string | undefined {
  if (!header) {
    return undefined;
  }
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Not valid percent-encoding; fall back to the plain filename parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(header);
  const name = plain && (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]?.trim());
  return name || undefined;
}

/**
 * The `ResponseError` for a finished XMLHttpRequest that failed, built the way
 * `ResponseError.fromResponse` builds it for fetch, so callers handle both alike.
 */
async function responseErrorFromXhr(xhr: XMLHttpRequest): Promise<Error> {
  if (xhr.status < 200 || xhr.status > 599) {
    // Not an HTTP answer a Response can stand for (0: blocked or no answer).
    return new Error(
      `The fleet backend did not answer (status ${xhr.status || 'none'})`,
    );
  }
  const contentType = xhr.getResponseHeader('Content-Type');
  return ResponseError.fromResponse(
    new Response(xhr.responseText || null, {
      status: xhr.status,
      statusText: xhr.statusText,
      headers: contentType ? { 'Content-Type': contentType } : {},
    }),
  );
}

function abortError(): Error {
  const error = new Error('The upload was cancelled');
  error.name = 'AbortError';
  return error;
}

/**
 * {@link FleetApi} over HTTP: finds the backend with the discovery API (plugin id `fleet`) and
 * calls it through the fetch API, so the user's credentials go with every request. A response
 * that is not OK becomes a `ResponseError` carrying the backend's error (`InputError`,
 * `NotFoundError`, …) as its `cause`.
 *
 * Uploads go through `XMLHttpRequest` instead, because fetch cannot report upload progress; they
 * carry the user's Backstage token from the identity API, as the fetch API would.
 *
 * @public
 */
export class FleetClient implements FleetApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly identityApi: Pick<IdentityApi, 'getCredentials'>;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** For the token of uploads, which cannot go through the fetch API. */
    identityApi: Pick<IdentityApi, 'getCredentials'>;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.identityApi = options.identityApi;
  }

  async listDeployments(
    query: DeploymentQuery = {},
  ): Promise<DeploymentListResponse> {
    const params = deploymentQueryParams(query).toString();
    return this.get<DeploymentListResponse>(
      `/deployments${params ? `?${params}` : ''}`,
    );
  }

  async getDeployment(
    ref: string | CompoundEntityRef,
    options: GetDeploymentOptions = {},
  ): Promise<DeploymentStatus> {
    const params = new URLSearchParams();
    if (options.target) {
      params.set('target', options.target);
    }
    return this.get<DeploymentStatus>(withParams(deploymentPath(ref), params));
  }

  async getReleases(): Promise<ReleasesResponse> {
    return this.get<ReleasesResponse>('/releases');
  }

  async listJournals(
    ref: string | CompoundEntityRef,
    options: ListJournalsOptions = {},
  ): Promise<JournalReceiptPage> {
    const params = new URLSearchParams();
    if (options.limit !== undefined) {
      params.set('limit', String(options.limit));
    }
    if (options.cursor) {
      params.set('cursor', options.cursor);
    }
    return this.get<JournalReceiptPage>(
      withParams(`${deploymentPath(ref)}/journals`, params),
    );
  }

  async downloadJournal(
    ref: string | CompoundEntityRef,
    id: string,
  ): Promise<JournalDownload> {
    const response = await this.request(
      `${deploymentPath(ref)}/journals/${encodeURIComponent(id)}/content`,
    );
    return {
      content: await response.blob(),
      fileName: fileNameFromContentDisposition(
        response.headers.get('Content-Disposition'),
      ),
    };
  }

  async listArtifacts(
    ref: string | CompoundEntityRef,
  ): Promise<ArtifactListResponse> {
    return this.get<ArtifactListResponse>(`${deploymentPath(ref)}/artifacts`);
  }

  async downloadArtifact(
    ref: string | CompoundEntityRef,
    name: string,
  ): Promise<JournalDownload> {
    return this.download(
      `${deploymentPath(ref)}/artifacts/${encodeURIComponent(name)}`,
    );
  }

  async downloadArtifactArchive(
    ref: string | CompoundEntityRef,
  ): Promise<JournalDownload> {
    return this.download(`${deploymentPath(ref)}/artifacts.tar.gz`);
  }

  async getUpgradePlan(
    ref: string | CompoundEntityRef,
    options: UpgradePlanOptions = {},
  ): Promise<UpgradePlanResponse> {
    return this.get<UpgradePlanResponse>(
      withParams(`${deploymentPath(ref)}/upgrade-plan`, targetParams(options)),
    );
  }

  async getUpgradePlanFiles(
    ref: string | CompoundEntityRef,
    options: UpgradePlanOptions = {},
  ): Promise<UpgradePlanFilesResponse> {
    return this.get<UpgradePlanFilesResponse>(
      withParams(
        `${deploymentPath(ref)}/upgrade-plan/files`,
        targetParams(options),
      ),
    );
  }

  async downloadUpgradePlanArchive(
    ref: string | CompoundEntityRef,
    options: UpgradePlanOptions = {},
  ): Promise<JournalDownload> {
    return this.download(
      withParams(
        `${deploymentPath(ref)}/upgrade-plan.tar.gz`,
        targetParams(options),
      ),
    );
  }

  async getValues(
    ref: string | CompoundEntityRef,
  ): Promise<DeploymentValuesResponse> {
    return this.get<DeploymentValuesResponse>(`${deploymentPath(ref)}/values`);
  }

  async uploadValues(
    ref: string | CompoundEntityRef,
    document: string,
  ): Promise<DeploymentValuesResponse> {
    return this.send<DeploymentValuesResponse>(
      'PUT',
      `${deploymentPath(ref)}/values`,
      JSON.stringify({ document }),
    );
  }

  async listBundles(
    ref: string | CompoundEntityRef,
  ): Promise<BundleListResponse> {
    return this.get<BundleListResponse>(`${deploymentPath(ref)}/bundles`);
  }

  async handOutBundle(
    ref: string | CompoundEntityRef,
    options: HandOutBundleOptions = {},
  ): Promise<BundleHandoutResponse> {
    return this.send<BundleHandoutResponse>(
      'POST',
      `${deploymentPath(ref)}/bundles`,
      JSON.stringify(options.target ? { target: options.target } : {}),
    );
  }

  async downloadBundleKit(
    ref: string | CompoundEntityRef,
    id: string,
  ): Promise<JournalDownload> {
    return this.download(
      `${deploymentPath(ref)}/bundles/${encodeURIComponent(id)}/kit.tar.gz`,
    );
  }

  async uploadBundleVerification(
    ref: string | CompoundEntityRef,
    verification: string,
  ): Promise<BundleVerificationUploadResponse> {
    // Sent as the customer's file holds it: the backend judges it and says what is wrong.
    return this.send<BundleVerificationUploadResponse>(
      'POST',
      `${deploymentPath(ref)}/bundles/verifications`,
      verification,
    );
  }

  async listBackups(
    ref: string | CompoundEntityRef,
  ): Promise<BackupListResponse> {
    return this.get<BackupListResponse>(`${deploymentPath(ref)}/backups`);
  }

  private async download(path: string): Promise<JournalDownload> {
    const response = await this.request(path);
    return {
      content: await response.blob(),
      fileName: fileNameFromContentDisposition(
        response.headers.get('Content-Disposition'),
      ),
    };
  }

  async uploadJournal(
    ref: string | CompoundEntityRef,
    file: File,
    options: UploadJournalOptions = {},
  ): Promise<JournalUploadResponse> {
    const { replica, onProgress, signal } = options;
    if (signal?.aborted) {
      throw abortError();
    }
    const params = new URLSearchParams();
    if (replica) {
      params.set('replica', replica);
    }
    if (file.name) {
      params.set('fileName', file.name);
    }
    const baseUrl = await this.discoveryApi.getBaseUrl('fleet');
    const url = `${baseUrl}${withParams(
      `${deploymentPath(ref)}/journals`,
      params,
    )}`;
    const { token } = await this.identityApi.getCredentials();

    return new Promise<JournalUploadResponse>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const settle = () => signal?.removeEventListener('abort', onAbort);
      // Rejects at once rather than waiting for the request's own `abort` event.
      function onAbort() {
        settle();
        xhr.abort();
        reject(abortError());
      }

      xhr.open('POST', url);
      if (token) {
        xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      }
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      // Listeners on `upload` must be in place before `send`.
      xhr.upload.onprogress = event => {
        onProgress?.(
          event.loaded,
          event.lengthComputable ? event.total : file.size,
        );
      };
      xhr.onload = () => {
        settle();
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(JSON.parse(xhr.responseText) as JournalUploadResponse);
          } catch {
            reject(
              new Error(
                `The fleet backend accepted ${file.name} but its answer was not JSON`,
              ),
            );
          }
          return;
        }
        responseErrorFromXhr(xhr).then(reject, reject);
      };
      xhr.onerror = () => {
        settle();
        reject(
          new Error(
            `Could not reach the fleet backend to upload ${file.name}; check the connection and try again`,
          ),
        );
      };
      xhr.onabort = () => {
        settle();
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort);
      xhr.send(file);
    });
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.request(path);
    return (await response.json()) as T;
  }

  /** A JSON `body` sent with `method`; the answer parsed as JSON. */
  private async send<T>(
    method: 'POST' | 'PUT',
    path: string,
    body: string,
  ): Promise<T> {
    const response = await this.request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    return (await response.json()) as T;
  }

  /** A request through the fetch API (GET unless `init` says); throws a `ResponseError` unless the response is OK. */
  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('fleet');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
