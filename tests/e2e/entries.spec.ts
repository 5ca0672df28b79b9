import { monthlyFiles, TELCO_ID } from './files';
import { LANGUAGES, NPS_LABEL, Pulso } from './flows';
import { expect, test } from './support';

/**
 * Entering values and notes by hand on a customer's page, by touch on the tablet (a CSM's
 * device): a value goes into the score and its explanation at once, a note only into the list.
 * The desktop clicks through the same form in data.spec.ts, the phone taps it in wizard.spec.ts.
 */
// Playwright reads a hook's fixtures from this pattern: an empty one is how it says "none".
// eslint-disable-next-line no-empty-pattern
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== 'tablet', 'by touch on the tablet; the desktop clicks through this form in data.spec.ts, the phone taps it in wizard.spec.ts');
});
test.use({ ...LANGUAGES.en, serviceWorkers: 'block' });

test('an NPS answer tapped in moves the score and shows in the explanation; a note only joins the list', async ({ page }) => {
  const monthly = monthlyFiles();
  const [first] = monthly.tables;
  const nps = first.header.indexOf('NPS');
  // A promoter (NPS 10) in the file: the model's NPS metric gives 100 points, the only metric the file has.
  const id = first.rows.find((row) => row[nps] === '10')![first.header.indexOf(TELCO_ID)]!;
  const app = new Pulso(page, 'en');
  await app.seed(monthly.files.slice(0, 1), monthly.asOf);

  await app.openCustomer(id);
  await expect.poll(() => app.customerScore()).toBe(100);
  await expect(app.entries()).toHaveCount(0);
  await expect(app.section('customer.entries.title')).toContainText(app.t('customer.entries.none'));

  await app.pickChoice(app.t('customer.entry.what'), NPS_LABEL);
  await expect(app.section('customer.entry.title').getByText(app.t('customer.entry.npsHint'))).toBeVisible();
  await app.pickChoice(NPS_LABEL, '3');
  await app.saveEntry();

  await expect(app.entries()).toHaveCount(1);
  await expect(app.entries().first()).toContainText(NPS_LABEL);
  await expect(app.entries().first().getByText('3', { exact: true })).toBeVisible();
  // A detractor now: 0 points, and the explanation says where they come from.
  await expect.poll(() => app.customerScore()).toBe(0);
  const why = app.section('customer.why.title');
  await expect(why).toContainText(app.pattern('customer.why.plain', { score: 0 }));
  const npsLine = why.getByRole('table', { name: app.t('customer.why.caption') }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: NPS_LABEL }) });
  await expect(npsLine.getByRole('cell').first()).toHaveText('3');
  await expect(npsLine.getByRole('cell').nth(1)).toHaveText(/^0(\.0)?$/);
  // The entry is today's: the history gains a point after the import's.
  await expect(app.section('customer.history.title').getByRole('table').locator('tbody tr')).toHaveCount(2);

  // A note only: in the list, the score as it was.
  await app.pickChoice(app.t('customer.entry.what'), app.t('customer.entry.noteOnly'));
  const note = app.section('customer.entry.title').getByRole('textbox', { name: app.t('customer.entry.note'), exact: true });
  await app.press(note);
  await note.fill('Unhappy with the last invoice; call back on Monday.');
  await app.saveEntry();
  await expect(app.entries()).toHaveCount(2);
  await expect(app.entries().first()).toContainText(app.t('customer.entries.noteOnly'));
  await expect(app.entries().first()).toContainText('Unhappy with the last invoice; call back on Monday.');
  await expect.poll(() => app.customerScore()).toBe(0);

  // Both survive a reload.
  await page.reload();
  await app.customerReady();
  await expect(app.entries()).toHaveCount(2);
});

test('the form says what is missing instead of saving nothing', async ({ page }) => {
  const monthly = monthlyFiles();
  const app = new Pulso(page, 'en');
  await app.seed(monthly.files.slice(0, 1), monthly.asOf);
  await app.gotoCustomer(monthly.everywhere[0]!);
  const form = app.section('customer.entry.title');

  await app.press(form.getByRole('button', { name: app.t('customer.entry.save') }));
  await expect(form.getByText(app.t('customer.entry.error.choose'))).toBeVisible();
  await expect(form.getByRole('radiogroup', { name: app.t('customer.entry.what') })).toHaveAttribute('aria-invalid', 'true');

  await app.pickChoice(app.t('customer.entry.what'), NPS_LABEL);
  await app.press(form.getByRole('button', { name: app.t('customer.entry.save') }));
  await expect(form.getByText(app.t('customer.entry.error.nps'))).toBeVisible();

  await app.pickChoice(app.t('customer.entry.what'), app.t('customer.entry.noteOnly'));
  await app.press(form.getByRole('button', { name: app.t('customer.entry.save') }));
  await expect(form.getByText(app.t('customer.entry.error.note'))).toBeVisible();
  await expect(form.getByRole('textbox', { name: app.t('customer.entry.note'), exact: true })).toBeFocused();
  await expect(app.entries()).toHaveCount(0);
});
