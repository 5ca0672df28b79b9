/**
 * What a user does in Pulso's data screens, as steps the end-to-end specs share: the import
 * wizard, the data screen, a customer's page. Controls are found by role and by their label in
 * the language the page shows (from the app's own catalogues), and pressed the way the project's
 * device would: tapped where there is a touch screen, clicked elsewhere.
 */
import type { Locator, Page } from '@playwright/test';
import { translate, translateCount, type CountKey, type Locale, type MessageKey } from '../../src/i18n';
import type { Summary, TestFile } from './files';
import { expect, test } from './support';

/** The browser settings of each language the specs run in. */
export const LANGUAGES = {
  en: { locale: 'en-US', extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' } },
  'pt-BR': { locale: 'pt-BR', extraHTTPHeaders: { 'Accept-Language': 'pt-BR,pt;q=0.9' } },
} as const satisfies Partial<Record<Locale, { locale: string; extraHTTPHeaders: Record<string, string> }>>;

/**
 * The label of the NPS metric in the starter model the app scores with (B2B SaaS): model labels
 * come from the model file, in its one language, not from the app's catalogues.
 */
export const NPS_LABEL = 'NPS answer (0–10)';

/** Digits only: "7.267", "7,267" and "7 267" are all 7267. */
function integer(text: string | null): number {
  const digits = (text ?? '').replace(/\D/g, '');
  if (digits === '') throw new Error(`No number in “${text ?? ''}”.`);
  return Number(digits);
}

/** A page of Pulso in one language. */
export class Pulso {
  readonly touch: boolean;

  constructor(
    readonly page: Page,
    readonly lang: Locale,
  ) {
    this.touch = test.info().project.use.hasTouch === true;
  }

  /** The app's message `key` in the page's language. */
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
    return translate(this.lang, key, params);
  }

  /** The app's plural message `key` for `count`, as it formats it. */
  count(key: CountKey, count: number, params?: Readonly<Record<string, string | number>>): string {
    return translateCount(this.lang, key, count, params);
  }

  /** The message `key` as a pattern: placeholders not in `params` match any text. */
  pattern(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): RegExp {
    // Braces are left unescaped: they mark the placeholders still to fill.
    const text = this.t(key, params).replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    return new RegExp(text.replace(/\{\w+\}/g, '.+?'));
  }

  /** The page's <main>: every screen's content. */
  get main(): Locator {
    return this.page.getByRole('main');
  }

  /** Taps on a touch device, clicks elsewhere. */
  async press(target: Locator): Promise<void> {
    if (this.touch) await target.tap();
    else await target.click();
  }

  /** Waits until the app shows a screen, as `waitForApp` does (support.ts). */
  async ready(): Promise<void> {
    await expect(this.main.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 });
    await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0);
  }

  /** Goes to a screen of the main navigation through its link. */
  async open(screen: 'overview' | 'customers' | 'data' | 'settings'): Promise<void> {
    const name = this.t(`nav.${screen}`);
    await this.press(this.page.getByRole('navigation').getByRole('link', { name, exact: true }));
    await expect(this.page.getByRole('navigation').getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
    await this.ready();
  }

  // -------------------------------------------------------------------------------------------
  // The import wizard

  /** The wizard's current step title (an <h2>). */
  stepTitle(key: MessageKey): Locator {
    return this.main.getByRole('heading', { level: 2, name: this.t(key) });
  }

  /** From the data screen, "Import a file". */
  async startImport(): Promise<void> {
    await this.press(this.main.getByRole('link', { name: this.t('data.now.import') }).first());
    await expect(this.stepTitle('import.file.title')).toBeVisible();
  }

  /**
   * Hands `file` to the File step the way `via` says: dropped on the drop zone (a real `drop`
   * event carrying the file), or chosen in the file chooser that pressing the zone opens.
   */
  async chooseFile(file: TestFile, via: 'drop' | 'chooser' = this.touch ? 'chooser' : 'drop'): Promise<void> {
    const zone = this.main.getByText(this.t('import.file.drop'));
    if (via === 'chooser') {
      const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.press(zone)]);
      await chooser.setFiles(file);
    } else {
      const transfer = await this.page.evaluateHandle(
        ({ base64, name, type }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], name, { type }));
          return data;
        },
        { base64: file.buffer.toString('base64'), name: file.name, type: file.mimeType },
      );
      await zone.dispatchEvent('dragover', { dataTransfer: transfer });
      await zone.dispatchEvent('drop', { dataTransfer: transfer });
      await transfer.dispose();
    }
    await expect(this.stepTitle('import.format.title')).toBeVisible({ timeout: 20_000 });
  }

  /** The select of a format setting on the Format step. */
  formatSetting(setting: 'delimiter' | 'decimal' | 'dateOrder' | 'encoding'): Locator {
    return this.main.getByLabel(this.t(`import.format.${setting}`), { exact: true });
  }

  /** Format step → Columns step. */
  async toColumns(): Promise<void> {
    await this.press(this.main.getByRole('button', { name: this.t('import.next'), exact: true }));
    await expect(this.stepTitle('import.columns.title')).toBeVisible();
  }

  /** The select of a customer field on the Columns step. */
  fieldSelect(field: 'id' | 'name' | 'segment' | 'stage' | 'owner' | 'mrr' | 'renewalDate'): Locator {
    return this.main.getByRole('combobox', { name: this.t(`import.columns.field.${field}`) });
  }

  /** The header a select has chosen, as its option reads ("A · ID_cliente"). */
  async chosen(select: Locator): Promise<string> {
    return (await select.locator('option:checked').textContent())?.trim() ?? '';
  }

  /** Sets "one date for the whole file" to `iso` (yyyy-mm-dd). */
  async setAsOf(iso: string): Promise<void> {
    await expect(this.main.getByRole('radio', { name: this.t('import.columns.asOf.day') })).toBeChecked();
    await this.main.getByLabel(this.t('import.columns.asOf.date'), { exact: true }).fill(iso);
  }

  /** Columns step → Check step, once the check is done. */
  async check(): Promise<void> {
    await this.press(this.main.getByRole('button', { name: this.t('import.columns.next') }));
    await expect(this.stepTitle('import.check.title')).toBeVisible();
    // Done when a verdict shows: ready, a choice to make, or blocked.
    const verdicts = [this.pattern('import.check.ok'), this.pattern('import.check.needsChoice.one'), this.pattern('import.check.needsChoice.other'), this.pattern('import.check.blocked')];
    await expect(this.main.getByRole('status').filter({ hasText: new RegExp(verdicts.map((v) => v.source).join('|')) })).toBeVisible({ timeout: 30_000 });
  }

  /** Presses `button` on the Check step and waits for the import's outcome. */
  async importWith(button: Locator): Promise<void> {
    await this.press(button);
    await expect(this.stepTitle('import.import.title')).toBeVisible();
    await expect(this.main.getByRole('link', { name: this.t('import.done.overview') })).toBeVisible({ timeout: 60_000 });
  }

  /** Check step → Import, for a file without bad rows. */
  async importNow(): Promise<void> {
    await expect(this.main.getByRole('status').filter({ hasText: this.t('import.check.ok') })).toBeVisible();
    await this.importWith(this.main.getByRole('button', { name: this.t('import.check.import'), exact: true }));
  }

  /** The summary the Import step shows once done. */
  async summary(): Promise<Summary> {
    await expect(this.main.getByRole('status').filter({ hasText: this.t('import.done.title') })).toBeVisible();
    const list = this.main.locator('dl').filter({ hasText: this.t('import.done.new') });
    const value = async (key: MessageKey) => integer(await list.locator('dt', { hasText: this.t(key) }).locator('xpath=following-sibling::dd[1]').textContent());
    return {
      new: await value('import.done.new'),
      updated: await value('import.done.updated'),
      unchanged: await value('import.done.unchanged'),
      skipped: await value('import.done.skipped'),
    };
  }

  /** Import step → File step, for another file. */
  async importAnother(): Promise<void> {
    await this.press(this.main.getByRole('button', { name: this.t('import.done.another') }));
    await expect(this.stepTitle('import.file.title')).toBeVisible();
  }

  /**
   * The whole wizard for a file whose suggested mapping is right and which has no bad rows:
   * from the File step to the summary, with one as-of date for the file.
   */
  async importFile(file: TestFile, asOf: string): Promise<Summary> {
    await this.chooseFile(file);
    await this.toColumns();
    await this.setAsOf(asOf);
    await this.check();
    await this.importNow();
    return this.summary();
  }

  /** Opens the wizard in a fresh page and imports `files` one after another, `files[k]` as of `asOf[k]`. */
  async seed(files: readonly TestFile[], asOf: readonly string[]): Promise<void> {
    await this.page.goto('/#/import');
    await this.ready();
    for (const [k, file] of files.entries()) {
      if (k > 0) await this.importAnother();
      await this.importFile(file, asOf[k]!);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Overview, data screen, customers

  /** The customer count the overview shows ("7,043 customers · Scored on …"). */
  async overviewCustomers(): Promise<number> {
    await expect(this.main.getByRole('heading', { level: 1, name: this.t('overview.title') })).toBeVisible();
    return integer(await this.main.locator('p').first().locator('strong').textContent());
  }

  /** The data screen's table of imports. */
  importsTable(): Locator {
    return this.main.getByRole('table', { name: this.t('data.imports.title') });
  }

  /** Each import as the data screen lists it: file, as-of, and the summary's columns. */
  async listedImports(): Promise<{ file: string; asOf: string; customers: number; summary: Summary }[]> {
    const rows = await this.importsTable().locator('tbody tr').all();
    const listed = [];
    for (const row of rows) {
      const cells = await row.locator('th, td').allTextContents();
      listed.push({
        file: cells[0]!.trim(),
        asOf: cells[1]!.trim(),
        customers: integer(cells[3]!),
        summary: { new: integer(cells[4]!), updated: integer(cells[5]!), unchanged: integer(cells[6]!), skipped: integer(cells[7]!) },
      });
    }
    return listed;
  }

  /** Presses the action of a confirmation dialog (the app's <dialog>, modal). */
  async confirm(title: MessageKey, button: MessageKey): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: this.t(title) });
    await expect(dialog).toBeVisible();
    await this.press(dialog.getByRole('button', { name: this.t(button), exact: true }));
    await expect(dialog).toHaveCount(0);
  }

  /** Opens a customer's page from the customer list (the link reads the customer's name, here their id). */
  async openCustomer(id: string): Promise<void> {
    await this.open('customers');
    // The list draws 200 rows at a time: find the customer as a CSM would, by searching.
    await this.main.getByRole('searchbox', { name: this.t('customers.search') }).fill(id);
    await this.press(this.main.getByRole('link', { name: id, exact: true }));
    await expect(this.page).toHaveURL(new RegExp(`#/customer\\?id=${encodeURIComponent(id)}$`));
    await this.customerReady();
  }

  /** Opens a customer's page by its address (a deep link), without going through the list. */
  async gotoCustomer(id: string): Promise<void> {
    await this.page.goto(`/#/customer?id=${encodeURIComponent(id)}`);
    await this.customerReady();
  }

  /** Waits until every part of a customer's page has loaded. */
  async customerReady(): Promise<void> {
    await this.ready();
    await expect(this.main.getByText(this.t('customer.loading'), { exact: true })).toHaveCount(0, { timeout: 20_000 });
  }

  /** A titled section of a customer's page (a region named by its <h2>). */
  section(title: MessageKey): Locator {
    return this.main.getByRole('region', { name: this.t(title), exact: true });
  }

  /**
   * The score the customer's page shows, `null` for none, read once: after a save, poll it
   * (`expect.poll`), as the page takes the new scores a moment after it says "Saved".
   */
  async customerScore(): Promise<number | null> {
    const text = (await this.section('customer.score.title').locator('p').first().textContent()) ?? '';
    const match = /^\s*(\d+)/.exec(text);
    return match ? Number(match[1]) : null;
  }

  /** The entries made by hand, as their list items. */
  entries(): Locator {
    return this.section('customer.entries.title').getByRole('listitem');
  }

  /** Presses one of the big choice buttons of a radio group of the entry form (`group`: its label). */
  async pickChoice(group: string, option: string): Promise<void> {
    const choices = this.section('customer.entry.title').getByRole('radiogroup', { name: group, exact: true });
    await this.press(choices.locator('label').filter({ has: this.page.getByRole('radio', { name: option, exact: true }) }));
    await expect(choices.getByRole('radio', { name: option, exact: true })).toBeChecked();
  }

  /** Saves the entry form and waits until the page shows the rescored customer. */
  async saveEntry(): Promise<void> {
    const form = this.section('customer.entry.title');
    await this.press(form.getByRole('button', { name: this.t('customer.entry.save') }));
    await expect(form.getByRole('status')).toHaveText(this.t('customer.entry.saved'));
    await this.customerReady();
  }

  /** Records a note only (no value) for today on the open customer page. */
  async addNote(text: string): Promise<void> {
    await this.pickChoice(this.t('customer.entry.what'), this.t('customer.entry.noteOnly'));
    await this.section('customer.entry.title').getByRole('textbox', { name: this.t('customer.entry.note'), exact: true }).fill(text);
    await this.saveEntry();
  }
}

/** Waits for the download `start` triggers, and saves it under the test's output folder. */
export async function download(page: Page, start: () => Promise<void>): Promise<{ name: string; path: string }> {
  const [event] = await Promise.all([page.waitForEvent('download'), start()]);
  const file = test.info().outputPath(event.suggestedFilename());
  await event.saveAs(file);
  return { name: event.suggestedFilename(), path: file };
}
