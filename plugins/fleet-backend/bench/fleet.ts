/*
 * Fleet benchmark: why statuses are materialised, and how the fleet API compares with the
 * catalog's own endpoints.
 *
 * Seeds 10,000 CustomerDeployments with observations (journal receipts, GPU snapshots, values
 * documents, update bundles, backups) and measures, on SQLite (better-sqlite3 files in a temp dir) and, when a connection
 * string is in the environment, on PostgreSQL:
 *
 *   Store level (DatabaseFleetStore, entities from an in-memory catalog):
 *   - a full status refresh (catalog pages → observations → evaluateDeployment → store);
 *   - p50/p95 of listStatuses for filtered, ordered pages of 50, and of summarize;
 *   - the same two under a conditional policy (IS_DEPLOYMENT_OWNER with a user's ownership
 *     refs: the user and three of the twelve teams), which the store applies as SQL, and
 *     their ratio to the unconditional figures;
 *   - each beside the naive approach, which evaluates every deployment per request and
 *     filters, sorts and counts in memory (entities from memory: a lower bound).
 *
 *   HTTP against HTTP (bench/http.ts): one in-process backend (bench/backend.ts) with the
 *   stock catalog (@backstage/plugin-catalog-backend + Fleetdeck's kinds) and the fleet plugin
 *   on a fresh database of the same engine. The same 10,000 entities go to the catalog through
 *   an entity provider; once all are processed and stitched:
 *   - the fleet's scheduled refresh, triggered over HTTP (it reads the catalog over HTTP);
 *   - p50/p95 of GET /api/fleet/deployments (page of 50 plus the summary, in one response);
 *   - p50/p95 of the catalog's GET /entities/by-query page of 50 and GET /entity-facets,
 *     as ratios catalog / fleet.
 *
 * The output is a table per database with the issue's goals, and a verdict per goal.
 *
 * Run from the repository root: `yarn bench:fleet`. PostgreSQL: set FLEETDECK_BENCH_PG or a
 * BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING (scripts/lib/services.sh ensure_postgres
 * provides one); scratch databases are created and dropped. Environment:
 * FLEETDECK_BENCH_SIZE (fleet size, default 10000), FLEETDECK_BENCH_HTTP=0 (store level only),
 * FLEETDECK_BENCH_CATALOG_TIMEOUT (seconds the catalog may take to process the fleet, per
 * database, default 180; past it, the catalog is timed on what it has, and the output says so),
 * FLEETDECK_BENCH_HTTP_SAMPLES (requests per HTTP figure, default 120).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DAY_MS,
  DEPLOYMENT_ORDER_FIELDS,
  HOUR_MS,
  evaluateDeployment,
  summarizeStatuses,
  type CustomerDeploymentEntity,
  type CustomerDeploymentSpec,
  type DeploymentObservations,
  type DeploymentQuery,
  type DeploymentStatus,
  type DeploymentSummary,
  type GpuCapacityObservation,
} from '@fleetdeck/plugin-fleet-common';
import {
  createConditionTransformer,
  type PermissionRuleset,
} from '@backstage/plugin-permission-node';
import knexFactory, { type Knex } from 'knex';
import { parse } from 'yaml';
import {
  benchHttp,
  CATALOG_FACETS,
  CATALOG_PAGE,
  FLEET_AIRGAPPED,
  FLEET_LICENSE,
  seedObservations,
  toQueryString,
  type HttpResults,
} from './http';
import {
  benchAuth,
  connectionTo,
  deploymentCopy,
  exampleDeployments,
  fmt,
  inMemoryCatalog,
  mixedPages,
  postgresConnection,
  random,
  sample,
  silentLogger,
  times,
  type Stats,
} from './util';
import { DatabaseFleetStore } from '../src/database/DatabaseFleetStore';
import type { VisibilityOptions } from '../src/database/FleetStore';
import {
  fleetDeploymentConditions,
  fleetDeploymentRules,
  type FleetDeploymentFilter,
  type FleetDeploymentResource,
} from '../src/permissions';
import { DefaultReleaseSource } from '../src/service/releases/DefaultReleaseSource';
import { ReleaseService } from '../src/service/releases/ReleaseService';
import { StatusRefresher } from '../src/service/StatusRefresher';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
} from '../src/__testUtils__/examples';

const SIZE = Number(process.env.FLEETDECK_BENCH_SIZE ?? 10_000);
const STORE_SAMPLES = 120;
const NAIVE_SAMPLES = 5;

/** A values document as the onboarding template renders one (refs and names only). */
function valuesDocumentOf(spec: CustomerDeploymentEntity['spec']): string {
  const airgapped = spec.profile === 'airgapped';
  const gpu = spec.gpu;
  return [
    'global:',
    '  pullSecretRef: registry-pull',
    airgapped
      ? '  deepgramLicenseSecretRef: dg-license-key'
      : '  deepgramSecretRef: dg-api-key',
    'scaling:',
    '  replicas:',
    `    engine: ${gpu?.engineReplicas ?? 1}`,
    'api:',
    '  image:',
    '    path: registry.example.internal/deepgram/self-hosted-api',
    'engine:',
    '  image:',
    '    path: registry.example.internal/deepgram/self-hosted-engine',
    '  modelManager:',
    '    models:',
    '      add: []',
    '  resources:',
    `    gpuResourceName: ${gpu?.resourceName ?? 'nvidia.com/gpu'}`,
    '    requests:',
    `      gpu: ${gpu?.perEngine ?? 1}`,
    '      cpu: "4"',
    '      memory: 24Gi',
    '    limits:',
    `      gpu: ${gpu?.perEngine ?? 1}`,
    '      cpu: "8"',
    '      memory: 32Gi',
    'licenseProxy:',
    `  enabled: ${airgapped ? 'false' : 'true'}`,
    'billing:',
    `  enabled: ${airgapped}`,
    ...(airgapped
      ? [
          `  replicas: ${spec.billing?.replicas ?? 1}`,
          '  licenseFile:',
          '    secretRef: dg-license-file',
          '    secretKey: license.dg',
        ]
      : []),
    '',
  ].join('\n');
}

function buildFleet(now: Date): {
  entities: CustomerDeploymentEntity[];
  observations: Map<string, DeploymentObservations>;
} {
  const next = random(20261122);
  const pick = <T>(values: readonly T[]) =>
    values[Math.floor(next() * values.length)];
  const templates = exampleDeployments(now);
  const versions = [
    '0.27.1',
    '0.29.1',
    '0.33.0',
    '0.34.0',
    '0.36.0',
    '0.38.0',
    '0.39.0',
    '0.40.2',
    '0.41.1',
    '0.42.0',
  ];
  const kubernetes = ['1.27', '1.29', '1.30', 'v1.31.4-eks-2d5f260', '1.32'];
  const products = ['NVIDIA-L4', 'NVIDIA-A100-SXM4-80GB', 'NVIDIA-H100-80GB'];

  const entities: CustomerDeploymentEntity[] = [];
  const observations = new Map<string, DeploymentObservations>();
  for (let i = 0; i < SIZE; i++) {
    const entity = deploymentCopy(templates[i % templates.length], i, {
      now,
      next,
      adjust: spec => {
        spec.customer = `customer-${Math.floor(i / 14) % 700}`;
        spec.chart = { ...spec.chart, version: pick(versions) };
        spec.cluster = { ...spec.cluster, kubernetesVersion: pick(kubernetes) };
      },
    });
    const spec = entity.spec;
    entities.push(entity);

    // The values document on record, as onboarding writes it: the values checks parse it on
    // every evaluation. Air-gapped sites have the latest release's bundle, verified; declared
    // databases were backed up last night.
    const document = valuesDocumentOf(spec);
    const observed: DeploymentObservations = {
      firstSeenAt: new Date(now.getTime() - 200 * DAY_MS).toISOString(),
      valuesKeys: ['engine.modelManager.models.add', 'scaling.replicas.engine'],
      values: {
        document,
        source: 'onboarding',
        recordedAt: new Date(now.getTime() - 200 * DAY_MS).toISOString(),
        sha256: createHash('sha256').update(document).digest('hex'),
        // as ValuesService records it: parsed once, beside the document
        parsed: parse(document),
      },
    };
    if (spec.profile === 'airgapped') {
      observed.bundles = [
        {
          id: createHash('sha256').update(`bundle-${i}`).digest('hex'),
          from: spec.chart.version,
          target: '0.42.0',
          deliveredAt: new Date(now.getTime() - 5 * DAY_MS).toISOString(),
          deliveredBy: 'user:default/bench',
          verifiedAt: new Date(now.getTime() - 3 * DAY_MS).toISOString(),
          verification: 'verified',
        },
      ];
    }
    observed.backups = (spec.databases ?? []).map(database => ({
      component: database.name,
      database: database.database,
      takenAt: new Date(now.getTime() - 8 * HOUR_MS).toISOString(),
      bytes: 734_003_200,
      sha256: createHash('sha256')
        .update(`${database.name}-${i}`)
        .digest('hex'),
      retentionDays: 30,
      receivedAt: new Date(now.getTime() - 7 * HOUR_MS).toISOString(),
    }));
    if (spec.billing?.mode === 'journal') {
      observed.journals = Array.from(
        { length: spec.billing.replicas ?? 1 },
        (_, replica) => ({
          replica: `deepgram-billing-${replica}`,
          receivedAt: new Date(
            now.getTime() - Math.floor(next() * 34 * DAY_MS),
          ).toISOString(),
        }),
      );
    }
    if (next() < 0.75 && spec.gpu) {
      const required = spec.gpu.perEngine * spec.gpu.engineReplicas;
      const allocatable = required + Math.floor(next() * 4) - 1;
      const product = pick(products);
      observed.gpu = {
        observedAt: new Date(now.getTime() - HOUR_MS).toISOString(),
        source: spec.profile === 'airgapped' ? 'report' : 'cluster',
        allocatable,
        requested: Math.min(required, allocatable),
        pendingGpuPods: allocatable < required ? 1 : 0,
        models: [
          {
            product,
            resourceName: spec.gpu.resourceName,
            allocatable,
            requested: Math.min(required, allocatable),
          },
        ],
        // Node-level, as snapshots and reports now are, so the refresh pays for the packing.
        ...gpuNodesOf(spec.gpu, product, allocatable),
      };
    }
    observations.set(stringifyEntityRef(entity), observed);
  }
  return { entities, observations };
}

/** GPU nodes of 4 units each holding `allocatable`, the engine pods filling them in order. */
function gpuNodesOf(
  gpu: NonNullable<CustomerDeploymentSpec['gpu']>,
  product: string,
  allocatable: number,
): Pick<GpuCapacityObservation, 'nodes' | 'deploymentPods' | 'podScope'> {
  const perNode = 4;
  const nodes = Array.from(
    { length: Math.ceil(Math.max(allocatable, 0) / perNode) },
    (_, i) => ({
      name: `gpu-${i}`,
      product,
      memoryMiB: 81920,
      allocatable: {
        [gpu.resourceName]: Math.min(perNode, allocatable - i * perNode),
      },
      requested: {} as Record<string, number>,
      schedulable: true,
    }),
  );
  const deploymentPods = Array.from({ length: gpu.engineReplicas }, (_, i) => {
    const node = nodes.find(
      n =>
        (n.allocatable[gpu.resourceName] ?? 0) -
          (n.requested[gpu.resourceName] ?? 0) >=
        gpu.perEngine,
    );
    if (node) {
      node.requested[gpu.resourceName] =
        (node.requested[gpu.resourceName] ?? 0) + gpu.perEngine;
    }
    return {
      name: `engine-${i}`,
      ...(node && { node: node.name }),
      requests: { [gpu.resourceName]: gpu.perEngine },
    };
  });
  return { nodes, deploymentPods, podScope: 'cluster' };
}

const QUERIES = (
  [
    { license: ['expiring', 'expired'], orderBy: 'license.expiresAt' },
    { health: ['critical', 'warning'], orderBy: 'health' },
    { upgrade: ['blocked'], orderBy: 'upgrade.daysBehind', order: 'desc' },
    { journal: ['overdue', 'due'], orderBy: 'journal.lastReceivedAt' },
    { profile: ['airgapped'], gpu: ['tight', 'insufficient'], orderBy: 'name' },
    { q: 'customer-42', orderBy: 'health' },
    { owner: ['group:default/team-3'], order: 'desc' },
    {},
  ] as DeploymentQuery[]
).map(query => ({ ...query, limit: 50 }));

/**
 * What an account-team policy lets an SE see: the deployments owned by them or by one of
 * their three teams (of twelve), as the fleet's rule turns it into the store's filter.
 */
function conditionalVisibility(): VisibilityOptions {
  const rules = Object.values(fleetDeploymentRules);
  const toFilter = createConditionTransformer({
    getRuleByName: (name: string) => rules.find(rule => rule.name === name)!,
  } as PermissionRuleset<FleetDeploymentResource, FleetDeploymentFilter>);
  return {
    filter: toFilter(
      fleetDeploymentConditions.isDeploymentOwner({
        claims: [
          'user:default/bench.se',
          'group:default/team-1',
          'group:default/team-4',
          'group:default/team-7',
        ],
      }),
    ),
  };
}

/** The naive request: evaluate every deployment, then filter, sort and count in memory. */
function naiveFilter(statuses: DeploymentStatus[], query: DeploymentQuery) {
  const any = <T>(values: T[] | undefined, value: T) =>
    !values || values.includes(value);
  const terms = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return statuses.filter(
    s =>
      any(query.license, s.license.status) &&
      any(query.journal, s.journal.status) &&
      any(query.gpu, s.gpu.status) &&
      any(query.upgrade, s.upgrade.status) &&
      any(query.health, s.health) &&
      any(query.profile, s.profile) &&
      any(query.customer, s.customer) &&
      any(query.owner, s.owner) &&
      terms.every(t =>
        `${s.entityRef} ${s.title} ${s.customer} ${s.owner}`
          .toLowerCase()
          .includes(t),
      ),
  );
}

function naiveSortKey(s: DeploymentStatus, field: string) {
  switch (field) {
    case 'license.expiresAt':
      return s.license.expiresAt;
    case 'journal.lastReceivedAt':
      return s.journal.lastReceivedAt;
    case 'upgrade.daysBehind':
      return s.upgrade.daysBehind;
    case 'health':
      return ['critical', 'warning', 'unknown', 'ok'].indexOf(s.health);
    default:
      return s.entityRef;
  }
}

type StoreResults = {
  refreshFirst: number;
  refreshNext: number;
  counts: DeploymentSummary;
  list: Stats;
  listByQuery: Map<number, Stats>;
  summary: Stats;
  /** The same queries under a conditional policy, and how many deployments it lets see. */
  conditionalList: Stats;
  conditionalSummary: Stats;
  conditionalTotal: number;
  naiveList: Stats;
  naiveSummary: Stats;
};

async function benchStore(
  knex: Knex,
  fleet: ReturnType<typeof buildFleet>,
): Promise<StoreResults> {
  const { entities, observations } = fleet;
  const store = await DatabaseFleetStore.create({
    database: { getClient: async () => knex },
  });
  await seedObservations(knex, observations);

  const releases = new ReleaseService(
    new DefaultReleaseSource({
      index: EXAMPLE_RELEASE_INDEX,
      policy: EXAMPLE_RELEASE_POLICY,
      urlReader: {} as never,
      workingDirectory: process.cwd(),
    }),
    silentLogger,
  );
  const catalog = inMemoryCatalog(entities);
  const refresher = new StatusRefresher({
    catalog,
    auth: benchAuth,
    store,
    releases,
    logger: silentLogger,
  });

  let start = performance.now();
  const first = await refresher.refreshAll();
  const firstRefresh = performance.now() - start;
  start = performance.now();
  await refresher.refreshAll();
  const secondRefresh = performance.now() - start;
  if (first?.evaluated !== SIZE) {
    throw new Error(`expected ${SIZE} evaluated, got ${JSON.stringify(first)}`);
  }
  const counts = await store.summarize({});

  // Warm up, then measure the store.
  for (const query of QUERIES) {
    await store.listStatuses(query);
    await store.summarize(query);
  }
  const listTimings = await mixedPages(
    STORE_SAMPLES,
    QUERIES.length,
    (q, cursor) =>
      store.listStatuses(cursor ? { ...QUERIES[q], cursor } : QUERIES[q]),
  );
  const list = listTimings.all();
  const summary = await sample(STORE_SAMPLES, i =>
    store.summarize(QUERIES[i % QUERIES.length]),
  );

  // The same requests under a conditional policy: the conditions are one more WHERE.
  const visibility = conditionalVisibility();
  for (const query of QUERIES) {
    await store.listStatuses(query, visibility);
    await store.summarize(query, visibility);
  }
  const conditionalList = (
    await mixedPages(STORE_SAMPLES, QUERIES.length, (q, cursor) =>
      store.listStatuses(
        cursor ? { ...QUERIES[q], cursor } : QUERIES[q],
        visibility,
      ),
    )
  ).all();
  const conditionalSummary = await sample(STORE_SAMPLES, i =>
    store.summarize(QUERIES[i % QUERIES.length], visibility),
  );
  const conditionalTotal = (await store.summarize({}, visibility)).total;

  // The naive approach: everything per request.
  const naiveStatuses = async () => {
    const all: CustomerDeploymentEntity[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor ? { cursor, limit: 500 } : { limit: 500 },
        { credentials: await benchAuth.getOwnServiceCredentials() },
      );
      all.push(...(page.items as CustomerDeploymentEntity[]));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const observed = await store.getObservations(
      all.map(e => stringifyEntityRef(e)),
    );
    const evaluatedAt = new Date();
    return all.map(entity =>
      evaluateDeployment(
        entity,
        observed.get(stringifyEntityRef(entity)) ?? {},
        releases.getIndex(),
        releases.getPolicy(),
        evaluatedAt,
      ),
    );
  };
  const naiveList = await sample(NAIVE_SAMPLES, async i => {
    const query = QUERIES[i % QUERIES.length];
    const field = query.orderBy ?? DEPLOYMENT_ORDER_FIELDS[0];
    const sign = query.order === 'desc' ? -1 : 1;
    const filtered = naiveFilter(await naiveStatuses(), query);
    filtered.sort((a, b) => {
      const ka = naiveSortKey(a, field);
      const kb = naiveSortKey(b, field);
      if (ka === kb) return a.entityRef < b.entityRef ? -sign : sign;
      if (ka === undefined) return 1;
      if (kb === undefined) return -1;
      return ka < kb ? -sign : sign;
    });
    return filtered.slice(0, 50);
  });
  const naiveSummary = await sample(NAIVE_SAMPLES, async i =>
    summarizeStatuses(
      naiveFilter(await naiveStatuses(), QUERIES[i % QUERIES.length]),
    ),
  );

  return {
    refreshFirst: firstRefresh,
    refreshNext: secondRefresh,
    counts,
    list,
    listByQuery: listTimings.byTag(),
    summary,
    conditionalList,
    conditionalSummary,
    conditionalTotal,
    naiveList,
    naiveSummary,
  };
}

/** The issue's goals. */
const GOALS = {
  refreshMs: 10_000,
  listP95: 20,
  summaryP95: 15,
  /** Catalog page p95 / fleet list p95. */
  fasterThanCatalog: 3,
  /** List and summary p95 under a conditional policy / without one. */
  conditionalRatio: 1.5,
};

type Verdict = { label: string; met: boolean; figure: string };

type DatabaseResults = {
  label: string;
  store: StoreResults;
  http?: HttpResults;
  verdicts: Verdict[];
};

const COL = 46;
/** Width of the p50, p95 and n columns together. */
const STATS = 33;

function line(
  name: string,
  stats: Stats | undefined,
  goal = '',
  met?: boolean,
): string {
  const cells = stats
    ? `${fmt(stats.p50).padStart(11)} ${fmt(stats.p95).padStart(11)} ${String(
        stats.n,
      ).padStart(9)}`
    : ''.padStart(STATS);
  let verdict = '';
  if (met !== undefined) {
    verdict = met ? 'met' : 'NOT met';
  }
  return `  ${name.padEnd(COL)}${cells}  ${goal.padEnd(
    14,
  )}${verdict}`.trimEnd();
}

function refreshLine(
  name: string,
  first: number,
  next: number,
  met: boolean,
): string {
  const cells = `first ${fmt(first)}, next ${fmt(next)}`.padStart(STATS);
  return `  ${name.padEnd(COL)}${cells}  ${`≤ ${
    GOALS.refreshMs / 1000
  } s`.padEnd(14)}${met ? 'met' : 'NOT met'}`;
}

/** A figure under a conditional policy against the same without one: lower is better. */
function policyLine(name: string, conditional: Stats, unconditional: Stats) {
  const p50 = conditional.p50 / unconditional.p50;
  const p95 = conditional.p95 / unconditional.p95;
  const cells =
    `p50 ${times(p50)}`.padStart(15) + `p95 ${times(p95)}`.padStart(12);
  return `  ${name.padEnd(COL)}${cells.padEnd(
    STATS,
  )}  ${`p95 ≤ ×${GOALS.conditionalRatio}`.padEnd(14)}${
    p95 <= GOALS.conditionalRatio ? 'met' : 'NOT met'
  }`;
}

function ratioLine(name: string, catalog: Stats, fleet: Stats, goal?: number) {
  const p50 = catalog.p50 / fleet.p50;
  const p95 = catalog.p95 / fleet.p95;
  const cells =
    `p50 ${times(p50)}`.padStart(15) + `p95 ${times(p95)}`.padStart(12);
  return `  ${name.padEnd(COL)}${cells.padEnd(STATS)}  ${
    goal ? `p95 ≥ ×${goal}`.padEnd(14) + (p95 >= goal ? 'met' : 'NOT met') : ''
  }`.trimEnd();
}

/** Prints one database's table and returns its verdicts. */
function report(
  label: string,
  store: StoreResults,
  http: HttpResults | undefined,
): DatabaseResults {
  const out: string[] = [];
  const verdicts: Verdict[] = [];
  const header = `  ${''.padEnd(COL)}${'p50'.padStart(11)} ${'p95'.padStart(
    11,
  )} ${'n'.padStart(9)}  goal          met?`;
  out.push(`\n== ${label}: ${SIZE} deployments`, header);

  out.push('Fleet, store level (DatabaseFleetStore; entities from memory)');
  const storeRefresh = Math.max(store.refreshFirst, store.refreshNext);
  out.push(
    refreshLine(
      'full status refresh',
      store.refreshFirst,
      store.refreshNext,
      storeRefresh <= GOALS.refreshMs,
    ),
    line(
      `listStatuses, page of 50 (${QUERIES.length} queries) [S]`,
      store.list,
      `p95 ≤ ${GOALS.listP95} ms`,
      store.list.p95 <= GOALS.listP95,
    ),
    line(
      `summarize (same ${QUERIES.length} queries)`,
      store.summary,
      `p95 ≤ ${GOALS.summaryP95} ms`,
      store.summary.p95 <= GOALS.summaryP95,
    ),
    line(`listStatuses under a conditional policy [P]`, store.conditionalList),
    line(`summarize under a conditional policy [P]`, store.conditionalSummary),
    policyLine(
      'policy / none: listStatuses',
      store.conditionalList,
      store.list,
    ),
    policyLine(
      'policy / none: summarize',
      store.conditionalSummary,
      store.summary,
    ),
    line('naive list (evaluate all per request)', store.naiveList),
    line('naive summary (evaluate all per request)', store.naiveSummary),
  );
  const policyRatio = Math.max(
    store.conditionalList.p95 / store.list.p95,
    store.conditionalSummary.p95 / store.summary.p95,
  );
  verdicts.push({
    label: 'policy',
    met: policyRatio <= GOALS.conditionalRatio,
    figure: times(policyRatio),
  });

  if (http) {
    const ingest = `${http.ingested} of ${http.provided} entities served, ${
      http.ingestComplete
        ? 'all processed and stitched'
        : 'PROCESSING UNFINISHED'
    } after ${fmt(http.ingestMs)}`;
    const httpRefresh = Math.max(http.refreshFirst, http.refreshNext);
    const worstList = [http.fleetLicense, http.fleetAirgapped, http.fleetMix]
      .slice()
      .sort((x, y) => y.p95 - x.p95)[0];
    out.push(
      `Fleet API over HTTP (fleet plugin; ${http.fleetTotal} deployments; each response = page of 50 + summary)`,
      refreshLine(
        `full status refresh, triggered over HTTP*`,
        http.refreshFirst,
        http.refreshNext,
        httpRefresh <= GOALS.refreshMs,
      ),
      line(
        'GET /api/fleet/deployments [L]',
        http.fleetLicense,
        `p95 ≤ ${GOALS.listP95} ms`,
        http.fleetLicense.p95 <= GOALS.listP95,
      ),
      line(
        'GET /api/fleet/deployments [A]',
        http.fleetAirgapped,
        `p95 ≤ ${GOALS.listP95} ms`,
        http.fleetAirgapped.p95 <= GOALS.listP95,
      ),
      line(
        `GET /api/fleet/deployments [S] (${QUERIES.length} queries)`,
        http.fleetMix,
        `p95 ≤ ${GOALS.listP95} ms`,
        http.fleetMix.p95 <= GOALS.listP95,
      ),
      `Catalog over HTTP (stock plugin-catalog-backend ${catalogVersion()}; ${ingest})`,
      line('GET /api/catalog/entities/by-query [C]', http.catalogPage),
      line('GET /api/catalog/entity-facets [F]', http.catalogFacets),
      'Ratios (catalog / fleet: how many times faster the fleet answers)',
      ratioLine(
        'catalog page [C] / fleet list [L]',
        http.catalogPage,
        http.fleetLicense,
        GOALS.fasterThanCatalog,
      ),
      ratioLine(
        'catalog page [C] / fleet list [A]',
        http.catalogPage,
        http.fleetAirgapped,
        GOALS.fasterThanCatalog,
      ),
      ratioLine(
        'catalog page [C] / fleet list [S]',
        http.catalogPage,
        http.fleetMix,
        GOALS.fasterThanCatalog,
      ),
      ratioLine(
        'catalog facets [F] / fleet list+summary [L]',
        http.catalogFacets,
        http.fleetLicense,
      ),
      ratioLine(
        'catalog facets [F] / fleet summarize (store)',
        http.catalogFacets,
        store.summary,
      ),
      ratioLine(
        'naive list / listStatuses (store)',
        store.naiveList,
        store.list,
      ),
      ratioLine(
        'naive summary / summarize (store)',
        store.naiveSummary,
        store.summary,
      ),
      `  same question, same answer: airgapped deployments — catalog totalItems ${
        http.airgapped.catalog
      }, fleet totalCount ${http.airgapped.fleet}; first pages by name ${
        http.airgapped.samePage ? 'identical' : 'DIFFER'
      }`,
      `  * trigger → the task's recorded end; the task reads all deployments from the catalog over HTTP`,
      ...http.notes.map(note => `  note: ${note}`),
    );
    if (http.logs.errors > 0 || http.logs.warnings > 0) {
      out.push(
        `  backend log: ${http.logs.errors} errors, ${
          http.logs.warnings
        } warnings; first: ${http.logs.first.join(' | ')}`,
      );
    }
    verdicts.push(
      {
        label: 'refresh',
        met: httpRefresh <= GOALS.refreshMs,
        figure: fmt(httpRefresh),
      },
      {
        label: 'list',
        met: worstList.p95 <= GOALS.listP95,
        figure: `${fmt(worstList.p95)}`,
      },
      {
        label: 'summary',
        met: store.summary.p95 <= GOALS.summaryP95,
        figure: fmt(store.summary.p95),
      },
      {
        label: 'catalog',
        met: http.catalogPage.p95 / worstList.p95 >= GOALS.fasterThanCatalog,
        figure: times(http.catalogPage.p95 / worstList.p95),
      },
    );
  } else {
    verdicts.push(
      {
        label: 'refresh',
        met: storeRefresh <= GOALS.refreshMs,
        figure: `${fmt(storeRefresh)} (store level)`,
      },
      {
        label: 'list',
        met: store.list.p95 <= GOALS.listP95,
        figure: `${fmt(store.list.p95)} (store level)`,
      },
      {
        label: 'summary',
        met: store.summary.p95 <= GOALS.summaryP95,
        figure: fmt(store.summary.p95),
      },
    );
  }
  const pair = (x?: Stats) =>
    x ? `${fmt(x.p50)} / ${fmt(x.p95)} (n=${x.n})`.padStart(32) : '';
  out.push(
    `${'Per query of [S], p50 / p95'.padEnd(
      COL + 2,
    )}${'store listStatuses'.padStart(32)}${
      http ? 'HTTP list response'.padStart(32) : ''
    }`,
    ...QUERIES.map(
      (_, q) =>
        `${`  [S${q + 1}]`.padEnd(COL + 2)}${pair(
          store.listByQuery.get(q),
        )}${pair(http?.fleetMixByQuery.get(q))}`,
    ),
  );
  out.push(
    `  under the conditional policy [P]: ${store.conditionalTotal} of ${SIZE} deployments visible`,
    `  all deployments: health ${JSON.stringify(
      store.counts.health,
    )}, license ${JSON.stringify(store.counts.license)}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return { label, store, http, verdicts };
}

function catalogVersion(): string {
  try {
    return createRequire(__filename)(
      '@backstage/plugin-catalog-backend/package.json',
    ).version;
  } catch {
    return '?';
  }
}

function printVerdicts(results: DatabaseResults[]) {
  const goals: Array<[string, string]> = [
    [
      'refresh',
      `full status refresh ≤ ${
        GOALS.refreshMs / 1000
      } s (over HTTP, through the catalog; slower of first/next)`,
    ],
    [
      'list',
      `list p95 ≤ ${GOALS.listP95} ms (GET /api/fleet/deployments, slowest of [L] [A] [S])`,
    ],
    [
      'summary',
      `summary p95 ≤ ${GOALS.summaryP95} ms (summarize; over HTTP it only comes inside the list response)`,
    ],
    [
      'catalog',
      `≥ ${GOALS.fasterThanCatalog}× faster than the catalog's page (p95 [C] / slowest fleet list p95)`,
    ],
    [
      'policy',
      `under a conditional policy ≤ ×${GOALS.conditionalRatio} (store p95 with [P] / without; the worse of list and summary)`,
    ],
  ];
  const out = ['\nGoals (from the issue), per database:'];
  const all: boolean[] = [];
  for (const [key, text] of goals) {
    const parts = results.flatMap(r => {
      const v = r.verdicts.find(x => x.label === key);
      if (!v) {
        return [];
      }
      all.push(v.met);
      return [
        `${r.label.split(' ')[0]} ${v.figure} ${v.met ? 'met' : 'NOT met'}`,
      ];
    });
    if (parts.length > 0) {
      out.push(`  ${text}: ${parts.join(', ')}`);
    } else {
      out.push(`  ${text}: not measured`);
    }
  }
  const goalCount = goals.length * results.length;
  out.push(
    `Verdict: ${all.filter(Boolean).length} of ${goalCount} goal checks met${
      all.length < goalCount ? ` (${goalCount - all.length} not measured)` : ''
    } — ${
      all.length === goalCount && all.every(Boolean)
        ? 'every goal is met'
        : 'NOT every goal is met'
    }.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main() {
  const started = performance.now();
  const withHttp = process.env.FLEETDECK_BENCH_HTTP !== '0';
  const ingestTimeoutMs =
    Number(process.env.FLEETDECK_BENCH_CATALOG_TIMEOUT ?? 180) * 1000;
  const progress = (text: string) => process.stderr.write(`${text}\n`);
  const load = os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');
  const legend = [
    `Fleet benchmark: node ${process.version}, ${
      os.cpus().length
    } cores, load average ${load}`,
    `  [S] the ${QUERIES.length} queries below in turn, limit=50; every 3rd request is followed by page 2 through the cursor, timed as a request of its own`,
    ...QUERIES.map(
      (q, i) => `      [S${i + 1}] ${decodeURIComponent(toQueryString(q))}`,
    ),
    `  [L] ${FLEET_LICENSE}`,
    `  [A] ${FLEET_AIRGAPPED}`,
    `  [C] ${CATALOG_PAGE}`,
    `  [F] ${CATALOG_FACETS}`,
    `  [P] the [S] queries under a conditional policy: IS_DEPLOYMENT_OWNER of a user and 3 of the 12 teams`,
  ];
  process.stdout.write(`${legend.join('\n')}\n`);
  const releases = {
    index: EXAMPLE_RELEASE_INDEX,
    policy: EXAMPLE_RELEASE_POLICY,
  };
  const results: DatabaseResults[] = [];
  const http = (database: Record<string, any>, sqlite: boolean) => {
    const fleet = buildFleet(new Date());
    return benchHttp({
      database,
      sqlite,
      releases,
      entities: fleet.entities,
      observations: fleet.observations,
      queries: QUERIES,
      ingestTimeoutMs,
      progress,
    });
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-'));
  try {
    progress('SQLite: store level…');
    const sqlite = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'fleet.sqlite') },
      useNullAsDefault: true,
    });
    let store: StoreResults;
    try {
      store = await benchStore(sqlite, buildFleet(new Date()));
    } finally {
      await sqlite.destroy();
    }
    progress('SQLite: HTTP…');
    const httpResults = withHttp
      ? await http(
          {
            client: 'better-sqlite3',
            connection: { directory: path.join(dir, 'backend') },
          },
          true,
        )
      : undefined;
    results.push(report('SQLite (better-sqlite3 files)', store, httpResults));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const connection = postgresConnection();
  if (!connection) {
    process.stdout.write(
      '\n(PostgreSQL skipped: set FLEETDECK_BENCH_PG or BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING)\n',
    );
  } else {
    const database = `fleet_bench_${process.pid}`;
    // The backend makes one database per plugin: <prefix>catalog and <prefix>fleet.
    const prefix = `${database}_`;
    const admin = knexFactory({ client: 'pg', connection });
    await admin.raw('CREATE DATABASE ??', [database]);
    const pg = knexFactory({
      client: 'pg',
      connection: connectionTo(connection, database),
    });
    try {
      const { rows } = await pg.raw('show server_version');
      progress('PostgreSQL: store level…');
      const store = await benchStore(pg, buildFleet(new Date()));
      await pg.destroy();
      progress('PostgreSQL: HTTP…');
      const httpResults = withHttp
        ? await http({ client: 'pg', connection, prefix }, false)
        : undefined;
      results.push(
        report(`PostgreSQL ${rows[0].server_version}`, store, httpResults),
      );
    } finally {
      await pg.destroy();
      for (const name of [database, `${prefix}catalog`, `${prefix}fleet`]) {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      }
      await admin.destroy();
    }
  }
  printVerdicts(results);
  process.stdout.write(`\nDone in ${fmt(performance.now() - started)}.\n`);
}

main().then(
  () => {
    // Whatever a plugin may leave running, the benchmark ends with its report.
    setTimeout(() => {
      process.stderr.write(
        'fleet bench: handles still open 10 s after the report; exiting\n',
      );
      process.exit(0);
    }, 10_000).unref();
  },
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
