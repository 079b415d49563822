import { test, expect, Page } from '@playwright/test';
import {
  exampleDeployments as deployments,
  type ExampleDeployment,
} from './exampleFleet';

const sidebarLink = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true });

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(sidebarLink(page, 'Catalog')).toBeVisible();
}

test('the catalog API lists every example deployment for a guest', async ({
  request,
}) => {
  const refresh = await request.post('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const token = (await refresh.json()).backstageIdentity.token;
  await expect
    .poll(
      async () => {
        const response = await request.get(
          '/api/catalog/entities/by-query?filter=kind=customerdeployment&limit=500',
          { headers: { Authorization: `Bearer ${token}` } },
        );
        const body = await response.json();
        return (body.items as ExampleDeployment[])
          .map(e => e.metadata.name)
          .sort();
      },
      { timeout: 90_000 },
    )
    .toEqual(deployments.map(d => d.metadata.name).sort());
});

test('an SE finds every deployment in the catalog and opens its overview', async ({
  page,
}) => {
  await signInAsGuest(page);
  await sidebarLink(page, 'Catalog').click();
  await page.getByLabel('Kind', { exact: true }).getByRole('button').click();
  await page.getByRole('option', { name: /^CustomerDeployment$/i }).click();
  await page.getByRole('menuitem', { name: /^All/ }).click();

  const table = page.getByRole('table');
  for (const deployment of deployments) {
    await expect(
      table.getByRole('link', {
        name: deployment.metadata.title ?? deployment.metadata.name,
        exact: true,
      }),
    ).toBeVisible();
  }

  const chosen = deployments.find(d => d.spec.profile === 'airgapped')!;
  await table
    .getByRole('link', {
      name: chosen.metadata.title ?? chosen.metadata.name,
      exact: true,
    })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/customerdeployment/${chosen.metadata.name}`),
  );
  await expect(page.getByText('Air-gapped').first()).toBeVisible();
  await expect(page.getByText(chosen.spec.chart.version).first()).toBeVisible();
});

test('a connected deployment links to its customer, which lists its deployments, and has a Kubernetes tab', async ({
  page,
}) => {
  const connected = deployments.find(d => d.spec.profile === 'connected')!;
  const siblings = deployments.filter(
    d => d.spec.customer === connected.spec.customer,
  );
  await signInAsGuest(page);
  await page.goto(
    `/catalog/default/customerdeployment/${connected.metadata.name}`,
  );

  await expect(
    page.getByRole('link', { name: 'Kubernetes', exact: true }),
  ).toBeVisible();
  // The overview card's Customer line links to the customer's page.
  await page
    .locator(`a[href$="/customer/${connected.spec.customer}"]`)
    .first()
    .click();

  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/customer/${connected.spec.customer}$`),
  );
  const table = page.getByRole('table');
  for (const sibling of siblings) {
    await expect(
      table.getByRole('link', {
        name: sibling.metadata.title ?? sibling.metadata.name,
        exact: true,
      }),
    ).toBeVisible();
  }
});
