/**
 * Steps the outcomes and calibration specs share: import a data file, import outcomes from a
 * file on the calibration screen (guessed mapping, default value meanings), record one by hand.
 */
import type { Page } from '@playwright/test';
import { readDataset, type TestFile } from './files';
import type { Pulso } from './flows';
import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot } from './support';

export const AS_OF = '2026-03-31';

/** The page itself never scrolls sideways (the file's preview scrolls inside its own box, on purpose). */
export async function checkPageWidth(page: Page, where: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect.soft(scroll, `the page scrolls sideways on ${where}`).toBeLessThanOrEqual(client + 1);
}

/** How many rows of `column` read each way, from the file itself. */
export function tally(name: 'telco-churn-pt.csv' | 'telco-customer-churn.csv', column: string, churned: string, renewed: string) {
  const table = readDataset(name);
  const c = table.header.indexOf(column);
  const cells = table.rows.map((row) => (row[c] ?? '').trim());
  return { churned: cells.filter((v) => v === churned).length, renewed: cells.filter((v) => v === renewed).length, blank: cells.filter((v) => v === '').length };
}

/** Imports `file` as the portfolio's data, through the data import wizard. */
export async function importData(app: Pulso, file: TestFile): Promise<void> {
  await app.page.goto('/#/import');
  await app.ready();
  await app.importFile(file, AS_OF);
}

/** Opens the calibration screen's outcomes section. */
export async function openOutcomes(app: Pulso) {
  await app.page.goto('/#/calibration');
  await app.ready();
  const section = app.section('outcomes.title');
  await expect(section).toBeVisible();
  return section;
}

/** Imports outcomes from `file` with the guessed mapping and the values' default meanings; returns the section. */
export async function importOutcomes(app: Pulso, file: TestFile, expected: { id: string; status: string; churned: [string, number]; renewed: [string, number]; blank: number }) {
  const { page } = app;
  const section = await openOutcomes(app);
  await expect(section.getByText(app.t('outcomes.none'))).toBeVisible();
  await app.press(section.getByRole('button', { name: app.t('outcomes.import.start') }));
  await section.getByLabel(app.t('outcomes.import.pick')).setInputFiles(file);

  // Mapping: guessed from the headers; no date column, every row on today.
  const id = section.getByRole('combobox', { name: app.t('outcomes.import.id') });
  await expect(id).toBeVisible({ timeout: 20_000 });
  await expect(id.locator('option:checked')).toHaveText(new RegExp(` · ${expected.id}$`));
  await expect(section.getByRole('combobox', { name: app.t('outcomes.import.status') }).locator('option:checked')).toHaveText(new RegExp(` · ${expected.status}$`));
  await expect(section.getByRole('combobox', { name: app.t('outcomes.import.date') }).locator('option:checked')).toHaveText(app.t('outcomes.import.noDate'));
  await expect(section.getByLabel(app.t('outcomes.import.day'), { exact: true })).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);

  // What each value means, pre-set from what it reads as.
  const group = (value: string, count: number) => section.getByRole('radiogroup', { name: app.count('outcomes.import.value', count, { value }), exact: true });
  await expect(group(...expected.churned).getByRole('radio', { name: app.t('outcomes.import.choice.churned') })).toBeChecked();
  await expect(group(...expected.renewed).getByRole('radio', { name: app.t('outcomes.import.choice.renewed') })).toBeChecked();
  if (expected.blank > 0) {
    await expect(group(app.t('outcomes.import.blank'), expected.blank).getByRole('radio', { name: app.t('outcomes.import.choice.out') })).toBeChecked();
  }
  await checkA11y(page, '#/calibration outcomes mapping');
  await checkTouchTargets(page, '#/calibration outcomes mapping');
  await checkPageWidth(page, '#/calibration outcomes mapping');
  await shot(page, 'outcomes-mapping');

  // Check: what will be recorded.
  await app.press(section.getByRole('button', { name: app.t('outcomes.import.check'), exact: true }));
  const summary = app.t('outcomes.check.summary', {
    churned: app.count('outcomes.check.churned', expected.churned[1]),
    renewed: app.count('outcomes.check.renewed', expected.renewed[1]),
  });
  await expect(section.getByText(summary)).toBeVisible({ timeout: 20_000 });
  if (expected.blank > 0) await expect(section.getByText(app.count('outcomes.check.leftOut', expected.blank))).toBeVisible();
  await checkA11y(page, '#/calibration outcomes check');
  await checkTouchTargets(page, '#/calibration outcomes check');
  await checkNoSidewaysScroll(page, '#/calibration outcomes check');
  await shot(page, 'outcomes-check');

  // Record: a result line, and the counts.
  await app.press(section.getByRole('button', { name: app.t('outcomes.import.record') }));
  const total = expected.churned[1] + expected.renewed[1];
  await expect(section.getByRole('status').filter({ hasText: app.count('outcomes.result.recorded', total, { churned: app.count('outcomes.counts.churned', expected.churned[1]), renewed: app.count('outcomes.counts.renewed', expected.renewed[1]) }) })).toBeVisible({ timeout: 30_000 });
  const counts = section.getByRole('list', { name: app.t('outcomes.counts.label') });
  await expect(counts).toContainText(app.count('outcomes.counts.churned', expected.churned[1]));
  await expect(counts).toContainText(app.count('outcomes.counts.renewed', expected.renewed[1]));
  await expect(counts).not.toContainText(app.pattern('outcomes.counts.unknown.other'));
  await checkA11y(page, '#/calibration outcomes recorded');
  await checkTouchTargets(page, '#/calibration outcomes recorded');
  await checkNoSidewaysScroll(page, '#/calibration outcomes recorded');
  await shot(page, 'outcomes-recorded');
  return section;
}

/** On `id`'s page, records "renewed" by hand (today), sees it, reloads, and sees it still. */
export async function renewByHand(app: Pulso, id: string, note: string): Promise<void> {
  const { page } = app;
  await app.gotoCustomer(id);
  const panel = app.section('outcomes.panel.title');
  // The import recorded this customer as churned.
  await expect(panel.getByText(app.pattern('outcomes.on', { status: app.t('outcomes.status.churned') }))).toBeVisible();
  const form = panel.getByRole('form', { name: app.t('outcomes.panel.replace') });
  const renewed = form.getByRole('radiogroup', { name: app.t('outcomes.panel.status') });
  await app.press(renewed.locator('label').filter({ has: page.getByRole('radio', { name: app.t('outcomes.status.renewed'), exact: true }) }));
  await form.getByRole('textbox', { name: app.t('outcomes.panel.note') }).fill(note);
  await app.press(form.getByRole('button', { name: app.t('outcomes.panel.save'), exact: true }));
  await expect(form.getByRole('status')).toContainText(app.t('outcomes.panel.saved'));
  const shown = panel.getByText(app.pattern('outcomes.on', { status: app.t('outcomes.status.renewed') }));
  await expect(shown).toBeVisible();
  await expect(panel.getByText(`· ${app.t('outcomes.source.manual')}`)).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await checkA11y(page, '#/customer outcome');
  await checkTouchTargets(page, '#/customer outcome');
  await checkNoSidewaysScroll(page, '#/customer outcome');
  await shot(page, 'outcomes-customer');

  await page.reload();
  await app.customerReady();
  await expect(app.section('outcomes.panel.title').getByText(app.pattern('outcomes.on', { status: app.t('outcomes.status.renewed') }))).toBeVisible({ timeout: 20_000 });
  await expect(app.section('outcomes.panel.title').getByText(note)).toBeVisible();
}

