import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests on Debian's Chromium against the production build (`vite preview`): the
 * service worker, the precache and offline behaviour only exist there. `npm run test:e2e` builds
 * first; `npx playwright test` alone serves whatever is in dist/.
 */
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `The end-to-end tests need Debian's Chromium at ${CHROMIUM}, and it is not there.\n` +
      'Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n' +
      "(Playwright's own browser download does not work on these machines: do not run `npx playwright install`.)",
  );
}
if (!existsSync('dist/index.html')) {
  throw new Error('dist/ has no build to test: run `npm run test:e2e` (it builds first), or `npm run build` before `npx playwright test`.');
}

// E2E_PORT lets two checkouts run their end-to-end tests at once.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const ORIGIN = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // Two cores: one browser per core, and the preview server beside them.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The JSON report feeds the tally line .ci/run prints.
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }], ...(process.env.CI ? [['html', { open: 'never', outputFolder: 'playwright-report' }] as const] : [])],
  use: {
    baseURL: ORIGIN,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    { name: 'tablet', use: { viewport: { width: 1024, height: 768 }, hasTouch: true } },
    { name: 'phone', use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } },
  ],
  webServer: {
    // Not through npx: that leaves a chain of processes behind (STACK.md).
    command: `node node_modules/vite/bin/vite.js preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: ORIGIN,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
