import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { create } from 'tar';

/**
 * harbor-trust-bank-staging returns journals of two billing replicas every 30 days and the
 * example fleet has them 40 days old: overdue. An SE uploads the archive the backup CronJob
 * writes for a shared volume, and the fleet page shows the deployment fresh again.
 */
const deployment = 'harbor-trust-bank-staging';
const title = 'Harbor Trust Bank — staging';

async function backupArchive(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetdeck-e2e-journal-'));
  for (const pod of ['deepgram-billing-0', 'deepgram-billing-1']) {
    fs.mkdirSync(path.join(dir, `journal-${pod}`));
    const lines = [
      { d: { event: 'init', pod }, s: 'a1' },
      { d: { event: 'usage', seconds: 5400, model: 'nova-3' }, s: 'b2' },
      { d: { event: 'usage', seconds: 1200, model: 'aura-2' }, s: 'c3' },
    ];
    fs.writeFileSync(
      path.join(dir, `journal-${pod}`, 'journal'),
      `${lines.map(line => JSON.stringify(line)).join('\n')}\n`,
    );
  }
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .slice(0, 15);
  const file = path.join(dir, `journal-${stamp}.tar.gz`);
  await create({ gzip: true, file, cwd: dir }, [
    'journal-deepgram-billing-0',
    'journal-deepgram-billing-1',
  ]);
  return file;
}

test('uploading the journals of an overdue deployment turns it fresh on the fleet page', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Customer fleet', exact: true }),
  ).toBeVisible();

  const row = () =>
    page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: title, exact: true }) });

  await page.goto('/fleet');
  await expect(row().getByText('Overdue', { exact: true })).toBeVisible();

  await page.goto(`/catalog/default/customerdeployment/${deployment}/journals`);
  await page.getByRole('button', { name: 'Upload journals' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Journal files').setInputFiles(await backupArchive());
  await dialog.getByRole('button', { name: /^Upload \d+ files?$/ }).click();
  await expect(dialog.getByText('deepgram-billing-0').first()).toBeVisible();
  await expect(dialog.getByText('deepgram-billing-1').first()).toBeVisible();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  await page.goto('/fleet');
  await expect(row().getByText('Fresh', { exact: true })).toBeVisible();
});
