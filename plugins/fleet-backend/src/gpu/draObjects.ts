import type {
  GpuCapacityInput,
  KubeResourceClaim,
  KubeResourceSlice,
} from '@fleetdeck/plugin-fleet-common';
import { GpuSourceError, type ProxyGet } from './kubernetesPluginFetch';

/** The versions of `resource.k8s.io` read, newest first: v1 from Kubernetes 1.34, v1beta1 from 1.32. */
const VERSIONS = ['v1', 'v1beta1'];

/** What the cluster says of Dynamic Resource Allocation, as `summarizeGpuCapacity` takes it. */
export type DraObjects = Pick<
  GpuCapacityInput,
  'dra' | 'draError' | 'resourceSlices' | 'resourceClaims'
>;

/**
 * The cluster's `ResourceSlice`s and every namespace's `ResourceClaim`s, from the newest
 * `resource.k8s.io` version it serves. A cluster that serves none (404 on each) has no DRA:
 * `absent`. Any other failure (403, a timeout) leaves DRA `unreadable` with the reason —
 * not the whole snapshot failed: only nodes that DRA alone equips are unknown then.
 */
export async function readDraObjects(
  get: ProxyGet,
  cluster: string,
): Promise<DraObjects> {
  const list = async <T>(version: string, kind: string) => {
    const path = `/apis/resource.k8s.io/${version}/${kind}`;
    const body = (await get(path, {
      what: `cluster ${cluster} (Kubernetes plugin proxy, ${path})`,
      clusterAccountMust: `list ${kind} (resource.k8s.io)`,
    })) as { items?: T[] };
    return body.items ?? [];
  };
  for (const version of VERSIONS) {
    try {
      return {
        dra: 'read',
        resourceSlices: await list<KubeResourceSlice>(
          version,
          'resourceslices',
        ),
        resourceClaims: await list<KubeResourceClaim>(
          version,
          'resourceclaims',
        ),
      };
    } catch (error) {
      if (!(error instanceof GpuSourceError)) {
        throw error;
      }
      if (error.status !== 404) {
        return { dra: 'unreadable', draError: error.message };
      }
    }
  }
  return { dra: 'absent' };
}
