import { checkA11y, expect, shot, test, waitForApp, waitForServiceWorker } from './support';

test.use({ locale: 'en-US' });

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1'), 'PNG signature').toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}


test('the manifest is served, linked, and its icons are the PNGs it declares', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', /^#[0-9a-f]{6}$/i);

  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
  expect(manifest).toMatchObject({
    name: 'Pulso — customer health',
    short_name: 'Pulso',
    lang: 'en',
    start_url: './',
    scope: './',
    display: 'standalone',
  });
  expect(manifest.description).toEqual(expect.any(String));
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

  const declared = manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`).sort();
  expect(declared).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) {
    const image = await request.get(new URL(icon.src, response.url()).href);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()['content-type'], icon.src).toBe('image/png');
    expect(icon.type).toBe('image/png');
    expect(pngSize(await image.body()), icon.src).toBe(icon.sizes);
  }

  for (const selector of ['link[rel="icon"]', 'link[rel="apple-touch-icon"]']) {
    const href = await page.locator(selector).getAttribute('href');
    expect(href, selector).toBeTruthy();
    expect((await request.get(href ?? '')).status(), `${selector} ${href}`).toBe(200);
  }
  expect(pngSize(await (await request.get('/icons/apple-touch-icon.png')).body())).toBe('180x180');
});

test('the service worker takes control, Chromium finds the app installable, and the app works offline', async ({ page, context, requests }) => {
  await page.goto('/');
  await waitForApp(page);
  await waitForServiceWorker(page);

  // The request log sees the service worker's own fetches (the precache), so the off-host check covers them.
  expect(requests.all.filter((r) => r.serviceWorker() !== null).length, 'service-worker requests seen').toBeGreaterThan(0);

  const cdp = await context.newCDPSession(page);
  const { errors: manifestErrors } = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[] };
  expect(manifestErrors.map((e) => e.message)).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are off-the-record profiles, where Chromium never offers to install.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  await cdp.detach();

  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText ?? '?'}`));
  await context.setOffline(true);
  try {
    await page.reload();
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);

    // A deep link opened in a fresh document, offline: the hash route…
    await page.goto('about:blank');
    await page.goto('/#/customers');
    await waitForApp(page);
    expect(new URL(page.url()).hash).toBe('#/customers');
    // …and a path the server never had, answered by the navigation fallback (index.html).
    await page.goto('about:blank');
    const response = await page.goto('/customers');
    expect(response?.fromServiceWorker(), '/customers answered by the service worker').toBe(true);
    await waitForApp(page);
    await shot(page, 'offline');
  } finally {
    await context.setOffline(false);
  }
  expect(failed, 'requests that failed offline (not precached?)').toEqual([]);
});

test('says once that Pulso works offline, and the message passes axe', async ({ page }) => {
  await page.goto('/');
  await waitForApp(page);
  await waitForServiceWorker(page);
  const status = page.getByRole('status').filter({ hasText: 'Pulso now works offline.' });
  await expect(status).toBeVisible({ timeout: 20_000 });
  const close = status.getByRole('button', { name: 'Close' });
  const box = await close.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(44);
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  await checkA11y(page);
  await shot(page, 'offline-ready');

  await close.click();
  await expect(status).toHaveCount(0);
  await page.reload();
  await waitForApp(page);
  // Nothing to say on the next visit: the service worker was already installed.
  await page.waitForTimeout(1_000);
  await expect(page.getByText('Pulso now works offline.')).toHaveCount(0);
});

test('on a real (persistent) profile: installable, and offline after the browser restarts', async ({ playwright, baseURL, requests }, testInfo) => {
  const profile = testInfo.outputPath('profile');
  const { viewport, hasTouch, isMobile, launchOptions } = testInfo.project.use;
  const open = async () => {
    const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, baseURL, viewport, hasTouch, isMobile, locale: 'en-US' });
    requests.watch(context);
    return context;
  };

  let context = await open();
  let page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/');
  await waitForApp(page);
  await waitForServiceWorker(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
  await context.close();

  context = await open();
  try {
    await context.setOffline(true);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/#/settings');
    await waitForApp(page);
  } finally {
    await context.close();
  }
});
