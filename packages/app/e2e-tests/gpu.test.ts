import fs from 'node:fs';
import path from 'node:path';
import { test, expect, Page } from '@playwright/test';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Customer fleet', exact: true }),
  ).toBeVisible();
}

/** The GPU card of a deployment's Fleet tab. */
function gpuCard(page: Page) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('GPU capacity', { exact: true }) })
    .filter({ has: page.getByText('Allocatable, requested and needed') });
}

test('a connected deployment shows its live GPU snapshot: figures, nodes and state', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(
    '/catalog/default/customerdeployment/brightline-contact-prod/fleet',
  );

  const card = gpuCard(page);
  await expect(card.getByText(/^Source: Live cluster, snapshot/)).toBeVisible();
  await expect(
    card.getByRole('meter', {
      name: 'All schedulable nodes, nvidia.com/gpu: 8 requested · 12 allocatable · 8 needed',
    }),
  ).toBeVisible();
  await expect(
    card.getByText('8 requested · 12 allocatable · 8 needed'),
  ).toBeVisible();
  const nodes = card.getByRole('table', { name: 'GPU nodes' });
  await expect(nodes.getByRole('row')).toHaveCount(5);
  await expect(
    nodes.getByRole('row').filter({ hasText: 'ip-10-20-4-34.ec2.internal' }),
  ).toContainText('Not schedulable: cordoned');
});

test('a deployment with GPUs enough in total but on no one node is tight, and the reason names each node’s free GPUs', async ({
  page,
}) => {
  await signInAsGuest(page);
  // lumen-captions-dubbing: 2 GPUs per engine pod, three nodes with 1 free each
  // (examples/observations.yaml)
  await page.goto(
    '/catalog/default/customerdeployment/lumen-captions-dubbing/fleet',
  );

  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('GPU capacity', { exact: true }) })
    .filter({ has: page.getByText(/^Source: /) });
  await expect(card.getByText('Tight', { exact: true })).toBeVisible();
  await expect(
    card.getByText(
      /^no node has 2 free nvidia\.com\/gpu .*; free: gke-lumen-dubbing-a100-pool-a1 1, gke-lumen-dubbing-a100-pool-a2 1, gke-lumen-dubbing-a100-pool-a3 1/,
    ),
  ).toBeVisible();
});

test('an air-gapped deployment shows the GPUs of the status report it sent', async ({
  page,
}) => {
  await signInAsGuest(page);

  // The collector's report, sent as the customer's process would (a fresh one, so that it is
  // newer than the example's seeded observations).
  const report = JSON.parse(
    fs.readFileSync(
      path.resolve(
        __dirname,
        '../../../examples/reports/harbor-trust-bank-prod.status-report.json',
      ),
      'utf8',
    ),
  );
  const generatedAt = new Date(Date.now() - 60_000);
  generatedAt.setUTCSeconds(0, 0);
  report.metadata.generatedAt = generatedAt.toISOString();
  const guest = await page.request.post('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const token = (await guest.json()).backstageIdentity.token as string;
  const sent = await page.request.post(
    '/api/fleet/deployments/default/harbor-trust-bank-prod/reports',
    { data: report, headers: { Authorization: `Bearer ${token}` } },
  );
  expect(sent.status()).toBe(201);
  expect((await sent.json()).gpu.status).toBe('tight');

  await page.goto(
    '/catalog/default/customerdeployment/harbor-trust-bank-prod/fleet',
  );
  const card = gpuCard(page);
  const stamp = `${report.metadata.generatedAt.slice(
    0,
    10,
  )} ${report.metadata.generatedAt.slice(11, 16)} UTC`;
  await expect(
    card.getByText(`Source: Status report of ${stamp}`, { exact: false }),
  ).toBeVisible();
  await expect(card.getByText('Tight', { exact: true })).toBeVisible();
  await expect(
    card.getByText('8 requested · 8 allocatable · 8 needed'),
  ).toBeVisible();
  await expect(
    card
      .getByRole('table', { name: 'GPU nodes' })
      .getByRole('row')
      .filter({ hasText: 'ip-10-40-12-7.ec2.internal' }),
  ).toContainText('NVIDIA-H100-80GB-HBM3');
  await expect(card.getByRole('alert')).toContainText(
    'No room for one more engine pod (2 GPUs)',
  );
});
