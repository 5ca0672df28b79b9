import { LANGUAGES, Pulso } from './flows';
import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test } from './support';

/**
 * A customer's page on the demo, on each project: the score chart with its band zones, the
 * indicator values with a stale one flagged in words, and a band set by hand — refused without a
 * reason, then shown set by hand on the page and in the customer list, and ended. axe, 44 px
 * targets and no sideways scrolling on the page with everything open; screenshots.
 */
test.use({ ...LANGUAGES.en, serviceWorkers: 'block' });

/** A red customer of the demo whose CSM sentiment is stale (the demo is the same every day). */
const ID = 'C0090';

test('the customer page: score chart, stale indicator, band set by hand', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new Pulso(page, 'en');
  await app.gotoCustomer(ID);

  // The chart, described in words, over the band zones; the table beside it.
  const history = app.section('customer.history.title');
  await expect(history.getByRole('img', { name: /^Score over time, \d+ snapshots .* The shaded zones are the bands: Red up to 50, Yellow up to 70, Green up to 100\.$/ })).toBeVisible();
  await expect(history.locator('canvas')).toBeVisible();
  await expect(history.getByRole('table')).toBeVisible();

  // The stale indicator, in words.
  const indicators = app.section('customer.indicators.title');
  const sentiment = indicators.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /CSM sentiment/ }) });
  await expect(sentiment).toContainText(/Stale: last updated \d+ days ago \(older than the 90 days this indicator allows\)/);
  const more = sentiment.getByRole('button', { name: /^All values \(\d+\)$/ });
  if (await more.count()) {
    await app.press(more);
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(indicators.getByRole('table', { name: 'Every value of CSM sentiment, newest first' })).toBeVisible();
  }

  // Set by hand: not without a reason.
  const form = app.section('customer.override.title');
  const choices = form.getByRole('radiogroup', { name: 'Band', exact: true });
  await app.press(choices.locator('label').filter({ has: page.getByRole('radio', { name: 'Green', exact: true }) }));
  await app.press(form.getByRole('button', { name: 'Set this band' }));
  await expect(form.getByText('Write the reason: a band set by hand needs one.')).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'Reason (required)' })).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page, '#/customer (refused)');
  await shot(page, 'customer-override-refused');

  await form.getByRole('textbox', { name: 'Reason (required)' }).fill('Champion renewed verbally; contract on its way.');
  await app.press(form.getByRole('button', { name: 'Set this band' }));
  await expect(form.getByRole('status')).toHaveText('Band set by hand. It shows wherever this customer’s band shows.');
  await app.customerReady();
  const score = app.section('customer.score.title');
  await expect(score).toContainText(/Band set by hand: Green until /);
  await expect(score).toContainText('Reason: Champion renewed verbally; contract on its way.');
  await expect(score).toContainText(/Computed: Red, \d+/);
  await expect(score.getByText('set by hand', { exact: true })).toBeVisible();

  await checkA11y(page, '#/customer');
  await checkTouchTargets(page, '#/customer');
  await checkNoSidewaysScroll(page, '#/customer');
  await shot(page, 'customer-detail');

  // In the customer list too.
  await app.open('customers');
  await app.main.getByRole('searchbox', { name: app.t('customers.search') }).fill(ID);
  const line = app.main.getByRole('row').filter({ hasText: ID });
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Green');
  await expect(line.getByText('set by hand', { exact: true })).toBeVisible();
  await checkNoSidewaysScroll(page, '#/customers');
  await shot(page, 'customers-set-by-hand');

  // Ended: the computed band again.
  await app.press(line.getByRole('link'));
  await app.customerReady();
  await app.press(score.getByRole('button', { name: /^End the band set by hand \(Green until .+\) now$/ }));
  await expect(score.getByRole('status')).toHaveText('The band set by hand has ended: the computed band shows again.');
  await expect(score.getByText('set by hand', { exact: true })).toHaveCount(0);
  await expect(app.section('customer.override.title')).toContainText('Ended by hand');
});

test.describe('in Portuguese', () => {
  test.use({ ...LANGUAGES['pt-BR'] });

  test('the customer page reads in Portuguese, with the band set by hand and the band’s action', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new Pulso(page, 'pt-BR');
    await app.gotoCustomer(ID);
    await expect(app.section('customer.history.title').locator('canvas')).toBeVisible();
    await expect(app.main.getByText(app.t('band.action.title'), { exact: true }).first()).toBeVisible();
    await expect(app.section('customer.move.title')).toBeVisible();
    await checkA11y(page, '#/customer (pt-BR)');
    await checkTouchTargets(page, '#/customer (pt-BR)');
    await checkNoSidewaysScroll(page, '#/customer (pt-BR)');
    await shot(page, 'customer-detail');
  });
});
