import { GFD_LABELS } from '../gpu/describeGpuNode';
import type {
  KubeNode,
  KubePod,
  KubeResourceClaim,
  KubeResourceSlice,
} from '../gpu/kubernetes';
import { findSecretLikeValues, type SecretLikeValue } from '../secrets';
import type { StatusReport } from './StatusReport';

/** `labels["nvidia.com/gpu.product"]`: a label key is no dotted path segment. */
const labelPath = (path: string, key: string) =>
  `${path}.labels[${JSON.stringify(key)}]`;

/** Resource names are kept as keys: a hit names the list, not the key. */
const keysOf = (list: Record<string, unknown> | undefined, path: string) =>
  findSecretLikeValues(Object.keys(list ?? {}), path).map(hit => ({
    ...hit,
    path,
  }));

/** The pod labels a deployment's GPU pods are told apart by (`GpuPodObservation.app`). */
const POD_APP_LABELS = ['app.kubernetes.io/component', 'app'];

function scanNode(node: KubeNode, path: string): SecretLikeValue[] {
  const labels = node.metadata?.labels ?? {};
  return [
    ...findSecretLikeValues(node.metadata?.name, `${path}.metadata.name`),
    ...Object.values(GFD_LABELS).flatMap(key =>
      findSecretLikeValues(labels[key], labelPath(`${path}.metadata`, key)),
    ),
    // MIG slice memory: nvidia.com/mig-<profile>.memory.
    ...Object.keys(labels)
      .filter(key => /^nvidia\.com\/mig-.+\.memory$/.test(key))
      .flatMap(key =>
        findSecretLikeValues(labels[key], labelPath(`${path}.metadata`, key)),
      ),
    ...(node.spec?.taints ?? []).flatMap((taint, index) =>
      findSecretLikeValues(
        { key: taint.key, value: taint.value, effect: taint.effect },
        `${path}.spec.taints[${index}]`,
      ),
    ),
    ...keysOf(node.status?.allocatable, `${path}.status.allocatable`),
    ...keysOf(node.status?.capacity, `${path}.status.capacity`),
  ];
}

/** What is kept of any pod: the GPU resources it asks for, and the node it is on. */
function scanPodResources(pod: KubePod, path: string): SecretLikeValue[] {
  return [
    ...findSecretLikeValues(pod.spec?.nodeName, `${path}.spec.nodeName`),
    ...(pod.spec?.containers ?? []).flatMap((container, index) => {
      const resources = `${path}.spec.containers[${index}].resources`;
      return [
        ...keysOf(container.resources?.requests, `${resources}.requests`),
        ...keysOf(container.resources?.limits, `${resources}.limits`),
      ];
    }),
  ];
}

/** A pod of the deployment: also its name and what it is. */
function scanDeploymentPod(pod: KubePod, path: string): SecretLikeValue[] {
  const labels = pod.metadata?.labels ?? {};
  return [
    ...findSecretLikeValues(pod.metadata?.name, `${path}.metadata.name`),
    ...POD_APP_LABELS.flatMap(key =>
      findSecretLikeValues(labels[key], labelPath(`${path}.metadata`, key)),
    ),
    ...scanPodResources(pod, path),
  ];
}

function scanResourceSlice(
  slice: KubeResourceSlice,
  path: string,
): SecretLikeValue[] {
  const { driver, nodeName, devices = [] } = slice.spec ?? {};
  return [
    ...findSecretLikeValues({ driver, nodeName }, `${path}.spec`),
    ...devices.flatMap((device, index) => {
      const at = `${path}.spec.devices[${index}]`;
      const described = device.basic
        ? { at: `${at}.basic`, attributes: device.basic.attributes }
        : { at, attributes: device.attributes };
      return [
        ...findSecretLikeValues(device.name, `${at}.name`),
        ...['type', 'productName', 'profile'].flatMap(name =>
          findSecretLikeValues(
            described.attributes?.[name]?.string,
            `${described.at}.attributes.${name}.string`,
          ),
        ),
      ];
    }),
  ];
}

/** A claim is kept as `namespace/name`, the holder of its devices. */
const scanResourceClaim = (claim: KubeResourceClaim, path: string) =>
  findSecretLikeValues(
    { name: claim.metadata?.name, namespace: claim.metadata?.namespace },
    `${path}.metadata`,
  );

const scanEach = <T>(
  items: T[] | undefined,
  path: string,
  scan: (item: T, path: string) => SecretLikeValue[],
) => (items ?? []).flatMap((item, index) => scan(item, `${path}[${index}]`));

/**
 * The structured fields of a report whose values Fleetdeck keeps or shows — names, GPU
 * feature discovery labels, taints, versions, the deployment's pods' app labels, DRA devices
 * and the claims holding them — that look like a secret value, with the report's path of
 * each. A secret in one of them means the collector read the wrong thing, so the report is
 * refused. Not scanned: what is never kept (container env, other labels, other namespaces'
 * pod names), and the scheduler's messages, free text that `summarizeGpuCapacity` redacts
 * instead.
 *
 * @public
 */
export function findSecretsInStatusReport(
  report: StatusReport,
): SecretLikeValue[] {
  const { metadata, spec } = report;
  return [
    ...findSecretLikeValues(
      {
        metadata: {
          deployment: metadata.deployment,
          collector: metadata.collector,
        },
        spec: {
          namespace: spec.namespace,
          chart: spec.chart,
          kubernetes: spec.kubernetes,
        },
      },
      '',
    ),
    ...scanEach(spec.nodes, 'spec.nodes', scanNode),
    ...scanEach(spec.pods, 'spec.pods', scanDeploymentPod),
    ...scanEach(spec.clusterPods, 'spec.clusterPods', scanPodResources),
    ...scanEach(spec.resourceSlices, 'spec.resourceSlices', scanResourceSlice),
    ...scanEach(spec.resourceClaims, 'spec.resourceClaims', scanResourceClaim),
  ];
}
