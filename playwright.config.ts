import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the casemanager UI: Debian's Chromium (no browser download), against the real
 * system the global setup starts (embedded Postgres, Temporal dev server, worker, the API serving the
 * built UI). One worker: the machine has two cores and the journeys share one system.
 */
export default defineConfig({
  testDir: 'test/ui',
  outputDir: 'test/ui/.resultaten',
  globalSetup: './test/ui/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--lang=nl-NL',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
