import fs from 'node:fs';
import { test, expect, Page } from '@playwright/test';
import { parse } from 'yaml';

/**
 * An SE onboards a new air-gapped customer with the "New customer deployment" template: fills
 * in the form, runs it, opens the new deployment in the catalog and on the fleet page, and
 * downloads its Helm values. Names are unique per run, so the test also passes against a
 * portal that kept an earlier run's data.
 */
const run = Date.now().toString(36);
const customer = `e2e-${run}`;
const deployment = `e2e-${run}-prod`;

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Customer fleet', exact: true }),
  ).toBeVisible();
}

/** A text field by its title (labels also name the selects that mention them). */
const field = (page: Page, name: string) =>
  page.getByRole('textbox', { name, exact: true });

async function next(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
}

test('onboarding a customer through the template puts the deployment in the catalog and the fleet', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);
  await page.goto('/create/templates/default/new-customer-deployment');

  // Customer
  await page.getByLabel('A new customer').check();
  await field(page, 'Customer id').fill(customer);
  await field(page, 'Customer name').fill(`E2E ${run}`);
  await next(page);

  // Deployment
  await field(page, 'Deployment name').fill(deployment);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('Solutions East');
  await page.getByRole('option', { name: 'Solutions East' }).click();
  await next(page);

  // Profile and chart: air-gapped (the default), a release from the fleet, a private registry
  await page.getByRole('combobox', { name: 'Chart version' }).click();
  await page.getByRole('option', { name: /^0\.42\.0 · / }).click();
  await field(page, 'Private registry host').fill('registry.e2e.internal:5000');
  await next(page);

  // Billing journals: per-replica volumes (the default), two replicas
  await page.getByRole('spinbutton', { name: 'Billing replicas' }).fill('2');
  await next(page);

  // Databases: none for this customer (the page is optional)
  await next(page);

  // Backups: NFS (the default), daily at 02:00 UTC (the default). A schedule that is
  // not cron is refused in the form's words before anything runs.
  await field(page, 'NFS server').fill('nfs.e2e.internal');
  await field(page, 'NFS path').fill('/exports/journals');
  const schedule = field(page, 'Backup schedule');
  await schedule.fill('daily');
  await next(page);
  await expect(
    page.getByText(/Backup schedule: five cron fields in UTC/).first(),
  ).toBeVisible();
  await schedule.fill('0 2 * * *');
  await next(page);

  // Load and GPUs: the sizing table of the chosen release proposes the engines for the load;
  // the SE overrides one figure and keeps the rest.
  await page
    .getByRole('spinbutton', { name: 'Expected concurrent streams' })
    .fill('8');
  await expect(
    page.getByText(
      "For 8 concurrent streams, chart 0.42.0's sizing proposes medium: 2 engine pods with 1 GPU, 16 GiB of GPU memory, 4 CPU and 24Gi memory each.",
      { exact: false },
    ),
  ).toBeVisible();
  const replicas = page.getByRole('spinbutton', { name: 'Engine replicas' });
  await expect(replicas).toHaveValue('2');
  await replicas.fill('3');
  await expect(
    page.getByRole('button', { name: 'Use the proposal' }),
  ).toBeVisible();
  await next(page);

  // License
  await field(page, 'License id').fill(`LIC-E2E-${run.toUpperCase()}`);
  await page.getByLabel('License expiry').fill('2027-03-31');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task runs the four steps and links to the new entity.
  const entityLink = page.getByRole('link', {
    name: 'Open the deployment in the catalog',
  });
  await expect(entityLink).toBeVisible({ timeout: 120_000 });
  await entityLink.click();

  // The provider emits it on the registration's event; the catalog processes it.
  // Until then the page says "Entity not found".
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByText('Generated files', { exact: true }),
    ).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });

  await expect(
    page.getByRole('button', { name: 'Download values.yaml' }),
  ).toBeVisible();
  for (const file of [
    'backup-cronjobs.yaml',
    'RUNBOOK.md',
    'collect-status.sh',
  ]) {
    await expect(
      page.getByRole('button', { name: `Download ${file}` }),
    ).toBeVisible();
  }
  await expect(
    page.getByRole('button', { name: 'Download all (.tar.gz)' }),
  ).toBeEnabled();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download values.yaml' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('values.yaml');
  const values = fs.readFileSync((await download.path())!, 'utf8');
  expect(values).toContain('deepgramLicenseSecretRef: dg-license-key');
  expect(values).toContain(
    'registry.e2e.internal:5000/deepgram/self-hosted-engine',
  );
  expect(values).not.toMatch(/[0-9a-f]{32,}/);
  const chartValues = parse(values);
  expect(chartValues.scaling.replicas.engine).toBe(3);
  expect(chartValues.engine.resources.requests).toEqual({
    gpu: 1,
    cpu: '4',
    memory: '24Gi',
  });

  // The fleet page lists it (its status was evaluated when the entity page asked for it).
  await page.goto(`/fleet?q=${deployment}`);
  await expect(
    page.getByRole('table').getByRole('link', { name: deployment }),
  ).toBeVisible();
});
