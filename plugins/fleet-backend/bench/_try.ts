import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBenchBackend } from './backend';
import { loadExampleEntities, EXAMPLE_RELEASE_INDEX, EXAMPLE_RELEASE_POLICY } from '../src/__testUtils__/examples';

async function main() {
  const SIZE = Number(process.env.N ?? 10000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-'));
  const pg = process.env.PGCONN;
  const t0 = Date.now();
  const b = await startBenchBackend({
    database: pg ? { client: 'pg', connection: pg, prefix: `fbtry_${process.pid}_` } : { client: 'better-sqlite3', connection: { directory: dir } },
    releases: { index: EXAMPLE_RELEASE_INDEX, policy: EXAMPLE_RELEASE_POLICY },
  });
  console.log('started', Date.now() - t0, b.baseUrl);
  const templates = loadExampleEntities(new Date()).filter(e => e.kind === 'CustomerDeployment');
  const entities = Array.from({ length: SIZE }, (_, i) => {
    const t = templates[i % templates.length];
    return { ...t, metadata: { name: `${t.metadata.name}-${String(i).padStart(5, '0')}`, namespace: 'default' } };
  });
  const t1 = Date.now();
  await b.provideEntities(entities as any);
  console.log('mutation', Date.now() - t1);
  const db = await b.catalogDb();
  for (;;) {
    const r = await b.getJson('/api/catalog/entities/by-query?filter=kind=customerdeployment&limit=1');
    const [{ c }] = await db('stitch_queue').count({ c: '*' });
    const [{ p }] = await db('refresh_state').where('result_hash', null).count({ p: '*' }).catch(() => [{ p: '?' }]);
    console.log(((Date.now() - t1) / 1000).toFixed(1), r.totalItems, 'stitchq', c, 'unprocessed', p, b.logs.warnings, b.logs.errors);
    if (r.totalItems >= SIZE && Number(c) === 0) break;
    await new Promise(res => setTimeout(res, 2000));
  }
  console.log(b.logs.first);
  const t = Date.now();
  for (let i = 0; i < 20; i++) await b.getJson('/api/catalog/entities/by-query?filter=kind=customerdeployment,spec.profile=airgapped&orderField=metadata.name,asc&limit=50');
  console.log('20 pages', Date.now() - t);
  console.log(JSON.stringify(await b.getJson('/api/catalog/entity-facets?facet=spec.profile&filter=kind=customerdeployment')));
  console.log(JSON.stringify(await b.getJson('/api/fleet/.backstage/scheduler/v1/tasks')));
  await b.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
main().then(() => { console.log('done'); }, e => { console.error(e); process.exit(1); });
