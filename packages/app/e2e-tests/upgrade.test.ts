import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { test, expect, Page } from '@playwright/test';
import { parse } from 'yaml';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Customer fleet', exact: true }),
  ).toBeVisible();
}

/** The names of the files in a tar archive (ustar headers: the name in the first 100 bytes). */
function tarEntries(tar: Buffer): Map<string, string> {
  const entries = new Map<string, string>();
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) {
      break;
    }
    const prefix = header
      .subarray(345, 500)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8'), 8) || 0;
    const body = tar.subarray(offset + 512, offset + 512 + size);
    entries.set(prefix ? `${prefix}/${name}` : name, body.toString('utf8'));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/**
 * An SE plans an air-gapped deployment's upgrade with the "Plan an upgrade" template, follows
 * its link to the deployment's Upgrade tab and downloads the plan: UPGRADE.md with the helm
 * upgrade from the update bundle's chart, the values migrated from those onboarding generated,
 * the release notes and the collector.
 */
test('"Plan an upgrade" renders the plan of an example deployment, and its Upgrade tab downloads it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await page.goto('/create/templates/default/plan-upgrade');

  const deployment = page.getByRole('textbox', { name: 'Deployment' });
  await deployment.click();
  await deployment.fill('northwind');
  await page
    .getByRole('option', { name: /Northwind Health — production/ })
    .click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The template's summary names the path; its link opens the Upgrade tab for the target.
  const link = page.getByRole('link', {
    name: "Open the deployment's Upgrade tab (the plan and its files)",
  });
  await expect(link).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(/0\.41\.1 → 0\.42\.0/).first()).toBeVisible();
  await link.click();

  await expect(page).toHaveURL(
    /\/catalog\/default\/customerdeployment\/northwind-health-prod\/upgrade\?target=0\.42\.0/,
  );
  await expect(page.getByText('Upgrade plan', { exact: true })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download plan (.tar.gz)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.tar\.gz$/);
  const files = new Map(
    [
      ...tarEntries(
        gunzipSync(fs.readFileSync((await download.path())!)),
      ).entries(),
    ].map(([name, content]) => [name.replace(/^[^/]*\//, ''), content]),
  );
  expect([...files.keys()]).toEqual(
    expect.arrayContaining([
      'UPGRADE.md',
      'values/0.42.0.yaml',
      'RELEASE-NOTES.md',
      'collect-status.sh',
    ]),
  );
  const upgrade = files.get('UPGRADE.md')!;
  expect(upgrade).toContain(
    'helm upgrade deepgram charts/deepgram-self-hosted-0.42.0.tgz --version 0.42.0',
  );
  expect(upgrade).toContain('sh verify-bundle.sh');
  const values = parse(files.get('values/0.42.0.yaml')!);
  expect(values.scaling.replicas.engine).toBe(6);
  expect(values.global.deepgramLicenseSecretRef).toBe('dg-license-key');
});

/**
 * The Upgrade tab says what an upgrade still needs: the releases a long way passes over (the
 * known-bad one named), the update bundles with their checks, the latest backup per database.
 */
test("the Upgrade tab lists a deployment's skipped releases, update bundles and backups", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(
    '/catalog/default/customerdeployment/northwind-health-prod/upgrade',
  );
  // The bundle handed out and verified on site, in the bundles table itself.
  const bundles = page.getByTestId('bundle-list');
  await expect(
    bundles.getByRole('row').filter({ hasText: '0.42.0' }).filter({
      hasText: 'Verified',
    }),
  ).toBeVisible();
  // Last night's dump of its database, kept 30 days.
  const backups = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Latest backup' }) });
  await expect(
    backups.getByRole('row').filter({ hasText: 'transcripts-db' }).filter({
      hasText: '30 days',
    }),
  ).toBeVisible();

  await page.goto(
    '/catalog/default/customerdeployment/cascadia-courts-prod/upgrade',
  );
  const skipped = page.getByRole('region', { name: 'Skipped versions' });
  await expect(skipped.getByText('0.40.2', { exact: true })).toBeVisible();
  await expect(skipped.getByText(/known-bad/).first()).toBeVisible();
  // Its bundle failed the site's check; the table names the damaged file.
  await expect(
    page
      .getByTestId('bundle-list')
      .getByRole('row')
      .filter({ hasText: 'Failed' })
      .filter({ hasText: 'images/engine-release-260812.tar' }),
  ).toBeVisible();
});
