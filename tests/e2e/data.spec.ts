import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { monthlyFiles } from './files';
import { download, LANGUAGES, NPS_LABEL, Pulso } from './flows';
import { expect, test } from './support';

/**
 * The user's data over time, end to end in Chromium: backup, delete and restore give back the
 * same imports and the same scores; data survives a reload and is shared by the tabs of one
 * browser; a newer database version opened elsewhere makes this tab ask for a reload, and the
 * reload works. Desktop and tablet; the phone adds nothing to storage (its layout of the data
 * screen is checked in wizard.spec.ts).
 */
// Playwright reads a hook's fixtures from this pattern: an empty one is how it says "none".
// eslint-disable-next-line no-empty-pattern
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'storage behaves the same on every project; the phone layout is checked in wizard.spec.ts');
});
test.use({ ...LANGUAGES.en, serviceWorkers: 'block' });

/** Downloads the customer list's export ("Export this list", every customer) and returns its bytes. */
async function exportScores(app: Pulso): Promise<Buffer> {
  await app.open('customers');
  const saved = await download(app.page, () => app.press(app.main.getByRole('button', { name: app.t('customers.export') })));
  expect(saved.name).toMatch(/^pulso-scores-\d{4}-\d{2}-\d{2}\.csv$/);
  return readFileSync(saved.path);
}

test('backup, delete everything, restore: the same imports, entries and scores, byte for byte', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'tablet', 'once, tapping through the dialogs; the desktop clicks through the same dialogs in wizard.spec.ts and reloads in the next test');
  test.setTimeout(90_000);
  const monthly = monthlyFiles();
  const app = new Pulso(page, 'en');
  await app.seed(monthly.files.slice(0, 2), monthly.asOf);

  // A value typed by hand, which moves the score.
  const id = monthly.everywhere[5]!;
  await app.gotoCustomer(id);
  await app.pickChoice(app.t('customer.entry.what'), NPS_LABEL);
  await app.pickChoice(NPS_LABEL, '10');
  await app.saveEntry();
  await expect(app.entries()).toHaveCount(1);

  const scoresBefore = await exportScores(app);
  expect(scoresBefore.toString('utf8').split(/\r?\n/).filter(Boolean)).toHaveLength(1 + 320);
  await app.open('data');
  const importsBefore = await app.listedImports();
  expect(importsBefore).toHaveLength(2);

  const backup = await download(page, () => app.press(app.main.getByRole('button', { name: app.t('data.backup.download') })));
  expect(backup.name).toMatch(/^pulso-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(app.main.getByRole('status').filter({ hasText: app.t('data.backup.done', { file: backup.name }) })).toBeVisible();

  await app.press(app.main.getByRole('button', { name: app.t('data.deleteAll.button') }));
  await app.confirm('data.deleteAll.confirm.title', 'data.deleteAll.confirm.button');
  await expect(app.main.getByRole('status').filter({ hasText: app.t('data.deleteAll.done') })).toBeVisible();
  await expect(app.main.getByText(app.t('data.imports.empty'))).toBeVisible();
  await app.open('overview');
  await expect(app.main.getByRole('heading', { level: 2, name: app.t('overview.empty.title') })).toBeVisible();
  expect(await app.overviewCustomers()).toBe(0);

  await app.open('data');
  await app.main.getByLabel(app.t('data.restore.choose'), { exact: true }).setInputFiles(backup.path);
  const ready = app.main.getByRole('group', { name: app.t('data.restore.how') });
  await expect(ready).toContainText(app.count('data.count.imports', 2));
  await expect(ready).toContainText(app.count('data.count.entries', 1));
  await app.press(ready.getByRole('button', { name: app.t('data.restore.replace') }));
  await app.confirm('data.restore.confirm.title', 'data.restore.confirm.button');
  await expect(app.main.getByRole('status').filter({ hasText: app.t('data.restore.done.replace', { customers: app.count('count.customers', 320) }) })).toBeVisible();

  expect(await app.listedImports()).toEqual(importsBefore);
  expect((await exportScores(app)).equals(scoresBefore), 'the scores export after the restore is byte for byte the one before').toBe(true);
  await app.gotoCustomer(id);
  await expect(app.entries()).toHaveCount(1);
  await expect(app.entries().first()).toContainText(NPS_LABEL);
});

/** The customer count on the overview of `page`, after reloading it (or opening it) at the start. */
async function countAfterLoad(app: Pulso): Promise<number> {
  await app.ready();
  await app.open('overview');
  return app.overviewCustomers();
}

/** Uncaught errors of a page the test opens itself (the `pageErrors` fixture watches the first one only). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  return errors;
}

test('reload and a second tab see the same data; a newer database elsewhere asks this tab to reload, and the reload works', async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'tabs and database versions are the browser’s, the same on every project');
  test.setTimeout(90_000);
  const monthly = monthlyFiles();
  const app = new Pulso(page, 'en');
  await app.seed(monthly.files.slice(0, 1), monthly.asOf);

  await page.reload();
  expect(await countAfterLoad(app)).toBe(300);
  await app.open('data');
  expect(await app.listedImports()).toHaveLength(1);

  const second = await context.newPage();
  const secondErrors = watchErrors(second);
  const other = new Pulso(second, 'en');
  await second.goto('/');
  expect(await countAfterLoad(other)).toBe(300);

  // An entry made in the first tab is in the second after a reload.
  const id = monthly.everywhere[7]!;
  await app.gotoCustomer(id);
  await app.addNote('Called the customer: renewal on track.');
  await second.goto(`/#/customer?id=${id}`);
  await second.reload();
  await other.customerReady();
  await expect(other.entries()).toHaveCount(1);
  await expect(other.entries().first()).toContainText('Called the customer: renewal on track.');

  // A newer version of the database, opened from the second tab (as a newer Pulso would).
  const version = await second.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('pulso', 99);
        request.onsuccess = () => {
          const db = request.result;
          db.close();
          resolve(db.version);
        };
        request.onerror = () => reject(request.error ?? new Error('open failed'));
        request.onblocked = () => reject(new Error('blocked: a tab did not close its connection'));
      }),
  );
  expect(version).toBe(99);

  const notice = page.getByRole('alert').filter({ hasText: app.t('data.database.closed') });
  await expect(notice).toBeVisible();
  await app.press(notice.getByRole('button', { name: app.t('data.database.reload') }));
  await app.customerReady();
  await expect(notice).toHaveCount(0);
  // Works: what was stored is there, and storing more works.
  await expect(app.entries()).toHaveCount(1);
  await app.addNote('Second call: all good.');
  await expect(app.entries()).toHaveCount(2);
  expect(await countAfterLoad(app)).toBe(300);
  expect(secondErrors).toEqual([]);
});
