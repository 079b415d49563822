import type {
  KubeNode,
  KubePod,
  KubeResourceClaim,
  KubeResourceSlice,
} from '../gpu/kubernetes';

/** The report versions this release of Fleetdeck reads. @public */
export const STATUS_REPORT_API_VERSIONS = ['fleetdeck.io/v1alpha1'] as const;

/** @public */
export const STATUS_REPORT_KIND = 'StatusReport';

/**
 * What an air-gapped deployment's collector (`kubectl` only) saw in its cluster: the versions,
 * the nodes, the pods of the release namespace and — where it may list them — the other
 * namespaces' pods and the DRA objects. They are Kubernetes objects as `kubectl get -o json`
 * prints them, full or reduced to the fields the GPU model reads; the server keeps only the
 * GPU facts and versions derived from them.
 *
 * @public
 */
export interface StatusReport {
  apiVersion: (typeof STATUS_REPORT_API_VERSIONS)[number];
  kind: typeof STATUS_REPORT_KIND;
  metadata: {
    /** The CustomerDeployment's name (`acme-prod`), or `namespace/name`. */
    deployment: string;
    /** When the collector ran (ISO 8601). */
    generatedAt: string;
    /** The collector and its version, e.g. `collect-status.sh 1`. */
    collector?: string;
  };
  spec: {
    /** The release's Kubernetes namespace. */
    namespace: string;
    chart: { name: string; version: string };
    kubernetes: { version: string };
    nodes: KubeNode[];
    pods: KubePod[];
    /**
     * The active pods of every other namespace (`kubectl get pods -A`), when the collector
     * may list them: what they hold on each node is then not free for the deployment.
     */
    clusterPods?: KubePod[];
    /**
     * Dynamic Resource Allocation: `read` with `resourceSlices` and `resourceClaims`, `absent`
     * when the cluster serves no `resource.k8s.io`, `unreadable` when it does but the
     * collector may not list them. Unset from a collector before `collect-status.sh 2`.
     */
    dra?: 'read' | 'absent' | 'unreadable';
    /** `kubectl get resourceslices` */
    resourceSlices?: KubeResourceSlice[];
    /** `kubectl get resourceclaims -A` */
    resourceClaims?: KubeResourceClaim[];
  };
}
