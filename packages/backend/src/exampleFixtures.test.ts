import fs from 'node:fs';
import path from 'node:path';

/*
 * The published packages test themselves on their own copies of the portal's examples, so
 * that no package reaches outside itself; this keeps the copies what the examples are, so
 * those tests still speak for the examples the portal ships.
 */

const root = path.resolve(__dirname, '../../..');

const copies: Record<string, string[]> = {
  'plugins/fleet-common/src/__fixtures__': [
    'fleet/deployments.yaml',
    'releases/CHANGELOG.md',
    'releases/index.yaml',
    'releases/policy.yaml',
    'reports/harbor-trust-bank-prod.status-report.json',
  ],
  'plugins/fleet-backend/src/__fixtures__': [
    'fleet/customers.yaml',
    'fleet/deployments.yaml',
    'releases/index.yaml',
    'releases/policy.yaml',
    'reports/harbor-trust-bank-prod.status-report.json',
  ],
};

describe('the packages’ copies of the examples', () => {
  it.each(
    Object.entries(copies).flatMap(([dir, files]) =>
      files.map(file => [dir, file]),
    ),
  )('%s holds examples/%s as it is', (dir, file) => {
    const read = (at: string) => fs.readFileSync(path.join(root, at), 'utf8');
    expect(read(path.join(dir, file))).toBe(read(path.join('examples', file)));
  });

  it('copies every example deployment file the backend reads', () => {
    expect(fs.readdirSync(path.join(root, 'examples/fleet')).sort()).toEqual(
      fs
        .readdirSync(
          path.join(root, 'plugins/fleet-backend/src/__fixtures__/fleet'),
        )
        .sort(),
    );
  });
});
