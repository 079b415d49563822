import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import { resolveDaysFromNow } from '../modules/relativeDates';

/** The repository's examples/: the example fleet the portal starts with. */
export const EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples');

/** `{ $daysFromNow: N }` becomes the date N days after `now`, as the catalog resolves it. */
function resolvePlaceholders(value: unknown, now: Date): unknown {
  if (Array.isArray(value)) {
    return value.map(item => resolvePlaceholders(item, now));
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === '$daysFromNow') {
      return resolveDaysFromNow(entries[0][1], now);
    }
    return Object.fromEntries(
      entries.map(([key, item]) => [key, resolvePlaceholders(item, now)]),
    );
  }
  return value;
}

/** The entities of one file of examples/, as the catalog reads them on the day `now`. */
export function loadExampleEntities(file: string, now: Date): Entity[] {
  const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
  return parseAllDocuments(text)
    .map(document => document.toJSON())
    .filter(Boolean)
    .map(entity => resolvePlaceholders(entity, now) as Entity);
}
