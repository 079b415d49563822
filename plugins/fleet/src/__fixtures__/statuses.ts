import {
  DAY_MS,
  DEPLOYMENT_HEALTHS,
  DeploymentListResponse,
  DeploymentStatus,
  DeploymentSummary,
  GPU_STATUSES,
  JOURNAL_STATUSES,
  LICENSE_STATUSES,
  ReleasesResponse,
  UPGRADE_STATUSES,
} from '@fleetdeck/plugin-fleet-common';

/** An ISO timestamp `days` before now. */
export function isoDaysAgo(days: number, now = new Date()): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

type StatusOverrides = Partial<
  Omit<DeploymentStatus, 'license' | 'journal' | 'gpu' | 'upgrade'>
> & {
  license?: Partial<DeploymentStatus['license']>;
  journal?: Partial<DeploymentStatus['journal']>;
  gpu?: Partial<DeploymentStatus['gpu']>;
  upgrade?: Partial<DeploymentStatus['upgrade']>;
};

/**
 * The status of the air-gapped `acme-prod` as the backend would serve it: license expiring in
 * 12 days, journals of 2 of 3 replicas returned, GPUs tight, an upgrade to 0.42.0 with warnings.
 */
export function deploymentStatus(
  overrides: StatusOverrides = {},
): DeploymentStatus {
  const { license, journal, gpu, upgrade, ...rest } = overrides;
  return {
    entityRef: 'customerdeployment:default/acme-prod',
    title: 'ACME — production',
    customer: 'customer:default/acme',
    profile: 'airgapped',
    owner: 'group:default/solutions-east',
    chartVersion: '0.40.2',
    health: 'critical',
    evaluatedAt: isoDaysAgo(0),
    ...rest,
    license: {
      status: 'expiring',
      expiresAt: '2027-03-31',
      daysLeft: 12,
      ...license,
    },
    journal: {
      status: 'overdue',
      lastReceivedAt: isoDaysAgo(3),
      replicas: [
        {
          name: 'deepgram-billing-0',
          status: 'fresh',
          lastReceivedAt: isoDaysAgo(3),
        },
        {
          name: 'deepgram-billing-1',
          status: 'fresh',
          lastReceivedAt: isoDaysAgo(2),
        },
        { name: 'deepgram-billing-2', status: 'overdue' },
      ],
      ...journal,
    },
    gpu: {
      status: 'tight',
      allocatable: 6,
      requested: 4,
      required: 6,
      models: [
        {
          product: 'NVIDIA-A100-SXM4-80GB',
          resourceName: 'nvidia.com/gpu',
          allocatable: 6,
          requested: 4,
        },
      ],
      ...gpu,
    },
    upgrade: {
      status: 'ready-with-warnings',
      current: '0.40.2',
      target: '0.42.0',
      latest: '0.42.0',
      versionsBehind: 3,
      daysBehind: 120,
      checks: [
        {
          id: 'kubernetes',
          title: 'Kubernetes version',
          outcome: 'pass',
          message: 'Kubernetes 1.31 satisfies >=1.28.0-0.',
        },
        {
          id: 'path',
          title: 'Upgrade path',
          outcome: 'warn',
          message: '0.40.2 breaks images older than release-260611.',
          fix: 'Go straight to 0.41.1 or later.',
        },
      ],
      ...upgrade,
    },
  };
}

function zeros<T extends string>(keys: readonly T[]): Record<T, number> {
  return Object.fromEntries(keys.map(key => [key, 0])) as Record<T, number>;
}

/** The summary the backend would compute over `items`, with optional overrides. */
export function summaryOf(
  items: DeploymentStatus[],
  overrides: Partial<DeploymentSummary> = {},
): DeploymentSummary {
  const summary: DeploymentSummary = {
    total: items.length,
    health: zeros(DEPLOYMENT_HEALTHS),
    license: zeros(LICENSE_STATUSES),
    journal: zeros(JOURNAL_STATUSES),
    gpu: zeros(GPU_STATUSES),
    upgrade: zeros(UPGRADE_STATUSES),
  };
  for (const item of items) {
    summary.health[item.health] += 1;
    summary.license[item.license.status] += 1;
    summary.journal[item.journal.status] += 1;
    summary.gpu[item.gpu.status] += 1;
    summary.upgrade[item.upgrade.status] += 1;
  }
  return { ...summary, ...overrides };
}

/** A one-page list response of `items`. */
export function listResponse(
  items: DeploymentStatus[],
  overrides: Partial<DeploymentListResponse> = {},
): DeploymentListResponse {
  return {
    items,
    totalCount: items.length,
    summary: summaryOf(items),
    ...overrides,
  };
}

/** Releases of deepgram-self-hosted, newest first. */
export const releasesResponse: ReleasesResponse = {
  charts: [
    {
      name: 'deepgram-self-hosted',
      releases: [
        { version: '0.42.0', created: '2026-10-01T00:00:00Z' },
        { version: '0.41.1', created: '2026-08-20T00:00:00Z' },
        { version: '0.41.0', created: '2026-08-01T00:00:00Z' },
        { version: '0.40.2', created: '2026-06-03T00:00:00Z' },
        { version: '0.39.0', created: '2026-04-01T00:00:00Z' },
      ],
      // the sizing table of examples/releases/policy.yaml
      policy: {
        chart: 'deepgram-self-hosted',
        valuesChanges: [],
        gpuChanges: [],
        requiredIntermediates: [],
        knownBad: [],
        sizing: [
          {
            since: '0.27.0',
            loads: [
              {
                name: 'light',
                upToStreams: 2,
                engineReplicas: 1,
                gpusPerEngine: 1,
                gpuMemoryGiB: 12,
                cpu: '4',
                memory: '16Gi',
              },
              {
                name: 'medium',
                upToStreams: 10,
                engineReplicas: 2,
                gpusPerEngine: 1,
                gpuMemoryGiB: 16,
                cpu: '4',
                memory: '24Gi',
              },
              {
                name: 'heavy',
                engineReplicas: 3,
                gpusPerEngine: 1,
                gpuMemoryGiB: 24,
                cpu: '8',
                memory: '32Gi',
              },
            ],
          },
        ],
      },
    },
  ],
  readAt: '2026-11-22T08:00:00Z',
};
