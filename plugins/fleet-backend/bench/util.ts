import { performance } from 'node:perf_hooks';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DAY_MS,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import { loadExampleEntities } from '../src/__testUtils__/examples';

/** p50 and p95 of `n` timed runs, in milliseconds. */
export type Stats = { p50: number; p95: number; n: number };

/** Deterministic numbers, so every run measures the same fleet. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Runs `run` `count` times one after the other and times each run. */
export async function sample(
  count: number,
  run: (i: number) => Promise<unknown>,
): Promise<Stats> {
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

/** Milliseconds as `1.23 s`, or `12.34 ms` with `digits` decimals. */
export const fmt = (ms: number, digits = 2) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(digits)} ms`;

/** A ratio as `×12.3` (or `×0.84`: below 1 means the first figure is the smaller). */
export const times = (ratio: number) =>
  `×${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(ratio >= 1 ? 1 : 2)}`;

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

export function stats(samples: number[]): Stats {
  return {
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    n: samples.length,
  };
}

/** Times calls one by one, each under a tag, for figures overall and per tag. */
export class Timings {
  private readonly samples: Array<{ tag: number; ms: number }> = [];

  async time<T>(tag: number, run: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await run();
    this.samples.push({ tag, ms: performance.now() - start });
    return result;
  }

  all(): Stats {
    return stats(this.samples.map(s => s.ms));
  }

  byTag(): Map<number, Stats> {
    const groups = new Map<number, number[]>();
    for (const { tag, ms } of this.samples) {
      groups.set(tag, [...(groups.get(tag) ?? []), ms]);
    }
    return new Map(
      [...groups]
        .sort(([a], [b]) => a - b)
        .map(([tag, ms]) => [tag, stats(ms)]),
    );
  }
}

/**
 * The mixed-query workload: request i asks query i mod n for its first page; every third
 * request is followed by the second page, through the cursor, timed as a request of its own.
 */
export async function mixedPages<P extends { nextCursor?: string }>(
  count: number,
  queries: number,
  fetchPage: (query: number, cursor?: string) => Promise<P>,
): Promise<Timings> {
  const timings = new Timings();
  for (let i = 0; i < count; i++) {
    const query = i % queries;
    const page = await timings.time(query, () => fetchPage(query));
    if (i % 3 === 0 && page.nextCursor) {
      await timings.time(query, () => fetchPage(query, page.nextCursor));
    }
  }
  return timings;
}

/** Says nothing but errors: a bench prints its own figures. */
export const silentLogger: LoggerService = {
  error: message => process.stderr.write(`  error: ${message}\n`),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/** The fleet plugin's own service credentials, as background tasks use them. */
export const benchAuth = {
  getOwnServiceCredentials: async () => ({
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:fleet' },
  }),
} as unknown as AuthService;

/** Serves entities a page at a time, as the catalog's queryEntities does. */
export function inMemoryCatalog(entities: Entity[]): CatalogService {
  return {
    async queryEntities(request: { cursor?: string; limit?: number }) {
      const offset = request?.cursor ? Number(request.cursor) : 0;
      const next = offset + (request?.limit ?? 500);
      return {
        items: entities.slice(offset, next),
        totalItems: entities.length,
        pageInfo: next < entities.length ? { nextCursor: String(next) } : {},
      };
    },
  } as unknown as CatalogService;
}

/** The PostgreSQL to bench on: FLEETDECK_BENCH_PG, else the newest test database named. */
export function postgresConnection(): string | undefined {
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

/** `connection` pointed at `database`: node-postgres lets a connection string win over a separate `database`. */
export function connectionTo(connection: string, database: string): string {
  const url = new URL(connection);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The example CustomerDeployments, the templates a bench fleet is copied from. */
export function exampleDeployments(now: Date): CustomerDeploymentEntity[] {
  return loadExampleEntities(now).filter(
    e => e.kind === 'CustomerDeployment',
  ) as CustomerDeploymentEntity[];
}

/**
 * Copy number `index` of `template`: its own name, one of twelve owner teams and a license end
 * 60 days past to 800 ahead, drawn from `next` after `adjust` (which may draw too) has changed
 * the copy's spec.
 */
export function deploymentCopy(
  template: CustomerDeploymentEntity,
  index: number,
  options: {
    now: Date;
    next: () => number;
    adjust?: (spec: CustomerDeploymentEntity['spec']) => void;
  },
): CustomerDeploymentEntity {
  const { now, next, adjust } = options;
  const name = `${template.metadata.name}-${String(index).padStart(5, '0')}`;
  const spec = structuredClone(template.spec);
  adjust?.(spec);
  spec.owner = `group:default/team-${index % 12}`;
  if (spec.license) {
    const daysFromNow = Math.floor(next() * 860) - 60;
    spec.license = {
      ...spec.license,
      expiresAt: new Date(now.getTime() + daysFromNow * DAY_MS)
        .toISOString()
        .slice(0, 10),
    };
  }
  return {
    ...template,
    metadata: { name, namespace: 'default', title: `${spec.customer} ${name}` },
    spec,
  };
}
