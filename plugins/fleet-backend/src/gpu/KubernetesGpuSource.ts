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
import { listOtherGpuPods } from './clusterPods';
import { readDraObjects, type DraObjects } from './draObjects';
import {
  fetchJson,
  GpuSourceError,
  type CallDescription,
  type ProxyGet,
} from './kubernetesPluginFetch';

/** The annotation naming the cluster of an entity, as the Kubernetes plugin reads it. */
export const KUBERNETES_CLUSTER_ANNOTATION = 'backstage.io/kubernetes-cluster';

/** What one deployment's cluster looks like, read through the Kubernetes plugin. */
export interface ClusterGpuView extends DraObjects {
  cluster: string;
  nodes: KubeNode[];
  /** The deployment's pods in its namespace. */
  pods: KubePod[];
  /**
   * Every other active pod holding GPUs on a node, any namespace's; undefined when the
   * cluster account may not list pods in every namespace.
   */
  clusterPods?: KubePod[];
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

/** What the cluster account must be allowed for the reads a snapshot cannot do without. */
const NODES_AND_PODS = 'list nodes and pods';

/**
 * Reads a connected deployment's nodes and pods through `@backstage/plugin-kubernetes-backend`
 * — its cluster configuration and authentication, no Kubernetes client of our own:
 *
 * - pods through its objects API (`POST /resources/workloads/query`), which finds the
 *   entity's clusters and pods by `backstage.io/kubernetes-id`;
 * - the rest, which that API does not fetch, through its proxy (`GET /proxy/...` with the
 *   `Backstage-Kubernetes-Cluster` header) on the cluster of annotation
 *   `backstage.io/kubernetes-cluster`, else the one the objects API answered for, at once:
 *   nodes (`/api/v1/nodes`); every namespace's active pods
 *   (`/api/v1/pods?fieldSelector=status.phase!=Succeeded,status.phase!=Failed`, paged; left
 *   out on 403); and `ResourceSlice`s and `ResourceClaim`s (`/apis/resource.k8s.io/v1/…`,
 *   else `v1beta1`; `absent` on 404, `unreadable` with the reason otherwise).
 *
 * Calls carry a plugin-to-plugin token for the fleet backend's own service identity, so
 * the permissions `kubernetes.resources.read` and `kubernetes.proxy` apply to it. Each call
 * has the request timeout; the pages of the pod list share one.
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
        {
          what: 'the Kubernetes plugin cluster list',
          clusterAccountMust: NODES_AND_PODS,
        },
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
      {
        what: 'the Kubernetes plugin objects API',
        clusterAccountMust: NODES_AND_PODS,
      },
    )) as ObjectsResponse;

    const { cluster, pods } = pickCluster(
      objects.items ?? [],
      entityRef,
      entity.metadata.annotations?.[KUBERNETES_CLUSTER_ANNOTATION],
    );

    const namespace = entity.spec.cluster?.namespace;
    const deploymentPods = namespace
      ? pods.filter(p => (p.metadata?.namespace ?? namespace) === namespace)
      : pods;

    const get: ProxyGet = (path, call) =>
      this.call(
        `${baseUrl}/proxy${path}`,
        {
          headers: {
            Authorization: `Bearer ${token}`,
            [CLUSTER_HEADER]: cluster,
            Accept: 'application/json',
          },
        },
        call,
      );
    const [nodes, clusterPods, dra] = await Promise.all([
      get('/api/v1/nodes', {
        what: `cluster ${cluster} (Kubernetes plugin proxy, /api/v1/nodes)`,
        clusterAccountMust: NODES_AND_PODS,
      }) as Promise<{ items?: KubeNode[] }>,
      listOtherGpuPods(get, {
        known: deploymentPods,
        cluster,
        timeoutMs: this.timeoutMs,
      }),
      readDraObjects(get, cluster),
    ]);
    return {
      cluster,
      nodes: nodes.items ?? [],
      pods: deploymentPods,
      ...(clusterPods && { clusterPods }),
      ...dra,
    };
  }

  private async token() {
    return this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
  }

  private call(
    url: string,
    init: RequestInit,
    call: CallDescription & { signal?: AbortSignal },
  ): Promise<unknown> {
    return fetchJson(url, init, { ...call, timeoutMs: this.timeoutMs });
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
