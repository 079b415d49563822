import {
  test,
  expect,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import {
  exampleDeployments as deployments,
  titleOf,
  type ExampleDeployment,
} from './exampleFleet';

const ownedBySolutionsEast = (d: ExampleDeployment) =>
  d.spec.owner.replace(/^group:(default\/)?/, '') === 'solutions-east';

/**
 * The local portal's example people under the shipped policy (examples/rbac/): the guest is the
 * platform admin, the billing analyst reads journals and uploads none.
 */
const sidebarLink = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true });

/** The guest's token, for reading the portal's APIs as the platform admin. */
async function guestToken(request: APIRequestContext): Promise<string> {
  const guest = await request.post('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await guest.json()).backstageIdentity.token;
}

/**
 * A fresh portal: waits until the catalog has read each entity — and, for a person, her teams,
 * since sign-in takes her ownership refs (and so what the policy grants her) from those.
 */
async function waitForCatalog(request: APIRequestContext, entities: string[]) {
  const token = await guestToken(request);
  for (const entity of entities) {
    await expect
      .poll(async () => {
        const response = await request.get(
          `/api/catalog/entities/by-name/${entity}`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        if (!response.ok()) return false;
        const relations: { type: string }[] =
          (await response.json()).relations ?? [];
        return (
          !entity.startsWith('user/') ||
          relations.some(relation => relation.type === 'memberOf')
        );
      })
      .toBe(true);
  }
}

/**
 * A fresh portal: waits until the fleet has evaluated every example deployment (it reads the
 * catalog every 30 s, so a larger catalog shows in the fleet a refresh later), so a person's
 * list is complete when she opens it.
 */
async function waitForFleet(request: APIRequestContext) {
  const token = await guestToken(request);
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/fleet/deployments?limit=500', {
          headers: { Authorization: `Bearer ${token}` },
        });
        return response.ok() ? (await response.json()).totalCount : 0;
      },
      { timeout: 90_000 },
    )
    // at least: a portal kept from an earlier run also lists what its onboarding test added
    .toBeGreaterThanOrEqual(deployments.length);
}

test('scripts signing in through the guest provider are the platform admin', async ({
  request,
}) => {
  const refresh = await request.post('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.ok()).toBe(true);
  const { identity, token } = (await refresh.json()).backstageIdentity;
  expect(identity.userEntityRef).toBe('user:default/sam.adeyemi');

  // Only a platform admin may trigger the fleet's tasks; the policy knows Sam's team once the
  // catalog has read the example organisation.
  await expect
    .poll(async () => {
      const answer = await request.post('/api/permission/authorize', {
        headers: { Authorization: `Bearer ${token}` },
        data: {
          items: [
            {
              id: '1',
              permission: {
                type: 'basic',
                name: 'fleet.task.trigger',
                attributes: { action: 'update' },
              },
            },
          ],
        },
      });
      return (await answer.json()).items?.[0]?.result;
    })
    .toBe('ALLOW');
});

test('the billing analyst signs in from the sign-in page, reads the journals and may not upload', async ({
  page,
  request,
}) => {
  await waitForCatalog(request, [
    'user/default/rosa.lindqvist',
    'group/default/billing',
    'customerdeployment/default/harbor-trust-bank-staging',
  ]);

  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in as Rosa Lindqvist' }).click();
  await expect(sidebarLink(page, 'Customer fleet')).toBeVisible();

  // A reload signs in as the same person again.
  await page.goto(
    '/catalog/default/customerdeployment/harbor-trust-bank-staging/journals',
  );
  await expect(
    page.getByRole('button', { name: 'Upload journals' }).first(),
  ).toBeDisabled();
  await expect(
    page.getByText(/You are not allowed to upload journals/),
  ).toBeVisible();
  // She may read the history (the example fleet has no receipts yet), so no refusal is shown.
  await expect(page.getByText('No journals received yet')).toBeVisible();
  await expect(page.getByText(/You may not/)).toHaveCount(0);
});

test('an SE of solutions-east sees only the deployments her team owns, and is told why another is closed to her', async ({
  page,
  request,
}) => {
  const own = deployments.filter(ownedBySolutionsEast);
  const other = deployments.find(d => !ownedBySolutionsEast(d))!;
  expect(own.length).toBeGreaterThan(0);

  await waitForCatalog(request, [
    'user/default/priya.raman',
    `customerdeployment/default/${other.metadata.name}`,
  ]);
  await waitForFleet(request);

  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in as Priya Raman' }).click();
  await sidebarLink(page, 'Customer fleet').click();

  // The list and its count hold her team's deployments only.
  await expect(page.getByText(`Deployments (${own.length})`)).toBeVisible();
  for (const deployment of own) {
    await expect(
      page
        .getByRole('table')
        .getByRole('link', { name: titleOf(deployment), exact: true }),
    ).toBeVisible();
  }
  await expect(
    page
      .getByRole('table')
      .getByRole('link', { name: titleOf(other), exact: true }),
  ).toHaveCount(0);

  // Another team's deployment: the catalog shows it, the fleet tab says why it shows nothing.
  await page.goto(
    `/catalog/default/customerdeployment/${other.metadata.name}/fleet`,
  );
  await expect(
    page
      .getByText(/You may not .*fleet\.deployment\.read is not granted to you/)
      .first(),
  ).toBeVisible();
});
