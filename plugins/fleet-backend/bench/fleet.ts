/*
 * Fleet benchmark: why statuses are materialised.
 *
 * Seeds 10,000 CustomerDeployments with observations (journal receipts, GPU snapshots, values
 * keys) and measures, on SQLite (a better-sqlite3 file in a temp dir) and, when a connection
 * string is in the environment, on PostgreSQL:
 *
 *   - a full status refresh (catalog pages → observations → evaluateDeployment → store);
 *   - p50/p95 of listStatuses for filtered, ordered pages of 50, and of summarize;
 *   - each beside the naive approach, which evaluates every deployment per request and
 *     filters, sorts and counts in memory, as a ratio.
 *
 * The naive side reads entities from an in-memory catalog, so it leaves out the catalog's own
 * HTTP and JSON cost: the ratios are a lower bound.
 *
 * Run from the repository root: `yarn bench:fleet`. PostgreSQL: set FLEETDECK_BENCH_PG or a
 * BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING (scripts/lib/services.sh ensure_postgres
 * provides one); a scratch database is created and dropped. FLEETDECK_BENCH_SIZE changes the
 * fleet size (default 10000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEPLOYMENT_ORDER_FIELDS,
  evaluateDeployment,
  summarizeStatuses,
  type CustomerDeploymentEntity,
  type DeploymentObservations,
  type DeploymentQuery,
  type DeploymentStatus,
} from '@fleetdeck/plugin-fleet-common';
import knexFactory, { type Knex } from 'knex';
import { DatabaseFleetStore } from '../src/database/DatabaseFleetStore';
import { DefaultReleaseSource } from '../src/service/releases/DefaultReleaseSource';
import { ReleaseService } from '../src/service/releases/ReleaseService';
import { StatusRefresher } from '../src/service/StatusRefresher';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
  loadExampleEntities,
} from '../src/__testUtils__/examples';

const SIZE = Number(process.env.FLEETDECK_BENCH_SIZE ?? 10_000);
const STORE_SAMPLES = 120;
const NAIVE_SAMPLES = 5;
const DAY = 86_400_000;

/** Deterministic numbers, so every run measures the same fleet. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const silentLogger: LoggerService = {
  error: message => process.stderr.write(`  error: ${message}\n`),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

const auth = {
  getOwnServiceCredentials: async () => ({
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:fleet' },
  }),
} as unknown as AuthService;

/** Serves entities a page at a time, as the catalog's queryEntities does. */
function inMemoryCatalog(entities: Entity[]): CatalogService {
  const page = (offset: number, limit: number) => {
    const next = offset + limit;
    return {
      items: entities.slice(offset, next),
      totalItems: entities.length,
      pageInfo: next < entities.length ? { nextCursor: String(next) } : {},
    };
  };
  return {
    async queryEntities(request: { cursor?: string; limit?: number }) {
      const limit = request?.limit ?? 500;
      return page(request?.cursor ? Number(request.cursor) : 0, limit);
    },
  } as unknown as CatalogService;
}

function buildFleet(now: Date): {
  entities: CustomerDeploymentEntity[];
  observations: Map<string, DeploymentObservations>;
} {
  const next = random(20261122);
  const pick = <T>(values: readonly T[]) =>
    values[Math.floor(next() * values.length)];
  const day = (offset: number) =>
    new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const templates = loadExampleEntities(now).filter(
    e => e.kind === 'CustomerDeployment',
  ) as CustomerDeploymentEntity[];
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
    const template = templates[i % templates.length];
    const name = `${template.metadata.name}-${String(i).padStart(5, '0')}`;
    const spec = structuredClone(template.spec);
    spec.customer = `customer-${Math.floor(i / 14) % 700}`;
    spec.owner = `group:default/team-${i % 12}`;
    spec.chart = { ...spec.chart, version: pick(versions) };
    spec.cluster = { ...spec.cluster, kubernetesVersion: pick(kubernetes) };
    if (spec.license) {
      spec.license = {
        ...spec.license,
        expiresAt: day(Math.floor(next() * 860) - 60),
      };
    }
    const entity: CustomerDeploymentEntity = {
      ...template,
      metadata: {
        name,
        namespace: 'default',
        title: `${spec.customer} ${name}`,
      },
      spec,
    };
    entities.push(entity);

    const observed: DeploymentObservations = {
      firstSeenAt: new Date(now.getTime() - 200 * DAY).toISOString(),
      valuesKeys: ['engine.modelManager.models.add', 'scaling.replicas.engine'],
    };
    if (spec.billing?.mode === 'journal') {
      observed.journals = Array.from(
        { length: spec.billing.replicas ?? 1 },
        (_, replica) => ({
          replica: `deepgram-billing-${replica}`,
          receivedAt: new Date(
            now.getTime() - Math.floor(next() * 34 * DAY),
          ).toISOString(),
        }),
      );
    }
    if (next() < 0.75 && spec.gpu) {
      const required = spec.gpu.perEngine * spec.gpu.engineReplicas;
      const allocatable = required + Math.floor(next() * 4) - 1;
      observed.gpu = {
        observedAt: new Date(now.getTime() - 3_600_000).toISOString(),
        source: spec.profile === 'airgapped' ? 'report' : 'cluster',
        allocatable,
        requested: Math.min(required, allocatable),
        pendingGpuPods: allocatable < required ? 1 : 0,
        models: [
          {
            product: pick(products),
            resourceName: spec.gpu.resourceName,
            allocatable,
            requested: Math.min(required, allocatable),
          },
        ],
      };
    }
    observations.set(stringifyEntityRef(entity), observed);
  }
  return { entities, observations };
}

/** Observations are seeded in bulk: the benchmark measures reads, not the seeding. */
async function seedObservations(
  knex: Knex,
  observations: Map<string, DeploymentObservations>,
) {
  const rows = [...observations].map(([ref, { firstSeenAt, ...rest }]) => ({
    entity_ref: ref,
    first_seen_at: new Date(firstSeenAt!),
    observations: JSON.stringify(rest),
    updated_at: new Date(),
  }));
  await knex.transaction(async tx => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx('fleet_observations').insert(rows.slice(i, i + 500));
    }
  });
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

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function sample(
  count: number,
  run: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p95: number; n: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return {
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    n: count,
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

const fmt = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(2)} ms`;

async function benchDatabase(label: string, knex: Knex) {
  const now = new Date();
  process.stdout.write(`\n== ${label}: ${SIZE} deployments\n`);
  const { entities, observations } = buildFleet(now);
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
    auth,
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
  process.stdout.write(
    `full status refresh: ${fmt(firstRefresh)} (first, inserts), ${fmt(
      secondRefresh,
    )} (next, updates)\n` +
      `  health: ${JSON.stringify(counts.health)}\n` +
      `  license: ${JSON.stringify(counts.license)}\n`,
  );

  // Warm up, then measure the store.
  for (const query of QUERIES) {
    await store.listStatuses(query);
    await store.summarize(query);
  }
  const list = await sample(STORE_SAMPLES, async i => {
    const query = QUERIES[i % QUERIES.length];
    const page = await store.listStatuses(query);
    // Every third request is a second page, through the cursor.
    if (i % 3 === 0 && page.nextCursor) {
      await store.listStatuses({ ...query, cursor: page.nextCursor });
    }
  });
  const summary = await sample(STORE_SAMPLES, i =>
    store.summarize(QUERIES[i % QUERIES.length]),
  );

  // The naive approach: everything per request.
  const naiveStatuses = async () => {
    const all: CustomerDeploymentEntity[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor ? { cursor, limit: 500 } : { limit: 500 },
        { credentials: await auth.getOwnServiceCredentials() },
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

  const row = (
    name: string,
    ours: { p50: number; p95: number; n: number },
    naive: { p50: number; p95: number; n: number },
  ) =>
    `${name.padEnd(26)} p50 ${fmt(ours.p50).padStart(9)}  p95 ${fmt(
      ours.p95,
    ).padStart(9)} (n=${ours.n})   naive p50 ${fmt(naive.p50).padStart(
      9,
    )}  p95 ${fmt(naive.p95).padStart(9)} (n=${naive.n})   naive/store p50 ×${(
      naive.p50 / ours.p50
    ).toFixed(0)}\n`;
  process.stdout.write(
    row('listStatuses (page of 50)', list, naiveList) +
      row('summarize', summary, naiveSummary),
  );
}

function postgresConnection(): string | undefined {
  if (process.env.FLEETDECK_BENCH_PG) {
    return process.env.FLEETDECK_BENCH_PG;
  }
  const key = Object.keys(process.env)
    .filter(k =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
    )
    .sort()
    .pop();
  return key ? process.env[key] : undefined;
}

async function main() {
  const started = performance.now();
  process.stdout.write(
    `Fleet benchmark: node ${process.version}, ${os.cpus().length} cores\n`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-'));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'fleet.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await benchDatabase('SQLite (better-sqlite3 file)', sqlite);
  } finally {
    await sqlite.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const connection = postgresConnection();
  if (!connection) {
    process.stdout.write(
      '\n(PostgreSQL skipped: set FLEETDECK_BENCH_PG or BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING)\n',
    );
  } else {
    const database = `fleet_bench_${process.pid}`;
    const admin = knexFactory({ client: 'pg', connection });
    await admin.raw('CREATE DATABASE ??', [database]);
    // node-postgres lets a connection string win over a separate `database`.
    const scratch = new URL(connection);
    scratch.pathname = `/${database}`;
    const pg = knexFactory({ client: 'pg', connection: scratch.toString() });
    try {
      const { rows } = await pg.raw('show server_version');
      await benchDatabase(`PostgreSQL ${rows[0].server_version}`, pg);
    } finally {
      await pg.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ??', [database]);
      await admin.destroy();
    }
  }
  process.stdout.write(`\nDone in ${fmt(performance.now() - started)}.\n`);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
