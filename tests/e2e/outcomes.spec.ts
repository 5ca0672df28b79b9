import { datasetFile, readDataset } from './files';
import { LANGUAGES, Pulso } from './flows';
import { importData, importOutcomes, openOutcomes, renewByHand, tally } from './outcome-flows';
import { checkA11y, expect, shot, test } from './support';

/**
 * Outcomes (issue #7): a user with their own data (a Telco file) records who churned and who
 * renewed by importing the same file on the calibration screen — mapped and checked like any
 * import — then records one customer's outcome by hand on their page, and finds it again after
 * a reload. In English with the IBM file (Yes/No), in Portuguese with its translation (Sim/Não,
 * and blank rows left out). Tapped on touch screens.
 */
test.use({ serviceWorkers: 'block' });


test.describe('in English', () => {
  test.use(LANGUAGES.en);

  test('own data: outcomes imported from the Telco file, then one renewed by hand, kept after a reload', async ({ page }) => {
    test.setTimeout(240_000);
    const app = new Pulso(page, 'en');
    const file = datasetFile('telco-customer-churn.csv');
    const expected = tally('telco-customer-churn.csv', 'Churn', 'Yes', 'No');
    expect(expected).toEqual({ churned: 1_869, renewed: 5_174, blank: 0 });
    await importData(app, file);
    await importOutcomes(app, file, { id: 'customerID', status: 'Churn', churned: ['Yes', 1_869], renewed: ['No', 5_174], blank: 0 });

    // 3668-QPYBK churned in the file; the CSM knows better.
    await renewByHand(app, '3668-QPYBK', 'Signed again after all');
    const section = await openOutcomes(app);
    const counts = section.getByRole('list', { name: app.t('outcomes.counts.label') });
    await expect(counts).toContainText(app.count('outcomes.counts.churned', 1_868));
    await expect(counts).toContainText(app.count('outcomes.counts.renewed', 5_175));
    // The latest outcome is the one recorded by hand, linked to its customer.
    await expect(section.getByRole('link', { name: '3668-QPYBK' })).toHaveAttribute('href', '#/customer?id=3668-QPYBK');
  });
});

test.describe('em português', () => {
  test.use(LANGUAGES['pt-BR']);

  test('dados próprios: resultados do arquivo em português (Sim/Não, linhas em branco de fora), e um renovado à mão', async ({ page }) => {
    test.setTimeout(240_000);
    const app = new Pulso(page, 'pt-BR');
    const file = datasetFile('telco-churn-pt.csv');
    const expected = tally('telco-churn-pt.csv', 'Churn', 'Sim', 'Não');
    expect(expected).toEqual({ churned: 1_869, renewed: 5_174, blank: 224 });
    await importData(app, file);
    await importOutcomes(app, file, { id: 'ID_cliente', status: 'Churn', churned: ['Sim', 1_869], renewed: ['Não', 5_174], blank: 224 });

    const table = readDataset('telco-churn-pt.csv');
    const churned = table.rows.find((row) => row[1] === 'Sim')![0]!;
    await renewByHand(app, churned, 'Renovou depois da ligação');
  });
});

test.describe('on the demo', () => {
  test.use(LANGUAGES.en);

  test('a wrong outcomes file says what is wrong and records nothing: an empty file, then two outcomes of one customer on one day', async ({ page }) => {
    const app = new Pulso(page, 'en');
    const section = await openOutcomes(app);
    const counts = section.getByRole('list', { name: app.t('outcomes.counts.label') });
    const before = await counts.innerText();
    await app.press(section.getByRole('button', { name: app.t('outcomes.import.start') }));
    const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await section.getByLabel(app.t('outcomes.import.pick')).setInputFiles(csv('empty.csv', ''));
    await expect(section.getByText(app.t('outcomes.import.unreadable', { file: 'empty.csv' }))).toBeVisible({ timeout: 20_000 });

    // A demo customer churned and renewed on the same day: refused, by row, and "Record" cannot be pressed.
    const id = (await section.getByRole('link').first().getAttribute('href'))!.replace('#/customer?id=', '');
    await section.getByLabel(app.t('outcomes.import.pick')).setInputFiles(csv('twice.csv', `id,churn,date\n${decodeURIComponent(id)},yes,2026-01-10\n${decodeURIComponent(id)},no,2026-01-10\n`));
    await expect(section.getByRole('combobox', { name: app.t('outcomes.import.id') })).toBeVisible({ timeout: 20_000 });
    await app.press(section.getByRole('button', { name: app.t('outcomes.import.check'), exact: true }));
    await expect(section.getByText(app.t('outcomes.problem.conflict'))).toBeVisible({ timeout: 20_000 });
    await expect(section.getByText(app.t('outcomes.check.blocked'))).toBeVisible();
    await expect(section.getByRole('button', { name: app.t('outcomes.import.record') })).toBeDisabled();
    await checkA11y(page, '#/calibration outcomes refused');
    await shot(page, 'outcomes-refused');
    await app.press(section.getByRole('button', { name: app.t('outcomes.import.cancel') }));
    await expect(counts).toHaveText(before);
  });

  test('an outcome recorded by hand on a demo customer shows, and is forgotten', async ({ page }) => {
    const app = new Pulso(page, 'en');
    await page.goto('/#/customers');
    await app.ready();
    const first = app.main.locator('a[href^="#/customer?id="]').first();
    const name = (await first.textContent())?.trim() ?? '';
    await app.press(first);
    await app.customerReady();
    await expect(app.main.getByRole('heading', { level: 1, name })).toBeVisible();
    const panel = app.section('outcomes.panel.title');
    const form = panel.getByRole('form', { name: /Record (an|another) outcome/ });
    await app.press(form.getByRole('radiogroup', { name: app.t('outcomes.panel.status') }).locator('label').filter({ has: page.getByRole('radio', { name: app.t('outcomes.status.churned'), exact: true }) }));
    await app.press(form.getByRole('button', { name: app.t('outcomes.panel.save'), exact: true }));
    await expect(panel.getByText(app.pattern('outcomes.on', { status: app.t('outcomes.status.churned') }))).toBeVisible();
    await expect(panel.getByText(`· ${app.t('outcomes.source.manual')}`)).toBeVisible();
    await app.press(panel.getByRole('button', { name: app.t('outcomes.panel.forget') }));
    await expect(panel.getByText(app.t('outcomes.panel.none'))).toBeVisible();
  });
});
