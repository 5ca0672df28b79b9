import type { Locator } from '@playwright/test';
import type { Locale } from '../../src/i18n';
import { LANGUAGES, Pulso } from './flows';
import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test } from './support';

/**
 * The calibration screen on the demo (which carries demo outcomes), end to end:
 * - the AUC in words; the ROC and churn-by-band charts drawn (a canvas each), their text
 *   alternatives holding the figures the band table shows, and the band table adding up to the
 *   churned and retained counts the report rests on; the checklist with a status per line;
 * - "Use the suggested weights" puts a new revision in use (the compare screen lists one more), and
 *   the report then calibrates it: its current weights are the ones suggested before;
 * - a backtest of an earlier snapshot when the demo has one.
 * Each state: axe, 44 px targets, no sideways scrolling, screenshots.
 */

/** Digits of a cell ("1.234" → 1234). */
const integer = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

async function cells(row: Locator): Promise<string[]> {
  return (await row.locator('th, td').allInnerTexts()).map((t) => t.trim().replace(/\s+/g, ' '));
}

for (const lang of ['en', 'pt-BR'] as const satisfies readonly Locale[]) {
  test.describe(`in ${lang}`, () => {
    test.use({ ...LANGUAGES[lang], serviceWorkers: 'block' });

    test('on the demo: the score against churn, the checklist, applying the suggested weights, a backtest', async ({ page }) => {
      test.setTimeout(240_000);
      const app = new Pulso(page, lang);
      await page.goto('/#/method');
      await app.ready();
      await app.press(app.main.getByRole('link', { name: new RegExp(app.t('calibration.link.method')) }));
      await expect(app.main.getByRole('heading', { level: 1, name: app.t('calibration.title') })).toBeVisible();

      // The score as a whole.
      const score = app.main.getByRole('region', { name: app.t('calibration.score.title') });
      const auc = score.getByText(app.pattern('calibration.score.auc'));
      await expect(auc).toBeVisible({ timeout: 60_000 });
      const aucValue = /AUC (\d[.,]\d\d)/.exec((await auc.textContent()) ?? '')![1]!;
      const roc = score.getByRole('img', { name: app.pattern('calibration.roc.description', { auc: aucValue }) });
      await expect(roc).toBeVisible();
      const bars = score.getByRole('img', { name: app.pattern('calibration.bands.description') });
      await expect(bars).toBeVisible();
      for (const chart of [roc, bars]) {
        const box = await chart.locator('canvas').boundingBox();
        expect(box!.width).toBeGreaterThan(200);
        expect(box!.height).toBeGreaterThan(200);
      }

      // The band table: its figures are the chart's, and add up to the customers the report rests on.
      const table = score.getByRole('table', { name: app.pattern('calibration.bands.tableCaption') });
      const rows = table.getByRole('row');
      const bands: { name: string; customers: number; churned: number; rate: string }[] = [];
      for (const row of (await rows.all()).slice(1)) {
        const [name, churnedOf, rate] = await cells(row);
        // "12 of 56", "12 de 56": the numbers either side of the word.
        const [, churned, customers] = /^([\d.,\s\u202f]+?)\s+\p{L}+\s+([\d.,\s\u202f]+)$/u.exec(churnedOf!)!.map(integer);
        bands.push({ name: name!, customers: customers!, churned: churned!, rate: rate!.split(' ')[0]! });
      }
      expect(bands.length).toBeGreaterThanOrEqual(2);
      const description = (await bars.getAttribute('aria-label')) ?? '';
      for (const band of bands) expect(description).toContain(`${band.name}: ${band.rate}`);
      const sample = app.main.getByRole('region', { name: app.t('calibration.sample.title') });
      const churned = bands.reduce((n, b) => n + b.churned, 0);
      const customers = bands.reduce((n, b) => n + b.customers, 0);
      await expect(sample.getByText(app.count('calibration.sample.churned', churned), { exact: true })).toBeVisible();
      await expect(sample.getByText(app.count('calibration.sample.retained', customers - churned), { exact: true })).toBeVisible();

      // The checklist: a status word on every line.
      const checklist = app.main.getByRole('region', { name: app.t('calibration.checklist.title') }).getByRole('listitem');
      await expect(checklist).toHaveCount(5);
      const statuses = [app.t('calibration.check.pass'), app.t('calibration.check.fail'), app.t('calibration.check.unknown')];
      for (const line of await checklist.all()) {
        const text = (await line.innerText()).trim();
        expect(statuses.some((s) => text.startsWith(s)), text).toBe(true);
      }
      await expect(app.main.getByRole('region', { name: app.t('calibration.indicators.title') }).getByRole('article').first()).toBeVisible();

      await checkA11y(page);
      await checkTouchTargets(page);
      await checkNoSidewaysScroll(page);
      await shot(page, 'calibration');

      // Suggested weights: apply them, a new revision is in use and is the one calibrated.
      const suggestion = app.main.getByRole('region', { name: app.t('calibration.suggestion.title') });
      const use = suggestion.getByRole('button', { name: app.t('calibration.suggestion.use') });
      await expect(use).toBeVisible();
      const suggestedShares = await suggestion.getByRole('table').getByRole('row').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelectorAll('td')[1]!.textContent!.trim().split(' ')[0]!]));
      await app.press(use);
      await expect(suggestion.getByText(app.pattern('calibration.suggestion.applied'))).toBeVisible({ timeout: 60_000 });
      await expect(score.getByText(app.pattern('calibration.score.auc'))).toBeVisible({ timeout: 60_000 });
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      // The report now calibrates the new revision: its weights in use are those suggested before.
      const same = suggestion.getByText(app.t('calibration.suggestion.same'));
      const table2 = suggestion.getByRole('table');
      await expect(same.or(table2)).toBeVisible();
      if (await table2.isVisible()) {
        const nowShares = await table2.getByRole('row').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelectorAll('td')[0]!.textContent!.trim()]));
        expect(nowShares.map(([name]) => name)).toEqual(suggestedShares.map(([name]) => name));
        for (const [k, [, share]] of nowShares.entries()) expect(Math.abs(integer(share!) - integer(suggestedShares[k]![1]!))).toBeLessThanOrEqual(1);
      }
      await shot(page, 'calibration-applied');

      await app.press(suggestion.getByRole('link', { name: app.t('calibration.suggestion.compare') }));
      await expect(app.main.getByRole('heading', { level: 1, name: app.t('compare.title') })).toBeVisible();
      const pickB = app.main.getByRole('combobox', { name: app.t('compare.pickB') });
      await expect(pickB.locator('option')).toHaveCount(2);
      await expect(pickB.locator('option:checked')).toHaveText(app.pattern('compare.option.inUse'));
      await page.goBack();
      await expect(app.main.getByRole('heading', { level: 1, name: app.t('calibration.title') })).toBeVisible();

      // Backtest, when the demo has an earlier snapshot.
      const backtest = app.main.getByRole('region', { name: app.t('calibration.backtest.title') });
      const run = backtest.getByRole('button', { name: app.t('calibration.backtest.run') });
      await expect(run.or(backtest.getByText(app.t('calibration.backtest.noDays')))).toBeVisible({ timeout: 30_000 });
      if (await run.isVisible()) {
        await app.press(run);
        const result = backtest.getByRole('table', { name: app.t('calibration.backtest.caption') });
        await expect(result).toBeVisible({ timeout: 60_000 });
        const flagged = backtest.getByRole('heading', { level: 3, name: app.pattern('calibration.backtest.flagged.other') }).or(backtest.getByRole('heading', { level: 3, name: app.pattern('calibration.backtest.flagged.one') }));
        await expect(flagged).toBeVisible();
        const first = backtest.getByRole('listitem').first().getByRole('link');
        if (await first.count()) await expect(first).toHaveAttribute('href', /^#\/customer\?id=/);
        await backtest.scrollIntoViewIfNeeded();
        await checkA11y(page, '#/calibration (backtest)');
        await checkTouchTargets(page, '#/calibration (backtest)');
        await checkNoSidewaysScroll(page, '#/calibration (backtest)');
        await shot(page, 'calibration-backtest');
      }
    });
  });
}
