import type {
  KubeDevice,
  KubeDeviceAttribute,
  KubeDeviceDescription,
  KubePod,
  KubeResourceClaim,
  KubeResourceSlice,
} from './kubernetes';
import { parseMemoryMiB, WHOLE_GPU_RESOURCE } from './resources';
import type { DraGpuDevice } from './types';

/** The NVIDIA DRA driver: its `ResourceSlice`s publish GPUs (`type: gpu`) and MIG slices (`type: mig`). */
export const NVIDIA_GPU_DRIVER = 'gpu.nvidia.com';

/** The device class of whole GPUs that the NVIDIA DRA driver installs. */
const WHOLE_GPU_DEVICE_CLASS = 'gpu.nvidia.com';

/**
 * What the cluster's `ResourceSlice`s and `ResourceClaim`s say about GPUs.
 *
 * @internal
 */
export interface DraGpuInventory {
  /** The GPU devices each node publishes, by node name, each with the claim holding it. */
  devicesByNode: Map<string, DraGpuDevice[]>;
  /**
   * The GPU resources a pod's claims hold — the devices allocated to them, as their
   * `resourceName` — or, before allocation, ask for (whole GPUs by count).
   */
  podRequests(pod: KubePod): Record<string, number>;
}

type Counts = Record<string, number>;

const addCount = (counts: Counts, resource: string, count: number) => {
  counts[resource] = (counts[resource] ?? 0) + count;
};

/** A device's description whichever API version wrote it (v1beta1 nests it under `basic`). */
const describe = (device: KubeDevice): KubeDeviceDescription =>
  device.basic ?? device;

/** An attribute by its name, unqualified or qualified with the driver's domain. */
function attribute(
  description: KubeDeviceDescription,
  driver: string,
  name: string,
): string | undefined {
  const value: KubeDeviceAttribute | undefined =
    description.attributes?.[name] ??
    description.attributes?.[`${driver}/${name}`];
  const text = value?.string ?? value?.version ?? value?.int;
  return text === undefined || text === '' ? undefined : String(text);
}

function memoryOf(description: KubeDeviceDescription): number | undefined {
  const memory = description.capacity?.memory;
  return parseMemoryMiB(typeof memory === 'string' ? memory : memory?.value);
}

/** The extended resource a device stands for; undefined for devices that are no GPU. */
function resourceNameOf(
  description: KubeDeviceDescription,
  driver: string,
): string | undefined {
  const type = attribute(description, driver, 'type');
  if (type === 'gpu') {
    return WHOLE_GPU_RESOURCE;
  }
  const profile = attribute(description, driver, 'profile');
  return type === 'mig' && profile ? `nvidia.com/mig-${profile}` : undefined;
}

const deviceKey = (driver: string, pool: string, device: string) =>
  `${driver}\u0000${pool}\u0000${device}`;

const claimKey = (claim: KubeResourceClaim) =>
  `${claim.metadata?.namespace ?? ''}/${claim.metadata?.name ?? ''}`;

/** Slices of a pool's latest generation only: older ones are being replaced. */
function currentSlices(slices: KubeResourceSlice[]): KubeResourceSlice[] {
  const poolOf = (slice: KubeResourceSlice) =>
    `${slice.spec?.driver}\u0000${slice.spec?.pool?.name}`;
  const latest = new Map<string, number>();
  for (const slice of slices) {
    const generation = slice.spec?.pool?.generation ?? 0;
    latest.set(
      poolOf(slice),
      Math.max(latest.get(poolOf(slice)) ?? generation, generation),
    );
  }
  return slices.filter(
    slice => (slice.spec?.pool?.generation ?? 0) === latest.get(poolOf(slice)),
  );
}

/** What a claim not yet allocated asks for: whole GPUs by count; `All` cannot be counted. */
function requestedByClaim(claim: KubeResourceClaim): Counts {
  const counts: Counts = {};
  for (const request of claim.spec?.devices?.requests ?? []) {
    const spec = request.exactly ?? request;
    if (
      spec.deviceClassName === WHOLE_GPU_DEVICE_CLASS &&
      (spec.allocationMode ?? 'ExactCount') === 'ExactCount'
    ) {
      addCount(counts, WHOLE_GPU_RESOURCE, spec.count ?? 1);
    }
  }
  return counts;
}

/** The names of the claims a pod uses: named directly, or made from a template. */
function claimNamesOf(pod: KubePod): string[] {
  return [
    ...new Set(
      [
        ...(pod.spec?.resourceClaims ?? []).map(c => c.resourceClaimName),
        ...(pod.status?.resourceClaimStatuses ?? []).map(
          c => c.resourceClaimName,
        ),
      ].filter((name): name is string => Boolean(name)),
    ),
  ];
}

/**
 * Reads the GPUs that the NVIDIA DRA driver publishes (`gpu.nvidia.com` slices with a
 * `nodeName`; devices of other drivers and types are left out) and marks those that a claim
 * holds (`status.allocation.devices.results`).
 *
 * @internal
 */
export function readDraGpus(
  slices: KubeResourceSlice[],
  claims: KubeResourceClaim[],
): DraGpuInventory {
  const devicesByNode = new Map<string, DraGpuDevice[]>();
  const devicesByKey = new Map<string, DraGpuDevice>();
  for (const slice of currentSlices(slices)) {
    const { driver, nodeName, pool } = slice.spec ?? {};
    if (driver !== NVIDIA_GPU_DRIVER || !nodeName || !pool?.name) {
      continue;
    }
    for (const device of slice.spec?.devices ?? []) {
      const description = describe(device);
      const resourceName = resourceNameOf(description, driver);
      if (!device.name || !resourceName) {
        continue;
      }
      const product = attribute(description, driver, 'productName');
      const memoryMiB = memoryOf(description);
      const gpu: DraGpuDevice = {
        name: device.name,
        driver,
        resourceName,
        ...(product && { product }),
        ...(memoryMiB && { memoryMiB }),
      };
      devicesByKey.set(deviceKey(driver, pool.name, device.name), gpu);
      devicesByNode.set(nodeName, [
        ...(devicesByNode.get(nodeName) ?? []),
        gpu,
      ]);
    }
  }
  for (const devices of devicesByNode.values()) {
    devices.sort((a, b) => a.name.localeCompare(b.name));
  }

  const heldByClaim = new Map<string, Counts>();
  for (const claim of claims) {
    const results = claim.status?.allocation?.devices?.results;
    const held: Counts = {};
    for (const result of results ?? []) {
      const device = devicesByKey.get(
        deviceKey(result.driver ?? '', result.pool ?? '', result.device ?? ''),
      );
      if (device) {
        device.allocatedTo = claimKey(claim);
        addCount(held, device.resourceName, 1);
      }
    }
    heldByClaim.set(claimKey(claim), results ? held : requestedByClaim(claim));
  }
  const claimsByName = new Map(
    claims.map(claim => [claim.metadata?.name ?? '', claimKey(claim)]),
  );

  return {
    devicesByNode,
    podRequests(pod) {
      const counts: Counts = {};
      for (const name of claimNamesOf(pod)) {
        // A reduced pod may leave out its namespace: its claims are then found by name.
        const key = pod.metadata?.namespace
          ? `${pod.metadata.namespace}/${name}`
          : claimsByName.get(name);
        for (const [resource, count] of Object.entries(
          heldByClaim.get(key ?? '') ?? {},
        )) {
          addCount(counts, resource, count);
        }
      }
      return counts;
    },
  };
}
