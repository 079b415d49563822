/*
 * HTTP against HTTP: the fleet API and the stock catalog's own endpoints, served by one
 * in-process backend (bench/backend.ts) over the same 10,000 CustomerDeployments.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/config';
import type {
  CustomerDeploymentEntity,
  DeploymentObservations,
  DeploymentQuery,
} from '@fleetdeck/plugin-fleet-common';
import type { Knex } from 'knex';
import { startBenchBackend, type BenchBackend } from './backend';
import { mixedPages, sample, sleep, type Stats } from './util';

export const CATALOG_PAGE =
  '/api/catalog/entities/by-query?filter=kind=customerdeployment,spec.profile=airgapped&orderField=metadata.name,asc&limit=50';
export const CATALOG_FACETS =
  '/api/catalog/entity-facets?facet=spec.profile&filter=kind=customerdeployment';
export const FLEET_LICENSE =
  '/api/fleet/deployments?license=expired,expiring&orderBy=license.expiresAt&limit=50';
/** The catalog page's question (airgapped deployments by name), asked of the fleet API. */
export const FLEET_AIRGAPPED =
  '/api/fleet/deployments?profile=airgapped&orderBy=name&limit=50';

const CATALOG_COUNT =
  '/api/catalog/entities/by-query?filter=kind=customerdeployment&limit=1';
const TASKS = '/api/fleet/.backstage/scheduler/v1/tasks';
const REFRESH_TASK = 'fleet-status-refresh';

const HTTP_SAMPLES = Number(process.env.FLEETDECK_BENCH_HTTP_SAMPLES ?? 120);
const WARM_UP = 5;

export type HttpResults = {
  /** Entities handed to the catalog. */
  provided: number;
  /** Entities the catalog served when the timing started. */
  ingested: number;
  /** From the provider's full mutation until every entity is served and nothing is queued. */
  ingestMs: number;
  ingestComplete: boolean;
  /** Fleet's scheduled refresh, triggered over HTTP: reads the catalog over HTTP, stores. */
  refreshFirst: number;
  refreshNext: number;
  /** Deployments the fleet API serves after the refresh. */
  fleetTotal: number;
  fleetLicense: Stats;
  fleetAirgapped: Stats;
  fleetMix: Stats;
  fleetMixByQuery: Map<number, Stats>;
  catalogPage: Stats;
  catalogFacets: Stats;
  /** The catalog's and the fleet's answers to "airgapped deployments by name". */
  airgapped: { catalog: number; fleet: number; samePage: boolean };
  notes: string[];
  logs: { warnings: number; errors: number; first: string[] };
};

export function toQueryString(query: DeploymentQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
  }
  return params.toString().replace(/%2C/g, ',');
}

/** Observations are seeded in bulk: the benchmark measures reads, not the seeding. */
export async function seedObservations(
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

/** GET with the body read and parsed, as a client would: the unit that is timed. */
async function get<T = unknown>(
  backend: BenchBackend,
  url: string,
): Promise<T> {
  return backend.getJson<T>(url);
}

async function waitForIngest(
  backend: BenchBackend,
  catalogDb: Knex,
  size: number,
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<{ ingested: number; ingestMs: number; complete: boolean }> {
  const start = performance.now();
  let lastReport = start;
  for (;;) {
    const served = (await get<{ totalItems: number }>(backend, CATALOG_COUNT))
      .totalItems;
    const [{ count: stitching }] = await catalogDb('stitch_queue').count({
      count: '*',
    });
    const [{ count: unprocessed }] = await catalogDb('refresh_state')
      .whereNull('result_hash')
      .count({ count: '*' });
    const elapsed = performance.now() - start;
    const complete =
      served >= size && Number(stitching) === 0 && Number(unprocessed) === 0;
    if (complete || elapsed > timeoutMs) {
      return { ingested: served, ingestMs: elapsed, complete };
    }
    if (performance.now() - lastReport > 15_000) {
      lastReport = performance.now();
      progress(
        `  catalog ingest: ${served}/${size} served, ${unprocessed} unprocessed, ${stitching} to stitch after ${(
          elapsed / 1000
        ).toFixed(0)} s`,
      );
    }
    await sleep(250);
  }
}

/** Triggers the fleet's refresh task over HTTP and waits for the run to end. */
async function timedRefresh(backend: BenchBackend): Promise<number> {
  const triggered = Date.now();
  const response = await backend.request(`${TASKS}/${REFRESH_TASK}/trigger`, {
    method: 'POST',
  });
  if (!response.ok) {
    throw new Error(
      `Could not trigger ${REFRESH_TASK}: ${
        response.status
      } ${await response.text()}`,
    );
  }
  for (;;) {
    await sleep(50);
    const { tasks } = await get<{
      tasks: Array<{
        taskId: string;
        taskState?: {
          status?: string;
          lastRunEndedAt?: string;
          lastRunError?: string;
        };
      }>;
    }>(backend, TASKS);
    const state = tasks.find(task => task.taskId === REFRESH_TASK)?.taskState;
    const ended = state?.lastRunEndedAt ? Date.parse(state.lastRunEndedAt) : 0;
    if (state?.status === 'idle' && ended >= triggered) {
      if (state.lastRunError) {
        throw new Error(`${REFRESH_TASK} failed: ${state.lastRunError}`);
      }
      // The task records when it ended: the polling interval does not add to the figure.
      return ended - triggered;
    }
  }
}

export async function benchHttp(options: {
  /** `backend.database` */
  database: JsonObject;
  sqlite: boolean;
  releases: { index: string; policy: string };
  entities: CustomerDeploymentEntity[];
  observations: Map<string, DeploymentObservations>;
  /** The store-level queries, replayed over HTTP. */
  queries: DeploymentQuery[];
  ingestTimeoutMs: number;
  progress: (line: string) => void;
}): Promise<HttpResults> {
  const { entities, progress } = options;
  const notes: string[] = [];
  const scratchDirectory = fs.mkdtempSync(
    path.join(os.tmpdir(), 'fleet-bench-backend-'),
  );
  const backend = await startBenchBackend({
    database: options.database,
    releases: options.releases,
    scratchDirectory,
  });
  try {
    const fleetDb = await backend.fleetDb();
    const catalogDb = await backend.catalogDb();
    await seedObservations(fleetDb, options.observations);

    if (options.sqlite) {
      // better-sqlite3 syncs every commit to disk by default, which makes processing 10,000
      // entities take minutes; reads do not sync, so the timed requests are unaffected.
      await catalogDb.raw('PRAGMA synchronous = OFF');
      notes.push(
        'catalog SQLite ran with PRAGMA synchronous = OFF while ingesting (reads do not sync; restored to FULL before timing)',
      );
    }
    progress(
      `  catalog: processing ${entities.length} entities (timeout ${(
        options.ingestTimeoutMs / 1000
      ).toFixed(0)} s)…`,
    );
    const ingestStart = performance.now();
    await backend.provideEntities(entities);
    const ingest = await waitForIngest(
      backend,
      catalogDb,
      entities.length,
      options.ingestTimeoutMs,
      progress,
    );
    ingest.ingestMs = performance.now() - ingestStart;
    if (options.sqlite) {
      await catalogDb.raw('PRAGMA synchronous = FULL');
    }
    if (!ingest.complete) {
      notes.push(
        `the catalog had not finished processing after ${(
          options.ingestTimeoutMs / 1000
        ).toFixed(0)} s: timed on the ${
          ingest.ingested
        } entities it served, with processing still running beside the requests`,
      );
    }

    progress('  fleet: refresh over HTTP…');
    const refreshFirst = await timedRefresh(backend);
    const refreshNext = await timedRefresh(backend);
    const fleetTotal = (
      await get<{ totalCount: number }>(
        backend,
        '/api/fleet/deployments?limit=1',
      )
    ).totalCount;

    if (!options.sqlite) {
      // After a bulk load PostgreSQL plans without statistics until autovacuum's ANALYZE
      // comes round (the catalog's page then takes ~300 ms); run it now, for both plugins.
      await catalogDb.raw('ANALYZE');
      await fleetDb.raw('ANALYZE');
      notes.push(
        'PostgreSQL: ANALYZE run on the catalog and fleet databases after loading, as autovacuum would',
      );
    }

    // The same question to both: airgapped deployments by name, first page.
    const catalogAnswer = await get<{
      items: Array<{ metadata: { name: string } }>;
      totalItems: number;
    }>(backend, CATALOG_PAGE);
    const fleetAnswer = await get<{
      items: Array<{ entityRef: string }>;
      totalCount: number;
    }>(backend, FLEET_AIRGAPPED);
    const catalogNames = catalogAnswer.items.map(e => e.metadata.name);
    const fleetNames = fleetAnswer.items.map(
      s => parseEntityRef(s.entityRef).name,
    );
    const airgapped = {
      catalog: catalogAnswer.totalItems,
      fleet: fleetAnswer.totalCount,
      samePage:
        catalogNames.length === 50 && catalogNames.join() === fleetNames.join(),
    };

    progress('  timing requests…');
    const timed = async (url: string) => {
      for (let i = 0; i < WARM_UP; i++) {
        await get(backend, url);
      }
      return sample(HTTP_SAMPLES, () => get(backend, url));
    };
    const catalogPage = await timed(CATALOG_PAGE);
    const catalogFacets = await timed(CATALOG_FACETS);
    const fleetLicense = await timed(FLEET_LICENSE);
    const fleetAirgapped = await timed(FLEET_AIRGAPPED);
    const mixPaths = options.queries.map(
      q => `/api/fleet/deployments?${toQueryString(q)}`,
    );
    for (const mixPath of mixPaths) {
      await get(backend, mixPath);
    }
    const fleetMix = await mixedPages(
      HTTP_SAMPLES,
      mixPaths.length,
      (q, cursor) =>
        get<{ nextCursor?: string }>(
          backend,
          cursor
            ? `${mixPaths[q]}&cursor=${encodeURIComponent(cursor)}`
            : mixPaths[q],
        ),
    );

    const refs = new Set(entities.map(e => stringifyEntityRef(e)));
    if (fleetTotal !== Math.min(ingest.ingested, refs.size)) {
      notes.push(
        `the fleet API serves ${fleetTotal} deployments, the catalog ${ingest.ingested}`,
      );
    }

    return {
      provided: entities.length,
      ingested: ingest.ingested,
      ingestMs: ingest.ingestMs,
      ingestComplete: ingest.complete,
      refreshFirst,
      refreshNext,
      fleetTotal,
      fleetLicense,
      fleetAirgapped,
      fleetMix: fleetMix.all(),
      fleetMixByQuery: fleetMix.byTag(),
      catalogPage,
      catalogFacets,
      airgapped,
      notes,
      logs: {
        warnings: backend.logs.warnings,
        errors: backend.logs.errors,
        first: backend.logs.first,
      },
    };
  } finally {
    await backend.stop();
    // The backend closes its PostgreSQL pools on stop but leaves SQLite ones open.
    for (const db of [await backend.catalogDb(), await backend.fleetDb()]) {
      await db.destroy().catch(() => {});
    }
    fs.rmSync(scratchDirectory, { recursive: true, force: true });
  }
}
