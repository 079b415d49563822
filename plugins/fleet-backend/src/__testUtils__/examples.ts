import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import type { StatusReport } from '@fleetdeck/plugin-fleet-common';
import { parseAllDocuments } from 'yaml';

/**
 * The package's copy of the portal's examples (`examples/fleet`, `releases` and `reports` at the
 * repository root), so that its tests need nothing outside it; the portal's tests check that
 * the two agree.
 */
export const FIXTURES_DIR = path.resolve(__dirname, '../__fixtures__');

export const EXAMPLE_RELEASE_INDEX = path.join(
  FIXTURES_DIR,
  'releases/index.yaml',
);
export const EXAMPLE_RELEASE_POLICY = path.join(
  FIXTURES_DIR,
  'releases/policy.yaml',
);

/**
 * The status report of the example deployment `harbor-trust-bank-prod`: 4 engine pods × 2
 * H100s on one 8-GPU node, chart 0.40.2.
 */
export const EXAMPLE_STATUS_REPORT = path.join(
  FIXTURES_DIR,
  'reports/harbor-trust-bank-prod.status-report.json',
);

/** The example status report, parsed. */
export function exampleReport(): StatusReport {
  return JSON.parse(fs.readFileSync(EXAMPLE_STATUS_REPORT, 'utf8'));
}

/** `{ $daysFromNow: N }` → the UTC date N days after `now`, as the catalog placeholder does. */
function resolvePlaceholders(value: unknown, now: Date): unknown {
  if (Array.isArray(value)) {
    return value.map(item => resolvePlaceholders(item, now));
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$daysFromNow') {
      const days = record.$daysFromNow as number;
      return new Date(
        Date.UTC(
          now.getUTCFullYear(),
          now.getUTCMonth(),
          now.getUTCDate() + days,
        ),
      )
        .toISOString()
        .slice(0, 10);
    }
    return Object.fromEntries(
      keys.map(key => [key, resolvePlaceholders(record[key], now)]),
    );
  }
  return value;
}

/** The example entities (`examples/fleet/*.yaml`), with relative license dates resolved. */
export function loadExampleEntities(now: Date = new Date()): Entity[] {
  const dir = path.join(FIXTURES_DIR, 'fleet');
  return fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .flatMap(file =>
      parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map(
        doc => resolvePlaceholders(doc.toJS(), now) as Entity,
      ),
    )
    .filter(Boolean);
}
