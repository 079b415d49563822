import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A CustomerDeployment of examples/fleet/deployments.yaml, as far as the specs read it. */
export type ExampleDeployment = {
  metadata: { name: string; title?: string };
  spec: {
    customer: string;
    owner: string;
    profile: string;
    chart: { version: string };
    /** `{ $daysFromNow: N }` in the examples, resolved by the portal at load time. */
    license?: { expiresAt: unknown };
  };
};

/** The example fleet the portal loads: what the specs expect to see, read from the source. */
export const exampleDeployments: ExampleDeployment[] = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../examples/fleet/deployments.yaml'),
    'utf8',
  ),
)
  .map(document => document.toJSON())
  .filter(Boolean);

/** What the fleet page and the catalog show a deployment as. */
export const titleOf = (d: ExampleDeployment) =>
  d.metadata.title ?? d.metadata.name;
