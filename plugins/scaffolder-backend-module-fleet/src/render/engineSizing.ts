import { plural } from '@fleetdeck/plugin-fleet-common';
import type { OnboardingAnswers } from '../answers/schema';

/**
 * The engines in one sentence, for the files' readers: the load they are sized for and what
 * each pod takes, e.g. "Sized for 8 concurrent streams at peak: 2 engine pods with 1
 * nvidia.com/gpu, 16 GiB of GPU memory, 4 CPU and 24Gi memory each." Undefined when the
 * answers carry no sizing (the engines are then as the chart's defaults make them).
 */
export function describeEngineSizing(a: OnboardingAnswers): string | undefined {
  const { expectedStreams, engineMemoryGiB, engineResources } = a.gpu;
  const { cpu, memory } = engineResources ?? {};
  if (
    [expectedStreams, engineMemoryGiB, cpu, memory].every(v => v === undefined)
  ) {
    return undefined;
  }
  const each = [
    `${a.gpu.perEngine} ${a.gpu.resourceName}`,
    ...(engineMemoryGiB !== undefined
      ? [`${engineMemoryGiB} GiB of GPU memory`]
      : []),
    ...(cpu !== undefined ? [`${cpu} CPU`] : []),
    ...(memory !== undefined ? [`${memory} memory`] : []),
  ];
  const pods = `${plural(a.gpu.engineReplicas, 'engine pod')} with ${
    each.length > 1
      ? `${each.slice(0, -1).join(', ')} and ${each[each.length - 1]}`
      : each[0]
  } each`;
  return expectedStreams === undefined
    ? `Engines: ${pods}.`
    : `Sized for ${plural(
        expectedStreams,
        'concurrent stream',
      )} at peak: ${pods}.`;
}
