import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  CustomerDeploymentEntity,
  KubeNode,
  KubePod,
} from '@fleetdeck/plugin-fleet-common';

/** The annotation naming the cluster of an entity, as the Kubernetes plugin reads it. */
export const KUBERNETES_CLUSTER_ANNOTATION = 'backstage.io/kubernetes-cluster';

/** What one deployment's cluster looks like, read through the Kubernetes plugin. */
export interface ClusterGpuView {
  cluster: string;
  nodes: KubeNode[];
  pods: KubePod[];
}

/** A failure to read a cluster, in words an SE can act on. */
export class GpuSourceError extends Error {
  name = 'GpuSourceError';
}

type ObjectsResponse = {
  items?: Array<{
    cluster?: { name?: string };
    resources?: Array<{ type?: string; resources?: KubePod[] }>;
    errors?: Array<{
      errorType?: string;
      statusCode?: number;
      resourcePath?: string;
      message?: string;
    }>;
  }>;
};

const CLUSTER_HEADER = 'Backstage-Kubernetes-Cluster';

/**
 * Reads a connected deployment's nodes and pods through `@backstage/plugin-kubernetes-backend`
 * — its cluster configuration and authentication, no Kubernetes client of our own:
 *
 * - pods through its objects API (`POST /resources/workloads/query`), which finds the
 *   entity's clusters and pods by `backstage.io/kubernetes-id`;
 * - nodes, which that API does not fetch, through its proxy (`GET /proxy/api/v1/nodes` with
 *   the `Backstage-Kubernetes-Cluster` header): the cluster of annotation
 *   `backstage.io/kubernetes-cluster`, else the one the objects API answered for.
 *
 * Calls carry a plugin-to-plugin token for the fleet backend's own service identity, so
 * the permissions `kubernetes.resources.read` and `kubernetes.proxy` apply to it.
 */
export class KubernetesGpuSource {
  private readonly auth: AuthService;
  private readonly discovery: DiscoveryService;
  private readonly timeoutMs: number;

  constructor(options: {
    auth: AuthService;
    discovery: DiscoveryService;
    /** Per request; a slow cluster must not hold up the others. */
    timeoutMs: number;
  }) {
    this.auth = options.auth;
    this.discovery = options.discovery;
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * Whether the Kubernetes plugin knows any cluster (`GET /clusters`). `undefined` when it
   * cannot say; the reads then report what is wrong, deployment by deployment.
   */
  async hasClusters(): Promise<boolean | undefined> {
    try {
      const { token } = await this.token();
      const body = (await this.call(
        `${await this.discovery.getBaseUrl('kubernetes')}/clusters`,
        { headers: { Authorization: `Bearer ${token}` } },
        'the Kubernetes plugin cluster list',
      )) as { items?: unknown[] };
      return (body.items ?? []).length > 0;
    } catch {
      // Not knowing is not an answer: let each read fail with its own reason.
      return undefined;
    }
  }

  /** Throws `GpuSourceError` saying what failed: the cluster, the call and why. */
  async read(entity: CustomerDeploymentEntity): Promise<ClusterGpuView> {
    const baseUrl = await this.discovery.getBaseUrl('kubernetes');
    const { token } = await this.token();
    const entityRef = stringifyEntityRef(entity);

    const objects = (await this.call(
      `${baseUrl}/resources/workloads/query`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ entityRef, auth: {} }),
      },
      'the Kubernetes plugin objects API',
    )) as ObjectsResponse;

    const { cluster, pods } = pickCluster(
      objects.items ?? [],
      entityRef,
      entity.metadata.annotations?.[KUBERNETES_CLUSTER_ANNOTATION],
    );

    const nodes = (await this.call(
      `${baseUrl}/proxy/api/v1/nodes`,
      {
        headers: {
          Authorization: `Bearer ${token}`,
          [CLUSTER_HEADER]: cluster,
          Accept: 'application/json',
        },
      },
      `cluster ${cluster} (Kubernetes plugin proxy, /api/v1/nodes)`,
    )) as { items?: KubeNode[] };

    const namespace = entity.spec.cluster?.namespace;
    return {
      cluster,
      nodes: nodes.items ?? [],
      pods: namespace
        ? pods.filter(p => (p.metadata?.namespace ?? namespace) === namespace)
        : pods,
    };
  }

  private async token() {
    return this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
  }

  private async call(
    url: string,
    init: RequestInit,
    what: string,
  ): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new GpuSourceError(
        name === 'TimeoutError' || name === 'AbortError'
          ? `${what} did not answer within ${this.timeoutMs / 1000} s`
          : `${what} could not be reached: ${(error as Error).message}`,
      );
    }
    if (!response.ok) {
      throw new GpuSourceError(
        `${what} answered ${response.status}${
          response.status === 403
            ? ' (forbidden: the fleet backend needs kubernetes.resources.read and kubernetes.proxy, and the cluster account must list nodes and pods)'
            : ''
        }: ${await errorMessage(response)}`,
      );
    }
    return response.json();
  }
}

type ObjectsItem = NonNullable<ObjectsResponse['items']>[number];

const podsOf = (item: ObjectsItem) =>
  item.resources?.find(r => r.type === 'pods')?.resources ?? [];

function describeFetchError(item: ObjectsItem): string | undefined {
  const [first] = item.errors ?? [];
  if (!first) {
    return undefined;
  }
  return `cluster ${item.cluster?.name}: ${first.errorType ?? 'error'}${
    first.statusCode ? ` ${first.statusCode}` : ''
  }${first.resourcePath ? ` on ${first.resourcePath}` : ''}${
    first.message ? `: ${first.message.slice(0, 300)}` : ''
  }`;
}

/**
 * The deployment's cluster among those the objects API answered for: the annotated one, else
 * the one where its pods are (with a multi-tenant locator every cluster is asked, and those
 * that do not run it answer with no pods).
 */
function pickCluster(
  items: ObjectsItem[],
  entityRef: string,
  annotated: string | undefined,
): { cluster: string; pods: KubePod[] } {
  if (annotated) {
    const item = items.find(i => i.cluster?.name === annotated);
    if (!item) {
      throw new GpuSourceError(
        `the Kubernetes plugin returned nothing from cluster ${annotated} (annotation ${KUBERNETES_CLUSTER_ANNOTATION}) for ${entityRef}: no such cluster in kubernetes.clusterLocatorMethods, or no pods labelled for it there`,
      );
    }
    const failure = describeFetchError(item);
    if (failure && podsOf(item).length === 0) {
      throw new GpuSourceError(failure);
    }
    return { cluster: annotated, pods: podsOf(item) };
  }
  const running = items.find(i => podsOf(i).length > 0 && i.cluster?.name);
  if (running) {
    return { cluster: running.cluster!.name!, pods: podsOf(running) };
  }
  const failures = items
    .map(describeFetchError)
    .filter((f): f is string => Boolean(f));
  throw new GpuSourceError(
    failures.length > 0
      ? `no pods of ${entityRef} found; ${failures.join('; ')}`
      : `the Kubernetes plugin found no pods labelled for ${entityRef} on any cluster; check its backstage.io/kubernetes-id annotation and the pods' label, or name the cluster with ${KUBERNETES_CLUSTER_ANNOTATION}`,
  );
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
