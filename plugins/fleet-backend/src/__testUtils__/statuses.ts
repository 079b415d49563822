import type {
  DeploymentHealth,
  DeploymentProfile,
  DeploymentStatus,
  GpuStatus,
  JournalStatus,
  LicenseStatus,
  UpgradeStatus,
} from '@fleetdeck/plugin-fleet-common';

/** A DeploymentStatus with the given signals; everything else plausible and fixed. */
export function statusFixture(options: {
  name: string;
  namespace?: string;
  customer?: string;
  owner?: string;
  profile?: DeploymentProfile;
  health?: DeploymentHealth;
  license?: LicenseStatus;
  expiresAt?: string;
  journal?: JournalStatus;
  lastReceivedAt?: string;
  gpu?: GpuStatus;
  upgrade?: UpgradeStatus;
  daysBehind?: number;
}): DeploymentStatus {
  const namespace = options.namespace ?? 'default';
  const customer = options.customer ?? 'acme';
  return {
    entityRef: `customerdeployment:${namespace}/${options.name}`,
    title: `${customer} ${options.name}`,
    customer: `customer:default/${customer}`,
    owner: options.owner ?? 'group:default/solutions-east',
    profile: options.profile ?? 'airgapped',
    chartVersion: '0.41.1',
    health: options.health ?? 'ok',
    license: {
      status: options.license ?? 'valid',
      ...(options.expiresAt
        ? { expiresAt: options.expiresAt, daysLeft: 10 }
        : {}),
    },
    journal: {
      status: options.journal ?? 'fresh',
      ...(options.lastReceivedAt
        ? { lastReceivedAt: options.lastReceivedAt }
        : {}),
      replicas: [
        {
          name: 'deepgram-billing-0',
          status: options.journal ?? 'fresh',
          ...(options.lastReceivedAt
            ? { lastReceivedAt: options.lastReceivedAt }
            : {}),
        },
      ],
    },
    gpu: {
      status: options.gpu ?? 'ok',
      allocatable: 8,
      requested: 6,
      required: 6,
      models: [
        {
          product: 'NVIDIA-L4',
          resourceName: 'nvidia.com/gpu',
          allocatable: 8,
          requested: 6,
        },
      ],
    },
    upgrade: {
      status: options.upgrade ?? 'ready',
      current: '0.41.1',
      target: '0.42.0',
      latest: '0.42.0',
      ...(options.daysBehind !== undefined
        ? { daysBehind: options.daysBehind, versionsBehind: 1 }
        : {}),
      checks: [
        {
          id: 'kubernetes',
          title: 'Kubernetes version',
          outcome: 'pass',
          message: '1.31 satisfies >=1.28.0-0',
        },
      ],
    },
    evaluatedAt: '2026-11-22T12:00:00.000Z',
  };
}

const pick = <T>(values: readonly T[], i: number): T =>
  values[i % values.length];

/**
 * 25 statuses that spread over every filter and share values in every order field (ties that
 * the entity ref breaks), with some order values missing. `site07` exists in two namespaces.
 */
export function fleetOfStatuses(): DeploymentStatus[] {
  const healths: DeploymentHealth[] = ['ok', 'warning', 'critical', 'unknown'];
  const licenses: LicenseStatus[] = [
    'valid',
    'expiring',
    'expired',
    'missing',
    'not-required',
  ];
  const journals: JournalStatus[] = [
    'fresh',
    'due',
    'overdue',
    'never-received',
    'not-applicable',
  ];
  const gpus: GpuStatus[] = ['ok', 'tight', 'insufficient', 'unknown'];
  const upgrades: UpgradeStatus[] = [
    'up-to-date',
    'ready',
    'ready-with-warnings',
    'blocked',
    'unknown',
  ];
  const profiles: DeploymentProfile[] = ['airgapped', 'connected', 'saas'];
  const customers = ['acme', 'globex', 'initech'];
  const owners = [
    'group:default/solutions-east',
    'group:default/solutions-west',
  ];
  const received = [
    '2026-10-01T08:00:00Z',
    // The same instant as the first, written with an offset.
    '2026-10-01T10:00:00+02:00',
    '2026-11-20T23:59:59.999Z',
    undefined,
    '2026-09-15T00:00:00Z',
  ];
  const expiries = ['2027-01-31', '2026-12-01', undefined, '2026-11-13'];
  const daysBehind = [0, 12, undefined, 40, 12, 150];

  const statuses = Array.from({ length: 24 }, (_, i) =>
    statusFixture({
      name: `site${String(i + 1).padStart(2, '0')}`,
      health: pick(healths, i),
      license: pick(licenses, i),
      expiresAt: pick(expiries, i),
      journal: pick(journals, i + 1),
      lastReceivedAt: pick(received, i),
      gpu: pick(gpus, i + 2),
      upgrade: pick(upgrades, i + 3),
      daysBehind: pick(daysBehind, i),
      profile: pick(profiles, i),
      customer: pick(customers, Math.floor(i / 2)),
      owner: pick(owners, Math.floor(i / 3)),
    }),
  );
  statuses.push(
    statusFixture({
      name: 'site07',
      namespace: 'other',
      customer: 'globex',
      owner: 'group:default/solutions-west',
      profile: 'connected',
      health: 'critical',
      license: 'expired',
      expiresAt: '2026-11-13',
      journal: 'overdue',
      lastReceivedAt: '2026-10-01T08:00:00Z',
      gpu: 'insufficient',
      upgrade: 'blocked',
      daysBehind: 12,
    }),
  );
  return statuses;
}
