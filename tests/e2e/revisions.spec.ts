import { translate, type MessageKey } from '../../src/i18n';
import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test, waitForApp } from './support';

/**
 * Weighing with the customers who would change band listed live, then comparing the saved
 * revision with the one before and putting that one in use again — on the demo, in English, on
 * each project: axe finds nothing, every control is a 44 px target, nothing scrolls sideways;
 * screenshots of both screens.
 */
test.use({ locale: 'en-US', extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' }, serviceWorkers: 'block' });

test('the customers who would move show while weighing; after a save two revisions compare side by side', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/weights');
  await waitForApp(page);
  await expect(page.getByText('0 customers would change band')).toBeVisible();
  const slider = page.getByRole('slider').first();
  await slider.focus();
  for (let k = 0; k < 30; k++) await slider.press('ArrowLeft');
  const movers = page.getByRole('list', { name: 'Customers who would move to another band' });
  await expect(movers).toBeVisible();
  await expect(movers.getByRole('listitem').first()).toContainText(/score \d+ → \d+/);
  await expect(movers.getByRole('link').first()).toHaveAttribute('href', /^#\/customer\?id=/);
  await checkA11y(page, '#/weights');
  await checkTouchTargets(page, '#/weights');
  await checkNoSidewaysScroll(page, '#/weights');
  await shot(page, 'weights-movers');

  await page.getByRole('button', { name: 'Save as the model in use' }).click();
  await page.getByRole('link', { name: 'Compare with the revision before' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare model revisions' })).toBeVisible();
  const before = page.getByRole('region', { name: 'Before: B2B SaaS' });
  await expect(before).toBeVisible();
  await expect(page.getByRole('region', { name: 'After: B2B SaaS' })).toBeVisible();
  await expect(before.getByRole('listitem', { name: /^Red: \d+ customers$/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'What differs in the model' }).getByRole('listitem').first()).toContainText(/weight \d+ → \d+/);
  const changed = page.getByRole('region', { name: 'Customers who change band' });
  await expect(changed.getByRole('status')).toHaveText(/^\d+ customers? changes? band$/);
  await expect(changed.getByRole('listitem').first()).toContainText('Why');
  await checkA11y(page, '#/compare');
  await checkTouchTargets(page, '#/compare');
  await checkNoSidewaysScroll(page, '#/compare');
  await shot(page, 'compare');

  await before.getByRole('button', { name: 'Use “B2B SaaS” again' }).click();
  await expect(page.getByText('Now in use: B2B SaaS.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Before: B2B SaaS/ })).toBeVisible();
  await page.goto('/#/settings');
  await expect(page.getByRole('link', { name: 'Compare revisions' })).toBeVisible();
});

test.describe('in Portuguese', () => {
  test.use({ locale: 'pt-BR', extraHTTPHeaders: { 'Accept-Language': 'pt-BR,pt;q=0.9' } });
  const t = (key: MessageKey) => translate('pt-BR', key);

  test('the compare screen reads in Portuguese', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/#/weights');
    await waitForApp(page);
    const slider = page.getByRole('slider').first();
    await slider.focus();
    for (let k = 0; k < 30; k++) await slider.press('ArrowLeft');
    await page.getByRole('button', { name: t('weights.save') }).click();
    await page.getByRole('link', { name: t('compare.open.afterSave') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('compare.title') })).toBeVisible();
    await expect(page.getByRole('region').filter({ hasText: /B2B SaaS/ }).first()).toBeVisible();
    await checkA11y(page, '#/compare (pt-BR)');
    await checkTouchTargets(page, '#/compare (pt-BR)');
    await checkNoSidewaysScroll(page, '#/compare (pt-BR)');
    await shot(page, 'compare');
  });
});
