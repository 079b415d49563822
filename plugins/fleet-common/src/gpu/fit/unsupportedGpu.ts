import { compareChartVersions } from '../../releases/chartVersion';
import type { ReleasePolicy } from '../../releases/types';

/**
 * The release policy's `unsupportedGpus` rule that takes a GPU product out of a chart version's
 * capacity: `since` at or below the version, `product` equal, or a prefix ending in `*`.
 */
export function unsupportedGpuRule(
  policy: ReleasePolicy | undefined,
  product: string | undefined,
  version: string | undefined,
): NonNullable<ReleasePolicy['unsupportedGpus']>[number] | undefined {
  if (!product || !version) {
    return undefined;
  }
  return (policy?.unsupportedGpus ?? []).find(
    rule =>
      compareChartVersions(rule.since, version) <= 0 &&
      (rule.product.endsWith('*')
        ? product.startsWith(rule.product.slice(0, -1))
        : product === rule.product),
  );
}
