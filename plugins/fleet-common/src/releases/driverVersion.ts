const DRIVER_VERSION = /^\d+(?:\.\d+)*$/;

/** Whether a text is an NVIDIA driver version: dotted numbers such as `550.54.15`. */
export function isDriverVersion(text: string): boolean {
  return DRIVER_VERSION.test(text);
}

/**
 * Orders two NVIDIA driver versions (`535.104.05`, `550.54.15`) numerically, part by part;
 * missing parts count as 0. Returns undefined when either is not dotted numbers.
 *
 * @public
 */
export function compareDriverVersions(
  a: string,
  b: string,
): number | undefined {
  if (!isDriverVersion(a.trim()) || !isDriverVersion(b.trim())) {
    return undefined;
  }
  const left = a.trim().split('.').map(Number);
  const right = b.trim().split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) {
      return diff < 0 ? -1 : 1;
    }
  }
  return 0;
}
