import { GFD_LABELS } from '../gpu/describeGpuNode';
import { findSecretLikeValues, type SecretLikeValue } from '../secrets';
import type { StatusReport } from './StatusReport';

/** `labels["nvidia.com/gpu.product"]`: a label key is no dotted path segment. */
const labelPath = (path: string, key: string) =>
  `${path}.labels[${JSON.stringify(key)}]`;

/**
 * The structured fields of a report whose values Fleetdeck keeps or shows — names, GPU
 * feature discovery labels, taints, versions — that look like a secret value, with the
 * report's path of each. A secret in one of them means the collector read the wrong thing,
 * so the report is refused. Not scanned: what is never kept (container env, other labels),
 * and the scheduler's messages, free text that `summarizeGpuCapacity` redacts instead.
 *
 * @public
 */
export function findSecretsInStatusReport(
  report: StatusReport,
): SecretLikeValue[] {
  const { metadata, spec } = report;
  const hits = findSecretLikeValues(
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
  );
  spec.nodes.forEach((node, index) => {
    const path = `spec.nodes[${index}]`;
    hits.push(
      ...findSecretLikeValues(node.metadata?.name, `${path}.metadata.name`),
    );
    const labels = node.metadata?.labels ?? {};
    for (const key of Object.values(GFD_LABELS)) {
      hits.push(
        ...findSecretLikeValues(
          labels[key],
          labelPath(`${path}.metadata`, key),
        ),
      );
    }
    (node.spec?.taints ?? []).forEach((taint, taintIndex) => {
      hits.push(
        ...findSecretLikeValues(
          { key: taint.key, value: taint.value, effect: taint.effect },
          `${path}.spec.taints[${taintIndex}]`,
        ),
      );
    });
    for (const resources of ['allocatable', 'capacity'] as const) {
      hits.push(
        ...findSecretLikeValues(
          Object.keys(node.status?.[resources] ?? {}),
          `${path}.status.${resources}`,
        ).map(hit => ({ ...hit, path: `${path}.status.${resources}` })),
      );
    }
  });
  spec.pods.forEach((pod, index) => {
    const path = `spec.pods[${index}]`;
    hits.push(
      ...findSecretLikeValues(pod.metadata?.name, `${path}.metadata.name`),
      ...findSecretLikeValues(pod.spec?.nodeName, `${path}.spec.nodeName`),
    );
    (pod.spec?.containers ?? []).forEach((container, containerIndex) => {
      const resources = `${path}.spec.containers[${containerIndex}].resources`;
      for (const field of ['requests', 'limits'] as const) {
        hits.push(
          ...findSecretLikeValues(
            Object.keys(container.resources?.[field] ?? {}),
            `${resources}.${field}`,
          ).map(hit => ({ ...hit, path: `${resources}.${field}` })),
        );
      }
    });
  });
  return hits;
}
