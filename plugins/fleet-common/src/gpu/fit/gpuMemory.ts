/** MiB in a GiB: GPU feature discovery labels memory in MiB, people speak of GiB. */
const MIB_PER_GIB = 1024;

/** `nvidia.com/mig-3g.40gb` → `3g.40gb`; `undefined` for a resource that is not a MIG slice. */
export function migProfile(resourceName: string): string | undefined {
  return /^nvidia\.com\/mig-(\d+g\.\d+gb)$/.exec(resourceName)?.[1];
}

/**
 * The memory of one slice of a MIG resource as its profile names it, MiB:
 * `nvidia.com/mig-3g.40gb` → 40 GiB. The profile rounds (a 40gb slice holds 40192 MiB on an
 * A100), so the slice's `.memory` label, when there is one, is the better figure.
 */
export function migProfileMemoryMiB(resourceName: string): number | undefined {
  const gb = /\.(\d+)gb$/.exec(migProfile(resourceName) ?? '')?.[1];
  return gb ? Number(gb) * MIB_PER_GIB : undefined;
}

export const gibToMiB = (gib: number) => Math.round(gib * MIB_PER_GIB);

/** `23034` → `22.5 GiB`, `40960` → `40 GiB`. */
export function describeMiB(mib: number): string {
  const gib = mib / MIB_PER_GIB;
  const rounded = Math.round(gib * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)} GiB`;
}
