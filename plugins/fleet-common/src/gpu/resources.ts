/** Extended resources advertised by the NVIDIA device plugin all start with this. */
export const NVIDIA_RESOURCE_PREFIX = 'nvidia.com/';

/** Whether a resource name is a GPU (whole, shared or MIG slice) from the NVIDIA device plugin. */
export function isGpuResource(name: string): boolean {
  return name.startsWith(NVIDIA_RESOURCE_PREFIX);
}

/**
 * Reads an extended-resource quantity. GPUs are whole numbers ("8"); anything else (a
 * malformed or fractional value) counts as 0 rather than inflate the capacity.
 */
export function parseGpuQuantity(value: string | undefined): number {
  if (value === undefined) {
    return 0;
  }
  const trimmed = String(value).trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : 0;
}

/** The GPU resources of a resource list, as numbers, zero entries left out. */
export function gpuResources(
  list: Record<string, string> | undefined,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(list ?? {})) {
    const count = parseGpuQuantity(value);
    if (isGpuResource(name) && count > 0) {
      result[name] = count;
    }
  }
  return result;
}

/** The whole GPU resource of the NVIDIA device plugin. */
export const WHOLE_GPU_RESOURCE = 'nvidia.com/gpu';

const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL_SUFFIXES: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * A memory quantity (`80Gi`, `81559Mi`, `85899345920`, `80G`, `8e10`) in whole MiB; undefined
 * when it is not one.
 */
export function parseMemoryMiB(value: string | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(?:([KMGTPE]i|[kMGTPE])?|[eE](\d+))$/.exec(
    String(value ?? '').trim(),
  );
  if (!match) {
    return undefined;
  }
  const [, number, suffix = '', exponent] = match;
  const bytes =
    Number(number) *
    (exponent !== undefined
      ? 10 ** Number(exponent)
      : BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix]);
  return Number.isFinite(bytes) ? Math.floor(bytes / 2 ** 20) : undefined;
}
