/*
 * Journal intake benchmark: is ingesting a journal about as cheap as hashing it, and does
 * memory stay flat whatever the size?
 *
 * In this one process: the real fleet plugin (startTestBackend, SQLite in a file, the local
 * blob store in a temp folder, an in-memory catalog of the example fleet), listening on a
 * loopback port. Then:
 *
 *   1. a generated journal (streamed to disk, never held in memory) of 128 MiB and of 1 GiB
 *      is uploaded over HTTP, as `curl --data-binary` would (Content-Length, octet-stream),
 *      and ingested: hashed, checked line by line as JSON, written to a temp file, fsynced,
 *      renamed, recorded. Throughput is printed beside `sha256sum` of the same file (warm
 *      page cache for both), as a ratio, with the peak RSS growth of the process during the
 *      upload (sampled every 10 ms) over its RSS before it;
 *   2. 1,000 small journals (2–40 kB) are uploaded one after another: uploads per second,
 *      p50 / p95 latency, peak RSS growth.
 *
 * Goals: throughput ≥ 0.5 × sha256sum, peak RSS growth ≤ 100 MB whatever the file size.
 *
 * Run from the repository root: `yarn bench:journals`. FLEETDECK_BENCH_JOURNAL_MB sets the
 * large size (default 1024), FLEETDECK_BENCH_SMALL the number of small journals (1000).
 * Needs about twice the large size of free disk in the OS temp folder.
 *
 * Hook: the overdue-journal task has its own phase, added to EXTRA_PHASES below by whoever
 * benchmarks it; it gets the running backend and the receipts ingested here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JournalUploadResponse } from '@fleetdeck/plugin-fleet-common';
import knexFactory, { type Knex } from 'knex';
import { fleetPlugin } from '../src/plugin';
import { loadExampleEntities } from '../src/__testUtils__/examples';

const MiB = 1024 * 1024;
const LARGE_MB = Number(process.env.FLEETDECK_BENCH_JOURNAL_MB ?? 1024);
const SMALL_COUNT = Number(process.env.FLEETDECK_BENCH_SMALL ?? 1000);
const GOAL_RATIO = 0.5;
/** Rounds per size; the median is reported, as the machine may be shared. */
const ROUNDS = Number(process.env.FLEETDECK_BENCH_ROUNDS ?? 3);
const GOAL_RSS_MB = 100;

/** Example deployments with one billing replica each, so uploads need no ?replica. */
const ONE_REPLICA = [
  'northwind-health-dr',
  'aegis-dynamics-enclave',
  'cascadia-courts-prod',
];

/** What a phase of the bench can use. */
export interface JournalBenchContext {
  baseUrl: string;
  authorization: string;
  knex: Knex;
  tmp: string;
  /** The receipts the intake phases recorded. */
  receipts: JournalUploadResponse['receipts'];
}

/** A row of the printed table. */
export type JournalBenchRow = Record<string, string>;

/** Further phases, e.g. the overdue-journal task over the receipts ingested here. */
export const EXTRA_PHASES: Array<
  (context: JournalBenchContext) => Promise<JournalBenchRow[]>
> = [];

/** `{"d":…,"s":…}` lines of about 300 bytes, like the billing container's. */
function linePool(): Buffer[] {
  return Array.from({ length: 4096 }, () =>
    Buffer.from(
      `${JSON.stringify({
        d: randomBytes(150).toString('base64'),
        s: randomBytes(64).toString('base64'),
      })}\n`,
    ),
  );
}

/** The initialisation line, fixed-width so that each round can rewrite it in place. */
const initLine = (round: number) =>
  Buffer.from(`{"d":"init ${String(round).padStart(6, '0')}","s":"bench"}\n`);

/** Makes the file's content new (and its SHA-256), keeping its size and page cache. */
function renewJournal(file: string, round: number) {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, initLine(round), 0, undefined, 0);
  } finally {
    fs.closeSync(fd);
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Writes a journal of about `bytes` bytes, streamed: never more than a chunk in memory. */
async function generateJournal(file: string, bytes: number): Promise<number> {
  const pool = linePool();
  let written = 0;
  let i = 0;
  async function* chunks() {
    yield initLine(0);
    while (written < bytes) {
      const lines: Buffer[] = [];
      let size = 0;
      while (size < MiB) {
        const line = pool[i++ % pool.length];
        lines.push(line);
        size += line.length;
      }
      written += size;
      yield Buffer.concat(lines);
    }
  }
  await pipeline(chunks(), fs.createWriteStream(file));
  return fs.statSync(file).size;
}

function sha256sumSeconds(file: string): number {
  const start = performance.now();
  const result = spawnSync('sha256sum', [file], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`sha256sum failed: ${result.stderr}`);
  }
  return (performance.now() - start) / 1000;
}

/** Samples the RSS while `fn` runs; returns the peak growth over the RSS before it. */
async function withPeakRss<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; peakGrowth: number; before: number; peak: number }> {
  (global as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakGrowth: peak - before, before, peak };
  } finally {
    clearInterval(timer);
  }
}

/**
 * POSTs a file with curl, in a process of its own, as a customer's script would: the
 * backend's process does only the backend's work. `-T` streams the file (with its
 * Content-Length) where `--data-binary @file` would read it into memory first.
 */
function curlUpload(
  context: Pick<JournalBenchContext, 'baseUrl' | 'authorization'>,
  deployment: string,
  file: string,
): Promise<{ status: number; body: JournalUploadResponse }> {
  return new Promise((resolve, reject) => {
    const curl = spawn(
      'curl',
      [
        '--silent',
        '--show-error',
        '--request',
        'POST',
        '--upload-file',
        file,
        '--header',
        `Authorization: ${context.authorization}`,
        '--header',
        'Content-Type: application/octet-stream',
        '--write-out',
        '\n%{http_code}',
        `${context.baseUrl}/api/fleet/deployments/default/${deployment}/journals`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const chunks: Buffer[] = [];
    curl.stdout.on('data', chunk => chunks.push(chunk));
    curl.on('error', reject);
    curl.on('close', code => {
      const output = Buffer.concat(chunks).toString('utf8');
      const cut = output.lastIndexOf('\n');
      const status = Number(output.slice(cut + 1));
      if (code !== 0 || status >= 300) {
        reject(new Error(`curl exited ${code}, HTTP ${status}: ${output}`));
        return;
      }
      resolve({ status, body: JSON.parse(output.slice(0, cut)) });
    });
  });
}

/** POSTs a buffer like `curl --data-binary`, with its Content-Length. */
function upload(
  context: Pick<JournalBenchContext, 'baseUrl' | 'authorization'>,
  deployment: string,
  buffer: Buffer,
): Promise<{ status: number; body: JournalUploadResponse }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${context.baseUrl}/api/fleet/deployments/default/${deployment}/journals`,
      {
        method: 'POST',
        // A connection of its own: a kept-alive one may be closed by the server while idle
        // between phases (its keepAliveTimeout), just as it is reused.
        agent: false,
        headers: {
          authorization: context.authorization,
          'content-type': 'application/octet-stream',
          'content-length': String(buffer.length),
        },
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((response.statusCode ?? 500) >= 300) {
            reject(
              new Error(`Upload answered ${response.statusCode}: ${text}`),
            );
            return;
          }
          resolve({ status: response.statusCode!, body: JSON.parse(text) });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(buffer);
  });
}

const mb = (bytes: number) => bytes / 1e6;
const fixed = (n: number, digits = 1) => n.toFixed(digits);

function printTable(rows: JournalBenchRow[]) {
  const columns = [...new Set(rows.flatMap(row => Object.keys(row)))];
  const widths = columns.map(column =>
    Math.max(column.length, ...rows.map(row => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(
    `${[
      line(columns),
      line(widths.map(w => '-'.repeat(w))),
      ...rows.map(row => line(columns.map(column => row[column] ?? ''))),
    ].join('\n')}\n`,
  );
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-journal-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(tmp, 'fleet.sqlite') },
    useNullAsDefault: true,
  });
  const hour = { hours: 1 };
  const backend = await startTestBackend({
    features: [
      fleetPlugin,
      catalogServiceMock.factory({ entities: loadExampleEntities() }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          fleet: {
            status: {
              schedule: { frequency: hour, timeout: hour, initialDelay: hour },
            },
            journals: {
              maxUploadBytes: 8 * 1024 * MiB,
              maxInflatedBytes: 16 * 1024 * MiB,
              blobStore: { path: path.join(tmp, 'blobs') },
            },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;

  const context: JournalBenchContext = {
    baseUrl: `http://127.0.0.1:${port}`,
    authorization: mockCredentials.user.header(),
    knex,
    tmp,
    receipts: [],
  };
  const rows: JournalBenchRow[] = [];
  const verdicts: string[] = [];

  try {
    const load = () =>
      os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ');
    process.stdout.write(
      `Journal intake bench: Node ${process.version}, ${
        os.cpus().length
      } CPUs, load average ${load()}, temp folder ${tmp}\n\n`,
    );

    for (const sizeMb of [...new Set([Math.min(128, LARGE_MB), LARGE_MB])]) {
      const file = path.join(tmp, `journal-${sizeMb}`);
      const start = performance.now();
      const bytes = await generateJournal(file, sizeMb * MiB);
      process.stdout.write(
        `generated ${fixed(mb(bytes))} MB in ${fixed(
          (performance.now() - start) / 1000,
        )} s; `,
      );
      sha256sumSeconds(file); // warm the page cache for both sides
      process.stdout.write('\n');

      const rounds: Array<{
        seconds: number;
        reference: number;
        cpuSeconds: number;
        peakGrowth: number;
        lines: number;
      }> = [];
      for (let round = 1; round <= ROUNDS; round++) {
        renewJournal(file, round);
        const reference = sha256sumSeconds(file);
        const uploadStart = performance.now();
        const cpuStart = process.cpuUsage();
        const { value, peakGrowth, before, peak } = await withPeakRss(() =>
          curlUpload(context, ONE_REPLICA[0], file),
        );
        const seconds = (performance.now() - uploadStart) / 1000;
        const cpu = process.cpuUsage(cpuStart);
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        if (value.status !== 201) {
          throw new Error(`Expected a new receipt, got ${value.status}`);
        }
        context.receipts.push(...value.body.receipts);
        rounds.push({
          seconds,
          reference,
          cpuSeconds,
          peakGrowth,
          lines: value.body.receipts[0].lines,
        });
        process.stdout.write(
          `  round ${round}: intake ${fixed(seconds, 2)} s, sha256sum ${fixed(
            reference,
            2,
          )} s, ratio ${fixed(reference / seconds, 2)}, backend CPU ${fixed(
            cpuSeconds,
            2,
          )} s, RSS ${fixed(mb(before))} → ${fixed(mb(peak))} MB\n`,
        );
      }
      const seconds = median(rounds.map(r => r.seconds));
      const reference = median(rounds.map(r => r.reference));
      const ratio = median(rounds.map(r => r.reference / r.seconds));
      const peakGrowth = Math.max(...rounds.map(r => r.peakGrowth));
      rows.push({
        case: `1 journal, curl -T over HTTP (median of ${ROUNDS})`,
        size: `${fixed(mb(bytes), 0)} MB`,
        lines: String(rounds[0].lines),
        time: `${fixed(seconds, 2)} s`,
        'backend CPU': `${fixed(median(rounds.map(r => r.cpuSeconds)), 2)} s`,
        'intake MB/s': fixed(mb(bytes) / seconds, 0),
        'sha256sum MB/s': fixed(mb(bytes) / reference, 0),
        'ratio (goal ≥ 0.5)': fixed(ratio, 2),
        'peak RSS growth (goal ≤ 100 MB)': `${fixed(mb(peakGrowth))} MB`,
      });
      verdicts.push(
        `${fixed(mb(bytes), 0)} MB: ratio ${fixed(ratio, 3)} ${
          ratio >= GOAL_RATIO ? 'meets' : 'MISSES'
        } the goal; peak RSS growth ${fixed(mb(peakGrowth))} MB ${
          mb(peakGrowth) <= GOAL_RSS_MB ? 'meets' : 'MISSES'
        } the goal`,
      );
      fs.rmSync(file);
    }

    // Many small journals, one after another, as an inbox or a busy day would bring them.
    const pool = linePool();
    const smalls = Array.from({ length: SMALL_COUNT }, (_, n) => {
      const count = 8 + (n % 120);
      return Buffer.concat([
        Buffer.from(
          `{"d":"init ${n} ${randomBytes(4).toString('hex')}","s":"x"}\n`,
        ),
        ...Array.from(
          { length: count },
          (__, i) => pool[(n * 131 + i) % pool.length],
        ),
      ]);
    });
    const total = smalls.reduce((sum, b) => sum + b.length, 0);
    const latencies: number[] = [];
    const smallStart = performance.now();
    const { peakGrowth } = await withPeakRss(async () => {
      for (const [n, body] of smalls.entries()) {
        const t = performance.now();
        const { body: response } = await upload(
          context,
          ONE_REPLICA[n % ONE_REPLICA.length],
          body,
        );
        latencies.push(performance.now() - t);
        context.receipts.push(...response.receipts);
      }
    });
    const seconds = (performance.now() - smallStart) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[
        Math.min(latencies.length - 1, Math.floor(p * latencies.length))
      ];
    rows.push({
      case: `${SMALL_COUNT} journals, one after another`,
      size: `${fixed(mb(total), 1)} MB`,
      lines: '',
      time: `${fixed(seconds, 2)} s`,
      'intake MB/s': fixed(mb(total) / seconds, 1),
      'sha256sum MB/s': '',
      'ratio (goal ≥ 0.5)': `${fixed(
        SMALL_COUNT / seconds,
        0,
      )} uploads/s, p50 ${fixed(pct(0.5))} ms, p95 ${fixed(pct(0.95))} ms`,
      'peak RSS growth (goal ≤ 100 MB)': `${fixed(mb(peakGrowth))} MB`,
    });

    for (const phase of EXTRA_PHASES) {
      rows.push(...(await phase(context)));
    }

    process.stdout.write(
      `\nload average at the end: ${load()} (other work on the machine slows the intake, which has more to do than sha256sum, more than it slows sha256sum)\n\n`,
    );
    printTable(rows);
    process.stdout.write(`\n${verdicts.join('\n')}\n`);
    const [{ count }] = await knex('fleet_journal_receipts').count({
      count: '*',
    });
    process.stdout.write(
      `${count} receipts recorded; every upload fsyncs its blob and its folder before the row is written.\n`,
    );
  } finally {
    await backend.stop();
    await knex.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
