import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page, type Request } from '@playwright/test';

export { expect };

/** Every request a browser context made, and those that went anywhere but the preview server. */
export class RequestLog {
  readonly all: Request[] = [];
  readonly foreign: string[] = [];

  constructor(private readonly allowedHost: string) {}

  /**
   * Records the context's requests: its pages', their dedicated workers' and its service
   * workers' (Playwright reports service-worker fetches on the context in Chromium).
   */
  watch(context: BrowserContext): void {
    context.on('request', (request) => {
      this.all.push(request);
      if (!this.isLocal(request.url())) this.foreign.push(`${request.method()} ${request.url()}${request.serviceWorker() ? ' (service worker)' : ''}`);
    });
  }

  isLocal(url: string): boolean {
    const { protocol, host } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
    return (protocol === 'http:' || protocol === 'https:') && host === this.allowedHost;
  }
}

interface Fixtures {
  /** The test context's requests; after the test, none may have left the preview server. */
  requests: RequestLog;
  /** Uncaught errors in the page; after the test, there must be none. */
  pageErrors: string[];
}

/**
 * Pulso's `test`: every test fails if any request of its context left 127.0.0.1:4173 (the app
 * promises no request to any other host, ever) or if the page threw an uncaught error.
 * Contexts a test opens itself are watched with `requests.watch(context)`.
 */
export const test = base.extend<Fixtures>({
  requests: [
    async ({ context, baseURL }, use) => {
      if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
      const log = new RequestLog(new URL(baseURL).host);
      log.watch(context);
      await use(log);
      expect(log.foreign, `Requests to hosts other than ${new URL(baseURL).host}:\n${log.foreign.join('\n')}`).toEqual([]);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
      await use(errors);
      expect(errors, `Uncaught errors in the page:\n${errors.join('\n\n')}`).toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Waits until the app shows a screen: each screen has one <h1> inside <main>; while the portfolio
 * loads there is none (and nothing may be marked aria-busy).
 */
export async function waitForApp(page: Page): Promise<void> {
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now. A soft assertion: the test goes
 * on (other screens get checked and photographed) and fails at the end, listing every violation.
 */
export async function checkA11y(page: Page, where = new URL(page.url()).hash || '/'): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n');
      return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  expect.soft(violations.length, `axe found ${violations.length} kind(s) of WCAG violation on ${where}:\n${report}\n`).toBe(0);
}

/**
 * Checks that every control a finger can reach is at least 44 × 44 CSS px (links inside running
 * text excepted, as in WCAG 2.5.5/2.5.8; a checkbox, radio or file input counts with its <label>). Soft, like
 * checkA11y.
 */
export async function checkTouchTargets(page: Page, where = new URL(page.url()).hash || '/'): Promise<void> {
  const small = await page.evaluate((min) => {
    const selector = [
      'a[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea', 'summary',
      '[role="button"]', '[role="link"]', '[role="tab"]', '[role="checkbox"]', '[role="radio"]',
      '[role="switch"]', '[role="menuitem"]', '[role="option"]',
    ].join(',');
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (element.tagName === 'A' && getComputedStyle(element).display === 'inline') continue;
      const input = element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio' || element.type === 'file');
      const box = (input ? (element.closest('label') ?? element) : element).getBoundingClientRect();
      // Off-screen until focused (a skip link): not a touch target.
      if (box.bottom <= 0 || box.right <= 0) continue;
      if (box.width + 0.5 < min || box.height + 0.5 < min) {
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        found.push(`<${element.tagName.toLowerCase()}> "${name}": ${box.width.toFixed(1)} × ${box.height.toFixed(1)} px`);
      }
    }
    return found;
  }, 44);
  expect.soft(small, `Touch targets under 44 × 44 px on ${where}:\n${small.join('\n')}\n`).toEqual([]);
}

/**
 * Saves a full-page screenshot as tests/e2e/screenshots/<project>-<lang>-<name>.png, <lang>
 * being the language the app shows (the <html lang> it set).
 */
export async function shot(page: Page, name: string): Promise<string> {
  const info = test.info();
  const lang = (await page.evaluate(() => document.documentElement.lang)) || 'unknown';
  const slug = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'home';
  const file = path.join(import.meta.dirname, 'screenshots', `${info.project.name}-${lang}-${slug}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
}

/** Waits until the service worker is registered, ready, and controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined), {
      message: 'No service worker was registered: is <UpdatePrompt /> (src/ui/pwa) mounted in App.svelte?',
      timeout: 15_000,
    })
    .toBe(true);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
}

/**
 * Checks that nothing on the screen needs sideways scrolling — the page, or a scrolling box such
 * as the customer table, whose last columns would otherwise hide off a phone. Soft, like checkA11y.
 */
export async function checkNoSidewaysScroll(page: Page, where = new URL(page.url()).hash || '/'): Promise<void> {
  const wide = await page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page: ${root.scrollWidth} px in ${root.clientWidth} px`);
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      const overflowX = getComputedStyle(element).overflowX;
      if ((overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        found.push(`<${element.tagName.toLowerCase()} class="${element.className}">: ${element.scrollWidth} px in ${element.clientWidth} px`);
      }
    }
    return found;
  });
  expect.soft(wide, `Sideways scrolling on ${where}:\n${wide.join('\n')}\n`).toEqual([]);
}
