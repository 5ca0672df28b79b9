import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test, waitForApp } from './support';

/**
 * Every screen reachable from the main navigation, in English and Portuguese, on each project
 * (desktop, tablet, phone): axe finds nothing, every control is a 44 px target, and a screenshot
 * lands in tests/e2e/screenshots/. Screens are discovered from the navigation's links, so new
 * screens are covered as they are added.
 */
const LANGUAGES = [
  { locale: 'en-US', acceptLanguage: 'en-US,en;q=0.9', lang: 'en' },
  { locale: 'pt-BR', acceptLanguage: 'pt-BR,pt;q=0.9', lang: 'pt-BR' },
] as const;

for (const { locale, acceptLanguage, lang } of LANGUAGES) {
  test.describe(`in ${locale}`, () => {
    // No service worker here: its one-off "works offline" message would land in screenshots at
    // random; pwa.spec.ts checks it (and runs axe on it) on its own.
    test.use({ locale, extraHTTPHeaders: { 'Accept-Language': acceptLanguage }, serviceWorkers: 'block' });

    test('every screen of the main navigation passes axe and is photographed', async ({ page }) => {
      // axe takes ~35 s on the customer table alone (5,000 elements, 2 cores shared by 2 workers).
      test.setTimeout(240_000);
      await page.goto('/');
      await waitForApp(page);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await checkA11y(page);
      await checkTouchTargets(page);
      await shot(page, 'home');

      const navigation = page.getByRole('navigation').first();
      const links = (await page.getByRole('navigation').count()) === 0 ? [] : await navigation.getByRole('link').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
      test.info().annotations.push({ type: 'screens', description: links.length === 0 ? 'no navigation yet' : links.join(' ') });

      for (const href of [...new Set(links)]) {
        await test.step(`screen ${href}`, async () => {
          const target = new URL(href, page.url());
          expect(target.host, `navigation link ${href} leaves the app`).toBe(new URL(page.url()).host);
          await navigation.locator(`a[href="${href}"]`).first().click();
          await expect(page).toHaveURL(target.href);
          await waitForApp(page);
          await checkA11y(page, href);
          await checkTouchTargets(page, href);
          await checkNoSidewaysScroll(page, href);
          await shot(page, target.hash.replace(/^#\/?/, '') || target.pathname.replace(/^\//, '') || 'home');
        });
      }
    });
  });
}
