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
