/*
 * Overdue benchmark: task fleet-journal-overdue over a large fleet.
 *
 * Seeds 10,000 CustomerDeployments with 100 journal receipts each (rows of
 * fleet_journal_receipts, the latest of each replica also in the observations, as journal
 * intake keeps them; when that table does not exist, the 100 receipts go into
 * observations.journals instead), refreshes the statuses as task fleet-status-refresh does,
 * then times single runs of the check (OwnerNoticeChecker.run, what the task runs) against
 * the goal of 2 s:
 *
 *   - first run: the day the task is switched on — every deployment already overdue, never
 *     received or near its license end gets a flag and a notification;
 *   - steady run: an hour later — nothing new, the usual hourly run;
 *   - reminder run: 7 days later — every open journal flag is due a reminder, and a week of
 *     new transitions and license thresholds.
 *
 * Notifications go to an in-memory service that counts them: the time of the notifications
 * backend itself (one HTTP request per notification) is not included.
 *
 * Run from the repository root: `yarn bench:overdue`. On SQLite (a better-sqlite3 file in a
 * temp dir) and, when a connection string is in the environment (FLEETDECK_BENCH_PG or
 * BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING), on PostgreSQL in a scratch database.
 * FLEETDECK_BENCH_SIZE and FLEETDECK_BENCH_RECEIPTS change the fleet size (default 10000) and
 * the receipts per deployment (default 100).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DAY_MS,
  HOUR_MS,
  type CustomerDeploymentEntity,
  type JournalReceiptObservation,
} from '@fleetdeck/plugin-fleet-common';
import knexFactory, { type Knex } from 'knex';
import { DatabaseFleetStore } from '../src/database/DatabaseFleetStore';
import { DatabaseFlagStore } from '../src/flags/DatabaseFlagStore';
import {
  OwnerNoticeChecker,
  type NoticeCheckResult,
} from '../src/flags/OwnerNoticeChecker';
import { DefaultReleaseSource } from '../src/service/releases/DefaultReleaseSource';
import { ReleaseService } from '../src/service/releases/ReleaseService';
import { StatusRefresher } from '../src/service/StatusRefresher';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
} from '../src/__testUtils__/examples';
import {
  benchAuth,
  connectionTo,
  deploymentCopy,
  exampleDeployments,
  fmt,
  inMemoryCatalog,
  postgresConnection,
  random,
  silentLogger,
} from './util';

const SIZE = Number(process.env.FLEETDECK_BENCH_SIZE ?? 10_000);
const RECEIPTS = Number(process.env.FLEETDECK_BENCH_RECEIPTS ?? 100);
const GOAL_MS = 2_000;
const RECEIPTS_TABLE = 'fleet_journal_receipts';
const RECEIPT_COLUMNS = [
  'id',
  'entity_ref',
  'replica',
  'sha256',
  'bytes',
  'lines',
  'captured_at',
  'received_at',
  'warnings',
  'source',
  'file_name',
];

/** Counts what would have been sent. */
function countingNotifications(): NotificationService & { count: number } {
  const service = {
    count: 0,
    async send() {
      service.count += 1;
    },
  };
  return service;
}

type Deployment = {
  entity: CustomerDeploymentEntity;
  ref: string;
  /** Per billing replica, its receipts newest first. */
  receipts: JournalReceiptObservation[][];
};

/**
 * The example deployments that bill by journal (the air-gapped ones), copied over and over
 * with their own owners, license ends (60 days past to 800 ahead) and journals (the latest
 * received 0 to 34 days ago, returned every 30 days: about one in eight overdue).
 */
function buildFleet(now: Date): Deployment[] {
  const next = random(20261124);
  // Every deployment bills by journal, so that each has its 100 receipts.
  const templates = exampleDeployments(now).filter(
    e => e.spec.billing?.mode === 'journal',
  );

  return Array.from({ length: SIZE }, (_, i) => {
    const entity = deploymentCopy(templates[i % templates.length], i, {
      now,
      next,
    });
    const spec = entity.spec;
    const replicas =
      spec.billing?.mode === 'journal' ? spec.billing.replicas ?? 1 : 0;
    const receipts: JournalReceiptObservation[][] = Array.from(
      { length: replicas },
      () => [],
    );
    if (replicas > 0) {
      const latest = now.getTime() - Math.floor(next() * 34 * DAY_MS);
      for (let k = 0; k < RECEIPTS; k++) {
        const replica = k % replicas;
        const round = Math.floor(k / replicas);
        const receivedAt = new Date(
          latest - round * 30 * DAY_MS - replica * HOUR_MS,
        );
        receipts[replica].push({
          replica: `deepgram-billing-${replica}`,
          receivedAt: receivedAt.toISOString(),
          capturedAt: new Date(receivedAt.getTime() - HOUR_MS).toISOString(),
        });
      }
    }
    return { entity, ref: stringifyEntityRef(entity), receipts };
  });
}

/** Whether journal intake's receipts table is there, with the columns this bench writes. */
async function hasReceiptsTable(knex: Knex): Promise<boolean> {
  if (!(await knex.schema.hasTable(RECEIPTS_TABLE))) {
    return false;
  }
  const columns = Object.keys(await knex(RECEIPTS_TABLE).columnInfo());
  return RECEIPT_COLUMNS.every(column => columns.includes(column));
}

/** Observations and receipts are seeded in bulk: the benchmark measures the task. */
async function seed(
  knex: Knex,
  fleet: Deployment[],
  now: Date,
  receiptsTable: boolean,
) {
  const firstSeenAt = new Date(now.getTime() - (RECEIPTS + 2) * 30 * DAY_MS);
  const observations = fleet.map(({ ref, receipts }) => ({
    entity_ref: ref,
    first_seen_at: firstSeenAt,
    observations: JSON.stringify({
      // With a receipts table, the latest of each replica (what intake keeps up to date);
      // without, every receipt (the evaluator takes the latest of each replica).
      journals: receiptsTable ? receipts.map(list => list[0]) : receipts.flat(),
    }),
    updated_at: now,
  }));
  await knex.transaction(async tx => {
    for (let i = 0; i < observations.length; i += 500) {
      await tx('fleet_observations').insert(observations.slice(i, i + 500));
    }
  });
  if (!receiptsTable) {
    return;
  }

  // 11 columns: 400 rows a statement stays below SQLite's 32,766 parameters.
  let rows: Record<string, unknown>[] = [];
  const flush = async (tx: Knex.Transaction) => {
    if (rows.length) {
      await tx(RECEIPTS_TABLE).insert(rows);
      rows = [];
    }
  };
  await knex.transaction(async tx => {
    for (const { ref, receipts } of fleet) {
      for (const receipt of receipts.flat()) {
        const id = randomUUID();
        rows.push({
          id,
          entity_ref: ref,
          replica: receipt.replica,
          sha256: id.replace(/-/g, '').padEnd(64, '0'),
          bytes: 48_213,
          lines: 311,
          captured_at: new Date(receipt.capturedAt!),
          received_at: new Date(receipt.receivedAt),
          warnings: '[]',
          source: 'inbox',
          file_name: `journal-${receipt.receivedAt.slice(0, 10)}.tar.gz:${
            receipt.replica
          }/journal`,
        });
        if (rows.length >= 400) {
          await flush(tx);
        }
      }
    }
    await flush(tx);
  });
}

async function benchDatabase(label: string, knex: Knex) {
  const start = new Date();
  let now = start;
  process.stdout.write(`\n== ${label}: ${SIZE} deployments\n`);
  const fleet = buildFleet(start);
  const database = { getClient: async () => knex };
  const store = await DatabaseFleetStore.create({ database });
  const flags = await DatabaseFlagStore.create({ database });
  const receiptsTable = await hasReceiptsTable(knex);

  let t = performance.now();
  await seed(knex, fleet, start, receiptsTable);
  const receiptCount = fleet.reduce((n, d) => n + d.receipts.flat().length, 0);
  process.stdout.write(
    `seeded ${receiptCount.toLocaleString('en-US')} journal receipts ${
      receiptsTable
        ? `into ${RECEIPTS_TABLE} (latest per replica in the observations)`
        : `into observations.journals (no ${RECEIPTS_TABLE} table)`
    } in ${fmt(performance.now() - t, 0)}\n`,
  );

  const releases = new ReleaseService(
    new DefaultReleaseSource({
      index: EXAMPLE_RELEASE_INDEX,
      policy: EXAMPLE_RELEASE_POLICY,
      urlReader: {} as never,
      workingDirectory: process.cwd(),
    }),
    silentLogger,
  );
  const refresher = new StatusRefresher({
    catalog: inMemoryCatalog(fleet.map(d => d.entity)),
    auth: benchAuth,
    store,
    releases,
    logger: silentLogger,
    now: () => now,
  });
  const notifications = countingNotifications();
  const checker = new OwnerNoticeChecker({
    store,
    flags,
    notifications,
    logger: silentLogger,
  });

  const timed = async (name: string, at: Date) => {
    now = at;
    let ms = performance.now();
    await refresher.refreshAll();
    const refreshMs = performance.now() - ms;
    const sentBefore = notifications.count;
    ms = performance.now();
    const result: NoticeCheckResult = await checker.run(at);
    ms = performance.now() - ms;
    if (result.failed.length) {
      throw new Error(`${result.failed.length} deployments failed`);
    }
    process.stdout.write(
      `${name.padEnd(14)} ${fmt(ms, 0).padStart(8)}  ${
        ms <= GOAL_MS ? 'within' : 'OVER'
      } the ${fmt(GOAL_MS, 0)} goal   ${result.raised} raised, ${
        result.cleared
      } cleared, ${notifications.count - sentBefore} notifications   ` +
        `(status refresh before it: ${fmt(refreshMs, 0)})\n`,
    );
    return ms;
  };

  t = performance.now();
  const summary = { first: 0, steady: 0, reminder: 0 };
  summary.first = await timed('first run', start);
  summary.steady = await timed(
    'steady run',
    new Date(start.getTime() + HOUR_MS),
  );
  summary.reminder = await timed(
    'reminder run',
    new Date(start.getTime() + 7 * DAY_MS + 2 * HOUR_MS),
  );
  const open = await flags.listOpen();
  const kinds = open.reduce<Record<string, number>>((counts, flag) => {
    counts[flag.kind] = (counts[flag.kind] ?? 0) + 1;
    return counts;
  }, {});
  process.stdout.write(`open flags: ${JSON.stringify(kinds)}\n`);
  return summary;
}

async function main() {
  const started = performance.now();
  process.stdout.write(
    `Overdue benchmark: node ${process.version}, ${
      os.cpus().length
    } cores, goal ${fmt(GOAL_MS, 0)} per run of task fleet-journal-overdue\n`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-overdue-bench-'));
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
    const name = `fleet_overdue_bench_${process.pid}`;
    const admin = knexFactory({ client: 'pg', connection });
    await admin.raw('CREATE DATABASE ??', [name]);
    const pg = knexFactory({
      client: 'pg',
      connection: connectionTo(connection, name),
    });
    try {
      const { rows } = await pg.raw('show server_version');
      await benchDatabase(`PostgreSQL ${rows[0].server_version}`, pg);
    } finally {
      await pg.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      await admin.destroy();
    }
  }
  process.stdout.write(`\nDone in ${fmt(performance.now() - started, 0)}.\n`);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
