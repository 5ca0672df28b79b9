import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test as base, waitForApp, waitForServiceWorker } from './support';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/**
 * The built app on a server of the test's own, whose next deployment the test decides (the
 * browser fetches a service worker update outside Playwright's request routing, so it cannot be
 * faked with `route`).
 */
interface Deployment {
  readonly url: string;
  /** Serves a service worker that differs by one comment: a new version, to the browser. */
  deployNewVersion(): void;
}

const test = base.extend<{ deployment: Deployment }, { server: { url: string; state: { version: number } } }>({
  server: [
    // Playwright reads a fixture's dependencies from this pattern: an empty one is how it says "none".
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const state = { version: 1 };
      const server: Server = createServer((request, response) => {
        let file = path.join(DIST, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
        if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(DIST, 'index.html');
        let body = readFileSync(file);
        if (path.basename(file) === 'sw.js') body = Buffer.concat([body, Buffer.from(`\n// version ${state.version}\n`)]);
        response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        response.end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await use({ url, state });
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  deployment: async ({ server }, use) => {
    server.state.version = 1;
    await use({ url: server.url, deployNewVersion: () => void (server.state.version += 1) });
  },
});

test.use({ locale: 'en-US' });

const mark = (page: Page, value: number | null) =>
  page.evaluate((v) => ((window as unknown as { pulsoMark: number | null }).pulsoMark = v), value);
const markOf = (page: Page) => page.evaluate(() => (window as unknown as { pulsoMark?: number | null }).pulsoMark);

test('a new version is announced, and applied only when the user says so', async ({ page, deployment }) => {
  await page.goto('/');
  await waitForApp(page);
  await waitForServiceWorker(page);

  // A reload would clear this mark.
  await mark(page, 1);
  deployment.deployNewVersion();
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

  const prompt = page.getByRole('status').filter({ hasText: 'A new version of Pulso is ready. Reload now?' });
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  // The new version waits, and the page stays as it is: the user may be in the middle of something.
  await page.waitForTimeout(2_000);
  expect(await markOf(page)).toBe(1);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');

  // "Later" hides the question and changes nothing.
  await prompt.getByRole('button', { name: 'Later' }).click();
  await expect(prompt).toHaveCount(0);
  expect(await markOf(page)).toBe(1);

  // At the next visit the waiting version is offered again; "Reload" switches to it.
  await page.reload();
  await waitForApp(page);
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  await mark(page, 2);
  await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
  await waitForApp(page);
  expect(await markOf(page)).toBeUndefined();
  await expect
    .poll(() => page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return r?.waiting === null && r?.active?.state === 'activated';
    }))
    .toBe(true);
  await expect(prompt).toHaveCount(0);
});
