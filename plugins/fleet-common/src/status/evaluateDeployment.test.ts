import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { parseAllDocuments, parse } from 'yaml';
import {
  CustomerDeploymentEntity,
  validateCustomerDeploymentEntity,
} from '../kinds';
import { readReleaseIndex, readReleasePolicy } from '../releases';
import { DAY_MS as DAY } from '../time/units';
import { billingReplicaNames } from './evaluateJournal';
import { computeGpuRequirement } from './evaluateGpu';
import { evaluateDeployment, summarizeStatuses } from './evaluateDeployment';
import { compareHealth, deploymentHealth, worstHealth } from './health';
import type { DeploymentHealth } from './vocabulary';
import type { DeploymentObservations } from './observations';
import type { DeploymentStatus } from './types';

// The package's copy of the portal's examples/ (the portal's tests check that they agree).
const examples = path.resolve(__dirname, '../__fixtures__');
const read = (file: string) =>
  fs.readFileSync(path.join(examples, file), 'utf8');

const now = new Date('2026-08-20T12:00:00Z');
const daysFromNow = (days: number) => new Date(now.getTime() + days * DAY);

/** Resolves `{ $daysFromNow: N }` as the catalog does: the UTC date N days after today. */
function resolvePlaceholders(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(resolvePlaceholders);
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (
      Object.keys(record).length === 1 &&
      typeof record.$daysFromNow === 'number'
    ) {
      return daysFromNow(record.$daysFromNow).toISOString().slice(0, 10);
    }
    return Object.fromEntries(
      Object.entries(record).map(([key, inner]) => [
        key,
        resolvePlaceholders(inner),
      ]),
    );
  }
  return value;
}

const entities = parseAllDocuments(read('fleet/deployments.yaml')).map(
  doc => resolvePlaceholders(doc.toJS()) as CustomerDeploymentEntity,
);
const releases = readReleaseIndex(parse(read('releases/index.yaml')));
const policy = readReleasePolicy(parse(read('releases/policy.yaml')));

const byName = (statuses: DeploymentStatus[]) =>
  Object.fromEntries(
    statuses.map(s => [
      s.entityRef.replace('customerdeployment:default/', ''),
      s,
    ]),
  );

/** A values file as onboarding writes it: refs and names only, no Flux, no Flux TTS. */
const HEALTHY_VALUES = `global:
  deepgramLicenseSecretRef: dg-license-key
scaling:
  replicas:
    engine: 2
`;

/**
 * What a healthy fleet would report: journals back two days ago, roomy GPUs, a values file,
 * the newest release's update bundle verified on air-gapped sites, last night's backup of
 * every database.
 */
function healthyObservations(
  entity: CustomerDeploymentEntity,
): DeploymentObservations {
  const { spec } = entity;
  const required = spec.gpu ? computeGpuRequirement(spec.gpu).required : 0;
  const perEngine = spec.gpu?.perEngine ?? 1;
  const tightCapacity: Record<string, [number, number]> = {
    // one engine pod on one GPU: nothing free for a rolling upgrade
    'northwind-health-dr': [1, 1],
    // the 0.35.0 change makes the agent TTS pod take the last free slice
    'nordtel-prod': [8, 7],
  };
  const [allocatable, requested] = tightCapacity[entity.metadata.name] ?? [
    required + 2 * perEngine,
    required,
  ];
  return {
    firstSeenAt: daysFromNow(-400).toISOString(),
    journals:
      spec.billing?.mode === 'journal'
        ? billingReplicaNames(spec.billing.replicas ?? 1).map(replica => ({
            replica,
            receivedAt: daysFromNow(-2).toISOString(),
          }))
        : [],
    gpu: {
      observedAt: daysFromNow(-0.1).toISOString(),
      source: spec.profile === 'airgapped' ? 'report' : 'cluster',
      allocatable,
      requested,
      pendingGpuPods: 0,
      models: [],
    },
    valuesKeys: ['engine.resources.requests.gpu', 'scaling.replicas.engine'],
    values: {
      document: HEALTHY_VALUES,
      source: 'onboarding',
      recordedAt: daysFromNow(-300).toISOString(),
      sha256: createHash('sha256').update(HEALTHY_VALUES).digest('hex'),
    },
    // an air-gapped site has received and verified the newest release's bundle
    bundles:
      spec.profile === 'airgapped'
        ? [
            {
              id: createHash('sha256')
                .update(entity.metadata.name)
                .digest('hex'),
              from: spec.chart.version,
              target: '0.42.0',
              deliveredAt: daysFromNow(-5).toISOString(),
              deliveredBy: 'user:default/dana.se',
              verifiedAt: daysFromNow(-3).toISOString(),
              verification: 'verified',
            },
          ]
        : [],
    backups: (spec.databases ?? []).map(db => ({
      component: db.name,
      database: db.database,
      takenAt: daysFromNow(-0.3).toISOString(),
      bytes: 7_340_032,
      sha256: createHash('sha256').update(db.name).digest('hex'),
      retentionDays: 30,
      receivedAt: daysFromNow(-0.25).toISOString(),
    })),
  };
}

describe('evaluateDeployment on the example fleet', () => {
  it('reads 16 valid example deployments', () => {
    expect(entities).toHaveLength(16);
    for (const entity of entities) {
      expect(validateCustomerDeploymentEntity(entity)).toEqual({
        valid: true,
        errors: [],
      });
    }
  });

  it('without observations: every license status, journals never received, GPUs unknown', () => {
    const statuses = entities.map(entity =>
      evaluateDeployment(entity, {}, releases, policy, now),
    );
    const table = Object.fromEntries(
      Object.entries(byName(statuses)).map(([name, s]) => [
        name,
        [
          s.license.status,
          s.journal.status,
          s.gpu.status,
          s.upgrade.status,
          s.health,
        ],
      ]),
    );
    expect(table).toEqual({
      'northwind-health-prod': [
        'valid',
        'never-received',
        'unknown',
        'blocked',
        'critical',
      ],
      'northwind-health-dr': [
        'expiring',
        'never-received',
        'unknown',
        'blocked',
        'critical',
      ],
      'harbor-trust-bank-prod': [
        'valid',
        'never-received',
        'unknown',
        'blocked',
        'critical',
      ],
      'harbor-trust-bank-staging': [
        'expiring',
        'never-received',
        'unknown',
        'up-to-date',
        'critical',
      ],
      'aegis-dynamics-enclave': [
        'valid',
        'never-received',
        'unknown',
        'blocked',
        'critical',
      ],
      'aegis-dynamics-lab': [
        'missing',
        'never-received',
        'unknown',
        'blocked',
        'critical',
      ],
      'cascadia-courts-prod': [
        'expired',
        'never-received',
        'unknown',
        'blocked',
        'critical',
      ],
      'brightline-contact-prod': [
        'not-required',
        'not-applicable',
        'unknown',
        'up-to-date',
        'unknown',
      ],
      // 0.41.1 on its way migrates the summaries database, of which no backup came back
      'brightline-contact-staging': [
        'not-required',
        'not-applicable',
        'unknown',
        'blocked',
        'critical',
      ],
      'brightline-contact-uat': [
        'not-required',
        'not-applicable',
        'unknown',
        'up-to-date',
        'unknown',
      ],
      'lumen-captions-live': [
        'not-required',
        'not-applicable',
        'unknown',
        'ready-with-warnings',
        'warning',
      ],
      'lumen-captions-dedicated': [
        'not-required',
        'not-applicable',
        'unknown',
        'up-to-date',
        'unknown',
      ],
      'lumen-captions-dubbing': [
        'not-required',
        'not-applicable',
        'unknown',
        'up-to-date',
        'unknown',
      ],
      'nordtel-prod': [
        'not-required',
        'not-applicable',
        'unknown',
        'ready-with-warnings',
        'warning',
      ],
      'nordtel-dr': [
        'not-required',
        'not-applicable',
        'unknown',
        'ready-with-warnings',
        'warning',
      ],
      'brightline-contact-sandbox': [
        'not-required',
        'not-applicable',
        'unknown',
        'ready-with-warnings',
        'warning',
      ],
    });
    const summary = summarizeStatuses(statuses);
    expect(summary.license).toEqual({
      valid: 3,
      expiring: 2,
      expired: 1,
      missing: 1,
      'not-required': 9,
    });
    expect(summary.upgrade['up-to-date']).toBeGreaterThan(0);
    expect(summary.upgrade.blocked).toBeGreaterThan(0);
    expect(summary.upgrade['ready-with-warnings']).toBeGreaterThan(0);
  });

  it('with healthy observations: the statuses the examples README describes', () => {
    const statuses = byName(
      entities.map(entity =>
        evaluateDeployment(
          entity,
          healthyObservations(entity),
          releases,
          policy,
          now,
        ),
      ),
    );
    const table = Object.fromEntries(
      Object.entries(statuses).map(([name, s]) => [
        name,
        [
          s.license.status,
          s.journal.status,
          s.gpu.status,
          s.upgrade.status,
          s.health,
        ],
      ]),
    );
    expect(table).toEqual({
      'northwind-health-prod': ['valid', 'fresh', 'ok', 'ready', 'ok'],
      'northwind-health-dr': [
        'expiring',
        'fresh',
        'tight',
        'ready-with-warnings',
        'warning',
      ],
      'harbor-trust-bank-prod': [
        'valid',
        'fresh',
        'ok',
        'ready-with-warnings',
        'warning',
      ],
      'harbor-trust-bank-staging': [
        'expiring',
        'fresh',
        'ok',
        'up-to-date',
        'warning',
      ],
      'aegis-dynamics-enclave': ['valid', 'fresh', 'ok', 'blocked', 'critical'],
      'aegis-dynamics-lab': ['missing', 'fresh', 'ok', 'blocked', 'critical'],
      'cascadia-courts-prod': ['expired', 'fresh', 'ok', 'blocked', 'critical'],
      'brightline-contact-prod': [
        'not-required',
        'not-applicable',
        'ok',
        'up-to-date',
        'ok',
      ],
      'brightline-contact-staging': [
        'not-required',
        'not-applicable',
        'ok',
        'ready',
        'ok',
      ],
      'brightline-contact-uat': [
        'not-required',
        'not-applicable',
        'ok',
        'up-to-date',
        'ok',
      ],
      'lumen-captions-live': [
        'not-required',
        'not-applicable',
        'ok',
        'ready-with-warnings',
        'warning',
      ],
      'lumen-captions-dedicated': [
        'not-required',
        'not-applicable',
        'ok',
        'up-to-date',
        'ok',
      ],
      'lumen-captions-dubbing': [
        'not-required',
        'not-applicable',
        'ok',
        'up-to-date',
        'ok',
      ],
      'nordtel-prod': [
        'not-required',
        'not-applicable',
        'ok',
        'ready-with-warnings',
        'warning',
      ],
      'nordtel-dr': ['not-required', 'not-applicable', 'ok', 'ready', 'ok'],
      'brightline-contact-sandbox': [
        'not-required',
        'not-applicable',
        'ok',
        'ready',
        'ok',
      ],
    });

    const failing = (name: string) =>
      statuses[name].upgrade.checks
        .filter(c => c.outcome !== 'pass')
        .map(c => c.id);
    expect(failing('aegis-dynamics-enclave')).toEqual(['kubernetes']);
    expect(failing('cascadia-courts-prod')).toEqual(['license']);
    expect(failing('harbor-trust-bank-prod')).toEqual(['path']);
    expect(failing('lumen-captions-live')).toEqual(['path']);
    expect(failing('nordtel-prod')).toEqual(['gpu']);
    expect(failing('northwind-health-dr')).toEqual(['license', 'gpu']);
    expect(statuses['northwind-health-dr'].license).toEqual({
      status: 'expiring',
      expiresAt: '2026-09-19',
      daysLeft: 30,
    });
  });

  it('fills in the identity of a deployment', () => {
    const entity = entities.find(
      e => e.metadata.name === 'northwind-health-prod',
    )!;
    const status = evaluateDeployment(
      entity,
      healthyObservations(entity),
      releases,
      policy,
      now,
    );
    expect(status).toMatchObject({
      entityRef: 'customerdeployment:default/northwind-health-prod',
      title: 'Northwind Health — production',
      customer: 'customer:default/northwind-health',
      owner: 'group:default/solutions-east',
      profile: 'airgapped',
      chartVersion: '0.41.1',
      evaluatedAt: '2026-08-20T12:00:00.000Z',
      upgrade: {
        current: '0.41.1',
        target: '0.42.0',
        versionsBehind: 1,
        daysBehind: 14,
      },
      journal: {
        status: 'fresh',
        replicas: [
          { name: 'deepgram-billing-0' },
          { name: 'deepgram-billing-1' },
        ],
      },
    });
  });

  it('resolves refs in the deployment namespace, falls back to the name for the title, and takes options', () => {
    const base = entities.find(
      e => e.metadata.name === 'brightline-contact-staging',
    )!;
    const entity: CustomerDeploymentEntity = {
      ...base,
      metadata: { name: 'Staging-EU', namespace: 'emea' },
      spec: { ...base.spec, customer: 'Brightline', owner: 'solutions-emea' },
    };
    const status = evaluateDeployment(
      entity,
      { reported: { chartVersion: '0.40.0', observedAt: now.toISOString() } },
      releases,
      policy,
      now,
      { target: '0.41.1' },
    );
    expect(status).toMatchObject({
      entityRef: 'customerdeployment:emea/staging-eu',
      title: 'Staging-EU',
      customer: 'customer:emea/brightline',
      owner: 'group:emea/solutions-emea',
      chartVersion: '0.40.0',
      upgrade: { current: '0.40.0', target: '0.41.1' },
    });
  });

  it('passes the windows on to the evaluators', () => {
    const entity = entities.find(
      e => e.metadata.name === 'harbor-trust-bank-staging',
    )!;
    const observations: DeploymentObservations = {
      ...healthyObservations(entity),
      journals: billingReplicaNames(2).map(replica => ({
        replica,
        receivedAt: daysFromNow(-20).toISOString(),
      })),
    };
    const defaults = evaluateDeployment(
      entity,
      observations,
      releases,
      policy,
      now,
    );
    expect(defaults.license.status).toBe('expiring');
    expect(defaults.journal.status).toBe('fresh');
    expect(
      evaluateDeployment(entity, observations, releases, policy, now, {
        licenseWarningDays: 7,
      }).license.status,
    ).toBe('valid');
    expect(
      evaluateDeployment(entity, observations, releases, policy, now, {
        journalDueWindowDays: 14,
      }).journal.status,
    ).toBe('due');
  });
});

describe('summarizeStatuses', () => {
  it('counts every status of every signal, zeros included', () => {
    expect(summarizeStatuses([])).toEqual({
      total: 0,
      health: { ok: 0, unknown: 0, warning: 0, critical: 0 },
      license: {
        valid: 0,
        expiring: 0,
        expired: 0,
        missing: 0,
        'not-required': 0,
      },
      journal: {
        fresh: 0,
        due: 0,
        overdue: 0,
        'never-received': 0,
        'not-applicable': 0,
      },
      gpu: { ok: 0, tight: 0, insufficient: 0, unknown: 0 },
      upgrade: {
        'up-to-date': 0,
        ready: 0,
        'ready-with-warnings': 0,
        blocked: 0,
        unknown: 0,
      },
    });
    const statuses = entities.map(entity =>
      evaluateDeployment(
        entity,
        healthyObservations(entity),
        releases,
        policy,
        now,
      ),
    );
    const summary = summarizeStatuses(statuses);
    expect(summary.total).toBe(16);
    expect(summary.health).toEqual({
      ok: 8,
      unknown: 0,
      warning: 5,
      critical: 3,
    });
    expect(summary.journal).toEqual({
      fresh: 7,
      due: 0,
      overdue: 0,
      'never-received': 0,
      'not-applicable': 9,
    });
    expect(summary.gpu).toEqual({
      ok: 15,
      tight: 1,
      insufficient: 0,
      unknown: 0,
    });
    expect(summary.upgrade).toEqual({
      'up-to-date': 5,
      ready: 4,
      'ready-with-warnings': 4,
      blocked: 3,
      unknown: 0,
    });
  });
});

describe('health', () => {
  it.each([
    [['valid', 'fresh', 'ok', 'ready'], 'ok'],
    [['not-required', 'not-applicable', 'ok', 'up-to-date'], 'ok'],
    [['valid', 'fresh', 'unknown', 'ready'], 'unknown'],
    [['valid', 'fresh', 'ok', 'unknown'], 'unknown'],
    [['expiring', 'fresh', 'unknown', 'ready'], 'warning'],
    [['valid', 'due', 'ok', 'ready'], 'warning'],
    [['valid', 'fresh', 'tight', 'ready'], 'warning'],
    [['valid', 'fresh', 'ok', 'ready-with-warnings'], 'warning'],
    [['expired', 'fresh', 'ok', 'ready'], 'critical'],
    [['missing', 'fresh', 'ok', 'ready'], 'critical'],
    [['valid', 'overdue', 'ok', 'ready'], 'critical'],
    [['valid', 'never-received', 'ok', 'ready'], 'critical'],
    [['valid', 'fresh', 'insufficient', 'ready'], 'critical'],
    [['valid', 'fresh', 'unknown', 'blocked'], 'critical'],
  ] as const)('%j is %s', ([license, journal, gpu, upgrade], health) => {
    expect(
      deploymentHealth({
        license: { status: license },
        journal: { status: journal },
        gpu: { status: gpu },
        upgrade: { status: upgrade },
      }),
    ).toBe(health);
  });

  it('orders healths from best to worst', () => {
    expect(
      (['critical', 'ok', 'warning', 'unknown'] as DeploymentHealth[]).sort(
        compareHealth,
      ),
    ).toEqual(['ok', 'unknown', 'warning', 'critical']);
    expect(worstHealth([])).toBe('ok');
  });
});
