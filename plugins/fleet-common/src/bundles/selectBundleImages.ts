import { parse as parseYaml } from 'yaml';
import { compareChartVersions, isSameChartVersion } from '../releases';
import type { ChartImage, ReleasePolicy } from '../releases/types';

/** An image the release runs in this deployment, with the digest the policy pins. */
export interface SelectedImage {
  /** The entry's place in the policy's `images`, for messages. */
  index: number;
  component: string;
  repository: string;
  digest?: string;
}

/** The images chosen, and whether the deployment's values decided the `when` keys. */
export interface ImageSelection {
  images: SelectedImage[];
  /** False when no values were given: every conditional image is included. */
  valuesKnown: boolean;
}

type Dict = Record<string, unknown>;

function readValues(values: string): Dict {
  let parsed: unknown;
  try {
    parsed = parseYaml(values);
  } catch (error) {
    throw new Error(
      `values: is not a YAML document (${
        (error as Error).message.split('\n')[0]
      }); give the deployment's Helm values file`,
    );
  }
  if (parsed === null || parsed === undefined) {
    return {};
  }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(
      "values: must be a YAML mapping (the deployment's Helm values), got a single value or a list",
    );
  }
  return parsed as Dict;
}

/** The value at a dotted key (`licenseProxy.enabled`); undefined when any part is missing. */
function valueAt(values: Dict, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (at, part) =>
        at && typeof at === 'object' && !Array.isArray(at)
          ? (at as Dict)[part]
          : undefined,
      values,
    );
}

const appliesAt = (image: ChartImage, version: string) =>
  image.since === undefined || compareChartVersions(image.since, version) <= 0;

/**
 * The policy's images that the chart runs at `version` (those whose `since` is at or below
 * it) in a deployment with these values: an image with a `when` key only where that key is
 * truthy. Without values every image of the release is taken, since leaving one out would
 * leave the site unable to start it. Digests come from the policy's `imageDigests` for this
 * version and repository.
 */
export function selectBundleImages(options: {
  policy?: ReleasePolicy;
  version: string;
  values?: string;
}): ImageSelection {
  const { policy, version } = options;
  const values =
    options.values === undefined ? undefined : readValues(options.values);
  const images = (policy?.images ?? [])
    .map((image, index) => ({ ...image, index }))
    .filter(image => appliesAt(image, version))
    .filter(
      image =>
        image.when === undefined ||
        values === undefined ||
        Boolean(valueAt(values, image.when)),
    )
    .map(image => {
      const pinned = policy?.imageDigests?.find(
        known =>
          known.repository === image.repository &&
          isSameChartVersion(known.version, version),
      );
      return {
        index: image.index,
        component: image.component,
        repository: image.repository,
        ...(pinned && { digest: pinned.digest }),
      };
    });
  return { images, valuesKnown: values !== undefined };
}
