import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

/** The repository root, where `examples/` lives. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export const EXAMPLE_RELEASE_INDEX = path.join(
  REPO_ROOT,
  'examples/releases/index.yaml',
);
export const EXAMPLE_RELEASE_POLICY = path.join(
  REPO_ROOT,
  'examples/releases/policy.yaml',
);

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

/** The entities of `examples/fleet/*.yaml`, with relative license dates resolved. */
export function loadExampleEntities(now: Date = new Date()): Entity[] {
  const dir = path.join(REPO_ROOT, 'examples/fleet');
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
