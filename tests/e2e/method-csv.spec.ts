import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { datasetFile } from './files';
import { download, LANGUAGES, Pulso } from './flows';
import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test } from './support';

/**
 * A new user with their own CSV (the IBM Telco file from ../shared/data), in English: import it,
 * then build a health score from a blank page with three of its columns, weigh them, score the
 * portfolio, write what the team does per band — tapped on touch screens. Then the model file and
 * the scores the app exports are checked against the headless scorer run on the same file.
 */
test.use({ ...LANGUAGES.en, serviceWorkers: 'block' });

const AS_OF = '2026-03-31';

test('from a CSV to a scored portfolio in four steps, with the same scores as the headless scorer', async ({ page }) => {
  test.setTimeout(240_000);
  const app = new Pulso(page, 'en');
  const file = datasetFile('telco-customer-churn.csv');
  await page.goto('/#/import');
  await app.ready();
  await app.importFile(file, AS_OF);

  // Step 1: start blank, add three of the file's own columns.
  await page.goto('/#/method');
  await app.ready();
  await app.press(app.main.getByRole('button', { name: app.t('categorize.start.blankButton') }));
  const category = app.t('categorize.start.blankCategory');
  for (const column of ['tenure', 'Contract', 'TechSupport']) {
    await app.press(app.main.getByRole('button', { name: app.t('categorize.add.openLabel', { category }) }));
    await app.press(app.main.getByRole('radio', { name: app.t('categorize.add.columns') }));
    await app.press(app.main.getByRole('button', { name: app.t('categorize.add.addLabel', { name: column }) }));
    await app.press(app.main.getByRole('button', { name: app.t('categorize.add.close') }));
  }
  await expect(app.main.getByText(/Ready for the next step: 1 category, 3 indicators/)).toBeVisible();
  await app.press(app.main.getByRole('button', { name: app.t('categorize.indicator.editLabel', { name: 'tenure' }) }));
  // The rule in plain words follows the fields: 48 months or more gives full points.
  const tenure = app.main.getByRole('listitem').filter({ has: page.getByRole('textbox', { name: 'Name of the indicator “tenure”' }) });
  await expect(tenure).toContainText('2 or less → 0 points, 69 or more → 100 points');
  await app.main.getByRole('textbox', { name: 'Value that gives 100 points' }).fill('48');
  await expect(tenure).toContainText('2 or less → 0 points, 48 or more → 100 points');
  await expect(app.main.getByRole('figure', { name: 'Your customers, and the points this rule gives them' })).toContainText('Most customers');
  await checkA11y(page, '#/method categorize (CSV)');
  await checkTouchTargets(page, '#/method categorize (CSV)');
  await checkNoSidewaysScroll(page, '#/method categorize (CSV)');
  await shot(page, 'method-csv-categorize');

  // Step 2: weigh — the bands are rescored while a weight moves.
  await app.press(app.main.getByRole('button', { name: `${app.t('method.next', { name: app.t('method.step.weigh') })} →` }));
  await expect(app.main.getByRole('heading', { level: 2, name: app.t('method.step.title', { n: 2, name: app.t('method.step.weigh') }) })).toBeVisible();
  const slider = app.main.getByRole('slider', { name: app.t('weights.weight', { name: 'tenure' }) });
  await slider.focus();
  for (let k = 0; k < 5; k++) await slider.press('ArrowRight');
  await expect(app.main.getByText(/would change band/)).toBeVisible();
  await checkA11y(page, '#/method weigh (CSV)');
  await checkTouchTargets(page, '#/method weigh (CSV)');
  await shot(page, 'method-csv-weigh');

  // Step 3: measure.
  await app.press(app.main.getByRole('button', { name: `${app.t('method.next', { name: app.t('method.step.measure') })} →` }));
  await app.press(app.main.getByRole('button', { name: app.t('method.measure.run') }));
  await expect(app.main.getByText(/is now the model in use: 7,043 customers scored as of March 31, 2026/)).toBeVisible();
  await shot(page, 'method-csv-measure');

  // Step 4: execute, then the overview says what the team does.
  await app.press(app.main.getByRole('button', { name: `${app.t('method.next', { name: app.t('method.step.execute') })} →` }));
  await app.main.getByRole('textbox', { name: app.t('method.execute.for', { band: 'Yellow' }) }).fill('Review the contract with them before the renewal.');
  await app.press(app.main.getByRole('button', { name: app.t('method.execute.finish') }));
  await expect(app.main.getByRole('heading', { level: 1, name: app.t('overview.title') })).toBeVisible();
  await expect(app.main.getByText('Review the contract with them before the renewal.')).toBeVisible();
  await shot(page, 'method-csv-overview');

  // The app's scores equal the headless scorer's for the same model file and data.
  await page.goto('/#/settings');
  await app.ready();
  const model = await download(page, () => app.press(app.main.getByRole('button', { name: app.t('settings.model.export') })));
  await page.goto('/#/data');
  await app.ready();
  await app.press(app.main.getByRole('radio', { name: app.t('data.export.standard') }));
  const scores = await download(page, () => app.press(app.main.getByRole('button', { name: app.t('data.export.button') })));

  const data = test.info().outputPath('telco.csv');
  writeFileSync(data, file.buffer);
  const root = path.resolve(import.meta.dirname, '../..');
  const cli = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src/cli/score.ts'), '--model', model.path, '--data', data, '--id', 'customerID', '--as-of', AS_OF], { encoding: 'utf8', cwd: root });
  expect(cli.status, cli.stderr).toBe(0);
  const headless = new Map(cli.stdout.trim().split('\n').slice(1).map((line) => {
    const [id, score] = line.split(',');
    return [id!, score!];
  }));
  const exported = readFileSync(scores.path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = exported[0]!.split(',');
  const idAt = header.indexOf(app.t('data.export.col.id'));
  const scoreAt = header.indexOf(app.t('customers.col.score'));
  expect(idAt).toBeGreaterThanOrEqual(0);
  expect(scoreAt).toBeGreaterThanOrEqual(0);
  expect(exported.length - 1).toBe(7_043);
  expect(headless.size).toBe(7_043);
  let same = 0;
  for (const line of exported.slice(1)) {
    const cells = line.split(',');
    if (headless.get(cells[idAt]!) === cells[scoreAt]) same++;
  }
  expect(same).toBe(7_043);
});
