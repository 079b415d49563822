import { podGpuRequests, type KubePod } from '@fleetdeck/plugin-fleet-common';
import { GpuSourceError, type ProxyGet } from './kubernetesPluginFetch';

/** Active pods only: finished ones hold no GPU. */
const ACTIVE = 'status.phase!=Succeeded,status.phase!=Failed';
const PAGE_SIZE = 500;
/** 500 000 pods: more than a cluster holds (150 000); a server that never ends its list stops here. */
const MAX_PAGES = 1000;

type PodList = { items?: KubePod[]; metadata?: { continue?: string } };

const podKey = (pod: KubePod) =>
  `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;

/**
 * What `summarizeGpuCapacity` reads of another pod: the node it holds GPUs on, its GPU
 * requests and its claims; a pod holding none is dropped, so a big cluster's list costs
 * little memory.
 */
function reduceToGpuFacts(pod: KubePod): KubePod | undefined {
  const requests = podGpuRequests(pod);
  const claims = pod.spec?.resourceClaims ?? [];
  if (
    !pod.spec?.nodeName ||
    (Object.keys(requests).length === 0 && claims.length === 0)
  ) {
    return undefined;
  }
  return {
    metadata: { name: pod.metadata?.name, namespace: pod.metadata?.namespace },
    spec: {
      nodeName: pod.spec.nodeName,
      containers: (pod.spec.containers ?? []).map(({ resources }) => ({
        resources,
      })),
      resourceClaims: claims,
    },
    status: {
      phase: pod.status?.phase,
      resourceClaimStatuses: pod.status?.resourceClaimStatuses,
    },
  };
}

/**
 * The cluster's active pods that hold GPUs on a node, every namespace's, except `known`
 * (the deployment's own): `GET /api/v1/pods?fieldSelector=…`, page by page within one
 * deadline. `undefined` when the cluster account may not list pods in every namespace (403):
 * the GPU model then counts the namespace's pods only.
 */
export async function listOtherGpuPods(
  get: ProxyGet,
  options: { known: KubePod[]; cluster: string; timeoutMs: number },
): Promise<KubePod[] | undefined> {
  const known = new Set(options.known.map(podKey));
  const signal = AbortSignal.timeout(options.timeoutMs);
  const found: KubePod[] = [];
  let next: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({
        fieldSelector: ACTIVE,
        limit: String(PAGE_SIZE),
        ...(next && { continue: next }),
      });
      const list = (await get(`/api/v1/pods?${query}`, {
        what: `cluster ${options.cluster} (Kubernetes plugin proxy, /api/v1/pods of every namespace)`,
        clusterAccountMust: 'list pods in every namespace',
        signal,
      })) as PodList;
      for (const pod of list.items ?? []) {
        const reduced = known.has(podKey(pod))
          ? undefined
          : reduceToGpuFacts(pod);
        if (reduced) {
          found.push(reduced);
        }
      }
      next = list.metadata?.continue;
      if (!next) {
        return found;
      }
    }
  } catch (error) {
    if (error instanceof GpuSourceError && error.status === 403) {
      return undefined;
    }
    throw error;
  }
  throw new GpuSourceError(
    `cluster ${options.cluster} listed more than ${
      MAX_PAGES * PAGE_SIZE
    } pods without ending the list`,
  );
}
