import { defineConfig } from '@playwright/test';

const port = Number(process.env.FLEETDECK_E2E_PORT ?? 7017);
const baseURL = process.env.PLAYWRIGHT_URL ?? `http://localhost:${port}`;

/**
 * Browser tests drive Debian's Chromium (Playwright cannot download browsers here) against the
 * production build served by a freshly started backend; see scripts/e2e-portal.sh.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env.FLEETDECK_E2E_REPORT ?? '.data/reports/e2e.json',
      },
    ],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  // Screenshots and traces of failures are kept here (git-ignored).
  outputDir: 'test-results/e2e',
  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          command: 'bash scripts/e2e-portal.sh',
          url: `${baseURL}/.backstage/health/v1/readiness`,
          reuseExistingServer: !process.env.CI,
          timeout: 600_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      ],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.FLEETDECK_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
