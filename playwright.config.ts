import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Browser e2e: the built renderer in Debian's Chromium (or NTK_CHROMIUM, or
 * Playwright's own browser where one is installed). Never downloads a browser.
 */
const chromium = [process.env.NTK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  timeout: 60_000,
  use: {
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', testIgnore: /electron-smoke/ }, { name: 'electron', testMatch: /electron-smoke/ }],
});
