import { test, expect, type Page } from '@playwright/test';

/**
 * The local portal's example people under the shipped policy (examples/rbac/): the guest is the
 * platform admin, the billing analyst reads journals and uploads none.
 */
const sidebarLink = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true });

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
  // A fresh portal: wait until the catalog has read the example organisation and fleet.
  const guest = await request.post('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const { token } = (await guest.json()).backstageIdentity;
  for (const entity of [
    'group/default/billing',
    'customerdeployment/default/harbor-trust-bank-staging',
  ]) {
    await expect
      .poll(async () =>
        (
          await request.get(`/api/catalog/entities/by-name/${entity}`, {
            headers: { Authorization: `Bearer ${token}` },
          })
        ).status(),
      )
      .toBe(200);
  }

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
