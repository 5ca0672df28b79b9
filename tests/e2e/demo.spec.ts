import type { Page } from '@playwright/test';
import { expect, shot, test, waitForApp, waitForServiceWorker } from './support';

/** The band cards' counts, read from their accessible names ("Vermelho: 45 clientes, …"). */
async function bandCounts(page: Page): Promise<number[]> {
  const cards = page.getByRole('main').getByRole('list').first().getByRole('link');
  const names = await cards.evaluateAll((links) => links.map((a) => a.getAttribute('aria-label') ?? ''));
  return names.map((n) => Number((/:\s*([\d.,\s]+)\s/.exec(n)?.[1] ?? 'NaN').replace(/\D/g, '')));
}

test.describe('a first-time visitor whose browser speaks Portuguese', () => {
  test.use({ locale: 'pt-BR', extraHTTPHeaders: { 'Accept-Language': 'pt-BR,pt;q=0.9' } });

  test('lands on the demo portfolio already scored, in Portuguese', async ({ page }) => {
    await page.goto('/');
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Visão geral da carteira' })).toBeVisible();
    await expect(page.getByText('Esta é uma carteira de demonstração com clientes B2B SaaS fictícios.')).toBeVisible();
    const summary = await page.getByRole('main').locator('p').first().textContent();
    const customers = Number(/([\d.]+)\s+clientes/.exec(summary ?? '')?.[1]?.replace(/\./g, ''));
    expect(customers).toBeGreaterThan(200);

    const counts = await bandCounts(page);
    expect(counts).toHaveLength(4);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(customers);
    expect(counts.slice(0, 3).every((c) => c > 0)).toBe(true);

    await page.getByRole('navigation').getByRole('link', { name: 'Clientes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Clientes' })).toBeVisible();
    // 200 rows drawn at first, the rest one tap away.
    await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(200);
    // By keyboard: on a phone the bottom bar covers the end of the page until the user scrolls past it.
    await page.getByRole('button', { name: `Mostrar mais ${customers - 200}` }).press('Enter');
    await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(customers);
  });
});

test('keeps scoring with the network off: the worker and the demo come from the precache', async ({ page, context }) => {
  await page.goto('/');
  await waitForApp(page);
  await waitForServiceWorker(page);
  const online = await bandCounts(page);

  await context.setOffline(true);
  try {
    await page.reload();
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Portfolio overview' })).toBeVisible();
    expect(await bandCounts(page)).toEqual(online);
    // Resetting the demo scores it again in the worker, still offline.
    await page.getByRole('button', { name: 'Reset demo' }).click();
    await waitForApp(page);
    expect(await bandCounts(page)).toEqual(online);
    await shot(page, 'offline-scored');
  } finally {
    await context.setOffline(false);
  }
});
