import { test, expect, Page } from '@playwright/test';
import { exampleDeployments as deployments, titleOf } from './exampleFleet';

/** Example licenses are `{ $daysFromNow: N }`: expired exactly when N < 0. */
const expired = deployments.filter(d => {
  const expiresAt = d.spec.license?.expiresAt as { $daysFromNow?: number };
  return (expiresAt?.$daysFromNow ?? 0) < 0;
});

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Customer fleet', exact: true }),
  ).toBeVisible();
}

const deploymentLinks = (page: Page) =>
  page.getByRole('table').locator('a[href*="/customerdeployment/"]');

test('the fleet page shows every example deployment with its signals', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Customer fleet', exact: true })
    .click();

  await expect(
    page.getByText(`Deployments (${deployments.length})`),
  ).toBeVisible();
  for (const deployment of deployments) {
    await expect(
      page
        .getByRole('table')
        .getByRole('link', { name: titleOf(deployment), exact: true }),
    ).toBeVisible();
  }
  await expect(deploymentLinks(page)).toHaveCount(deployments.length);
});

test('a tile filters the table to exactly as many deployments as it counts', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/fleet');
  await expect(
    page.getByText(`Deployments (${deployments.length})`),
  ).toBeVisible();

  for (const tile of [/Licenses expired or missing/, /Upgrades blocked/]) {
    const button = page.getByRole('button', { name: tile });
    const count = Number(
      (await button.innerText()).match(/^\s*(\d+)/)?.[1] ?? Number.NaN,
    );
    expect(count).toBeGreaterThan(0);
    await button.click();
    await expect(page.getByText(`Deployments (${count})`)).toBeVisible();
    await expect(deploymentLinks(page)).toHaveCount(count);
    await page.getByRole('button', { name: /clear filters/i }).click();
    await expect(
      page.getByText(`Deployments (${deployments.length})`),
    ).toBeVisible();
  }
});

test('license=expired in the URL shows exactly the expired examples', async ({
  page,
}) => {
  expect(expired.length).toBeGreaterThan(0);
  await signInAsGuest(page);
  await page.goto('/fleet?license=expired');

  await expect(page.getByText(`Deployments (${expired.length})`)).toBeVisible();
  await expect(deploymentLinks(page)).toHaveCount(expired.length);
  for (const deployment of expired) {
    await expect(
      page
        .getByRole('table')
        .getByRole('link', { name: titleOf(deployment), exact: true }),
    ).toBeVisible();
  }
});

test('a deployment shows its upgrade checks with messages and fixes', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(
    '/catalog/default/customerdeployment/harbor-trust-bank-prod/fleet',
  );

  await expect(page.getByText('Upgrade readiness')).toBeVisible();
  for (const check of [
    'Target release',
    'Kubernetes version',
    'License',
    'Billing journals',
    'GPU capacity',
    'Features',
    'Values keys',
    'Required values',
    'Upgrade path',
    'Update bundle',
    'Database backup',
  ]) {
    await expect(page.getByText(check, { exact: true }).last()).toBeVisible();
  }
  // The third billing replica never returned a journal: the upgrade is blocked until it does.
  await expect(
    page.getByText('deepgram-billing-2 has never returned a journal'),
  ).toBeVisible();
  await expect(page.getByText(/^Fix: /).first()).toBeVisible();
  // The 0.42.0 bundle was handed out, but the site has not reported its checksums yet.
  await expect(
    page.getByText(
      /the update bundle for 0\.42\.0 handed out .* has not been verified on site yet/,
    ),
  ).toBeVisible();
});
