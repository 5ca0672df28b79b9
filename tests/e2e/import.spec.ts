import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { badRowsFile, datasetFile, excelPtBrFile, monthlyFiles, parseCsv, readDataset, TELCO_ID, usableRows } from './files';
import { download, LANGUAGES, NPS_LABEL, Pulso } from './flows';
import { expect, test } from './support';

/**
 * Importing files through the wizard, end to end in Chromium: real datasets (and files derived
 * from them in code) go through the worker into IndexedDB, and the counts the app reports are
 * checked against counts worked out from the same rows. On desktop the file is dropped and
 * controls clicked; on the tablet the file is chosen from the chooser and everything tapped.
 * The phone adds nothing here that the layout checks (wizard.spec.ts) do not cover.
 */
// Playwright reads a hook's fixtures from this pattern: an empty one is how it says "none".
// eslint-disable-next-line no-empty-pattern
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'the same flows as on the tablet; the phone layout is checked in wizard.spec.ts');
});
// No service worker: its one-off "works offline" message would only get in the way.
test.use({ serviceWorkers: 'block' });

test.describe('Excel in Brazilian Portuguese', () => {
  test.use(LANGUAGES['pt-BR']);

  test('a semicolon file with decimal commas, a BOM and CRLF is read as such, mapped and imported in full', async ({ page }) => {
    const table = readDataset('telco-churn-pt.csv');
    const file = excelPtBrFile('clientes-telco.csv', table);
    const usable = usableRows(table, 'ID_cliente');
    expect(usable).toBe(7_267);
    const app = new Pulso(page, 'pt-BR');

    await page.goto('/#/data');
    await app.ready();
    await app.startImport();
    await app.chooseFile(file);

    // What Pulso detected, said in Portuguese.
    await expect(app.formatSetting('delimiter')).toHaveValue(';');
    await expect(app.formatSetting('delimiter').locator('option:checked')).toHaveText('Ponto e vírgula (;)');
    await expect(app.formatSetting('decimal')).toHaveValue(',');
    await expect(app.formatSetting('decimal').locator('option:checked')).toHaveText('Vírgula: 1.234,56');
    await expect(app.formatSetting('encoding')).toHaveValue('utf-8');
    for (const setting of ['delimiter', 'decimal', 'encoding'] as const) {
      await expect(app.formatSetting(setting), setting).toHaveAccessibleDescription(/Detectado/);
    }
    // The preview reads the cells as written: decimal commas, and no BOM glued to the first header.
    const preview = app.main.getByRole('region', { name: /As primeiras 10 de 7\.267 linhas/ });
    await expect(preview.getByRole('columnheader', { name: /^ID_cliente/ })).toBeVisible();
    await expect(preview.getByRole('cell', { name: '65,6', exact: true })).toBeVisible();

    await app.toColumns();
    // The suggested mapping: the id column, and the monthly charges as MRR.
    expect(await app.chosen(app.fieldSelect('id'))).toBe('A · ID_cliente');
    expect(await app.chosen(app.fieldSelect('mrr'))).toBe('T · Gastos_mensais');
    await app.setAsOf('2026-03-31');
    await app.check();
    await expect(app.main.getByText(app.count('import.check.rows', table.rows.length), { exact: true })).toBeVisible();
    await expect(app.main.getByText(app.count('import.check.usable', usable))).toBeVisible();
    await expect(app.main.getByText('Os valores serão registrados com a data de 31 de março de 2026.')).toBeVisible();
    await app.importNow();

    expect(await app.summary()).toEqual({ new: usable, updated: 0, unchanged: 0, skipped: 0 });
    await expect(app.main.getByText('7.267', { exact: true })).toBeVisible();

    await app.press(app.main.getByRole('link', { name: app.t('import.done.overview') }));
    await app.ready();
    expect(await app.overviewCustomers()).toBe(usable);
    await expect(app.main.getByText(`${app.count('count.customers', usable)}`, { exact: true })).toBeVisible();
  });
});

test.describe('a US export', () => {
  test.use(LANGUAGES.en);

  test('the IBM Telco file as published: every customer imported, counted once', async ({ page }) => {
    const table = readDataset('telco-customer-churn.csv');
    const usable = usableRows(table, TELCO_ID);
    expect(usable).toBe(7_043);
    const app = new Pulso(page, 'en');

    await page.goto('/#/import');
    await app.ready();
    await app.chooseFile(datasetFile('telco-customer-churn.csv'));
    await expect(app.formatSetting('delimiter')).toHaveValue(',');
    await expect(app.formatSetting('decimal')).toHaveValue('.');
    await app.toColumns();
    expect(await app.chosen(app.fieldSelect('id'))).toBe(`A · ${TELCO_ID}`);
    await app.setAsOf('2026-03-31');
    await app.check();
    await expect(app.main.getByText(app.count('import.check.usable', usable))).toBeVisible();
    await app.importNow();
    expect(await app.summary()).toEqual({ new: usable, updated: 0, unchanged: 0, skipped: 0 });

    await app.open('overview');
    expect(await app.overviewCustomers()).toBe(usable);
    await app.open('data');
    expect(await app.listedImports()).toEqual([
      { file: 'telco-customer-churn.csv', asOf: 'Mar 31, 2026', customers: usable, summary: { new: usable, updated: 0, unchanged: 0, skipped: 0 } },
    ]);
  });

  test('monthly files in a row: new, updated and unchanged customers counted each month; history builds up', async ({ page }) => {
    test.setTimeout(90_000);
    const monthly = monthlyFiles();
    // The derived files do what their description says (so the expected counts mean something).
    expect(monthly.summaries).toEqual([
      { new: 300, updated: 0, unchanged: 0, skipped: 0 },
      { new: 20, updated: 42, unchanged: 258, skipped: 0 },
      { new: 0, updated: 7, unchanged: 313, skipped: 0 },
    ]);
    const app = new Pulso(page, 'en');
    await page.goto('/#/import');
    await app.ready();

    for (const [k, file] of monthly.files.entries()) {
      await test.step(`month ${k + 1}`, async () => {
        if (k > 0) await app.importAnother();
        await app.chooseFile(file);
        await app.toColumns();
        // The first file's mapping is remembered for the next ones (same columns).
        if (k > 0) await expect(app.main.getByRole('note').filter({ hasText: app.t('import.columns.remembered') })).toBeVisible();
        expect(await app.chosen(app.fieldSelect('id'))).toBe(`A · ${TELCO_ID}`);
        await expect(app.main.getByRole('combobox', { name: NPS_LABEL })).toHaveValue(String(monthly.tables[k]!.header.indexOf('NPS')));
        await app.setAsOf(monthly.asOf[k]!);
        await app.check();
        await app.importNow();
        expect(await app.summary()).toEqual(monthly.summaries[k]);
      });
    }

    await test.step('the same month again changes nothing', async () => {
      await app.importAnother();
      await app.chooseFile(monthly.files[1]);
      await app.toColumns();
      await app.setAsOf(monthly.asOf[1]);
      await app.check();
      await app.importNow();
      await expect(app.main.getByRole('status').filter({ hasText: app.t('import.done.duplicate') })).toBeVisible();
      await expect(app.main.getByText(app.t('import.done.title'))).toHaveCount(0);
    });

    await app.open('data');
    const listed = await app.listedImports();
    // Newest first; the duplicate was not stored.
    expect(listed.map((i) => [i.file, i.asOf, i.customers])).toEqual([
      ['customers-2026-10.csv', 'Oct 31, 2026', 320],
      ['customers-2026-09.csv', 'Sep 30, 2026', 320],
      ['customers-2026-08.csv', 'Aug 31, 2026', 300],
    ]);
    expect(listed.map((i) => i.summary).reverse()).toEqual(monthly.summaries);

    // A customer in all three files: three points of history.
    const id = monthly.everywhere[3]!;
    await app.openCustomer(id);
    const history = app.section('customer.history.title').getByRole('table');
    await expect(history.locator('tbody tr')).toHaveCount(3);
    await expect(history.getByRole('rowheader')).toHaveText(['Oct 31, 2026', 'Sep 30, 2026', 'Aug 31, 2026']);
  });

  test('bad rows: grouped problems and a choice; nothing saved until the choice; the rest imported; problems downloadable', async ({ page }) => {
    const bad = badRowsFile();
    const app = new Pulso(page, 'en');
    await page.goto('/#/import');
    await app.ready();
    await app.chooseFile(bad.file);
    await app.toColumns();
    await app.setAsOf('2026-03-31');
    await app.check();

    await expect(app.main.getByText(app.count('import.check.rows', bad.table.rows.length), { exact: true })).toBeVisible();
    await expect(app.main.getByText(app.count('import.check.usable', bad.usable))).toBeVisible();
    await expect(app.main.getByRole('listitem').filter({ hasText: app.count('import.check.bad', 2) })).toBeVisible();
    const problems = app.main.getByRole('list', { name: app.t('import.check.problems') });
    await expect(problems.getByRole('listitem')).toHaveCount(2);
    await expect(problems.getByRole('listitem').filter({ hasText: app.t('import.problem.id.empty') })).toContainText(`row ${bad.emptyIdRow}`);
    await expect(problems.getByRole('listitem').filter({ hasText: app.t('import.problem.row.too-many-fields') })).toContainText(`row ${bad.tooManyCellsRow}`);
    await expect(app.main.getByRole('status').filter({ hasText: app.count('import.check.needsChoice', 2) })).toBeVisible();

    // The problems as a CSV file, naming both rows.
    const problemsFile = await download(page, () => app.press(app.main.getByRole('button', { name: app.t('import.check.download') })));
    expect(problemsFile.name).toMatch(/^customers-with-bad-rows-problems-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...lines] = parseCsv(readFileSync(problemsFile.path, 'utf8'));
    const rowColumn = header!.indexOf(app.t('import.csv.row'));
    expect(rowColumn, `a “${app.t('import.csv.row')}” column in ${header!.join(',')}`).toBeGreaterThanOrEqual(0);
    expect(lines.map((cells) => Number(cells[rowColumn])).sort((a, b) => a - b)).toEqual([bad.emptyIdRow, bad.tooManyCellsRow]);

    // Nothing is stored while the choice is pending.
    expect(await storedImports(page)).toBe(0);

    await app.importWith(app.main.getByRole('button', { name: app.count('import.check.skipAndImport', 2) }));
    expect(await app.summary()).toEqual({ new: bad.usable, updated: 0, unchanged: 0, skipped: 2 });
    expect(await storedImports(page)).toBe(1);
    await app.open('data');
    const [listed] = await app.listedImports();
    expect(listed).toMatchObject({ file: 'customers-with-bad-rows.csv', customers: bad.usable, summary: { new: bad.usable, skipped: 2 } });
  });

  test('cancelling at the choice saves nothing', async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'one path through the same screens as the bad-rows test; once is enough');
    const bad = badRowsFile();
    const app = new Pulso(page, 'en');
    await page.goto('/#/import');
    await app.ready();
    await app.chooseFile(bad.file);
    await app.toColumns();
    await app.check();
    await app.press(app.main.getByRole('button', { name: app.t('import.check.cancel'), exact: true }));
    await expect(app.main.getByRole('status').filter({ hasText: app.t('import.file.cancelled') })).toBeVisible();
    await app.open('data');
    await expect(app.main.getByText(app.t('data.imports.empty'))).toBeVisible();
    expect(await storedImports(page)).toBe(0);
  });
});

/**
 * Imports stored in the browser's IndexedDB, read beside the app (without opening a version
 * of our own, so the app's connection is not disturbed). 0 when the database does not exist yet.
 */
async function storedImports(page: Page): Promise<number> {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'pulso')) return 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('pulso');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    try {
      if (!db.objectStoreNames.contains('imports')) return 0;
      return await new Promise<number>((resolve, reject) => {
        const request = db.transaction('imports').objectStore('imports').count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('count failed'));
      });
    } finally {
      db.close();
    }
  });
}
