import { readFileSync, writeFileSync } from 'node:fs';
import { download, LANGUAGES, Pulso } from './flows';
import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test } from './support';

/**
 * The playbooks screen on the demo: a default playbook's trigger edited and saved changes what it
 * matches; a playbook added; the method exported as a file and used back (the same playbooks); a
 * wrong method file refused with its JSON paths. axe, 44 px targets and no sideways scrolling on
 * the list and in the editor; screenshots of both.
 */
test.use({ ...LANGUAGES.en, serviceWorkers: 'block' });

test('playbooks: edit, add, export the method and use it back, refuse a wrong file', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new Pulso(page, 'en');
  await page.goto('/#/playbooks');
  await app.ready();
  const main = app.main;
  await expect(main.getByRole('heading', { level: 1, name: app.t('playbooks.title') })).toBeVisible();
  const list = main.getByRole('list', { name: app.t('playbooks.title') });
  const cards = list.getByRole('listitem');
  const card = (name: string) => cards.filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
  const red = card(app.t('playbook.default.red.name'));
  const yellow = card(app.t('playbook.default.yellow.name'));
  await expect(red.getByText('When: the band is Red', { exact: true })).toBeVisible();
  const matching = async (item: typeof red) => Number(((await item.getByText(/match(es)? now$/).textContent()) ?? '').replace(/\D/g, ''));
  const redBefore = await matching(red);
  const yellowNow = await matching(yellow);
  expect(redBefore).not.toBe(yellowNow);
  await checkA11y(page, '#/playbooks');
  await checkTouchTargets(page, '#/playbooks');
  await checkNoSidewaysScroll(page, '#/playbooks');
  await shot(page, 'playbooks');

  // Edit the red playbook's trigger: the yellow band instead; its count becomes the yellow one's.
  await app.press(red.getByRole('button', { name: app.t('playbooks.editNamed', { name: app.t('playbook.default.red.name') }) }));
  const editor = main.getByRole('form');
  await expect(editor.getByRole('heading', { level: 2 })).toBeFocused();
  await editor.getByRole('group', { name: 'Trigger 1' }).getByRole('combobox', { name: 'Band' }).selectOption({ label: 'Yellow' });
  await checkA11y(page, '#/playbooks (editor)');
  await checkTouchTargets(page, '#/playbooks (editor)');
  await checkNoSidewaysScroll(page, '#/playbooks (editor)');
  await shot(page, 'playbooks-editor');
  await app.press(editor.getByRole('button', { name: app.t('playbooks.edit.save') }));
  await expect(red.getByText('When: the band is Yellow', { exact: true })).toBeVisible();
  await expect.poll(() => matching(red)).toBe(yellowNow);

  // Add a playbook: renewal within 60 days, OR a fall of 5 points; nothing saved while a field is wrong.
  await app.press(main.getByRole('button', { name: app.t('playbooks.add') }));
  await editor.getByRole('textbox', { name: app.t('playbooks.edit.name') }).fill('Renewals to secure');
  const first = editor.getByRole('group', { name: 'Trigger 1' });
  await first.getByRole('combobox', { name: app.t('playbooks.edit.kind') }).selectOption({ label: app.t('playbooks.kind.renewal-within') });
  await first.getByRole('spinbutton', { name: app.t('playbooks.edit.days') }).fill('60');
  await app.press(editor.getByRole('button', { name: app.t('playbooks.edit.addTrigger') }));
  const second = editor.getByRole('group', { name: 'Trigger 2' });
  await second.getByRole('combobox', { name: app.t('playbooks.edit.kind') }).selectOption({ label: app.t('playbooks.kind.score-fall') });
  await second.getByRole('spinbutton', { name: app.t('playbooks.edit.points') }).fill('0');
  await editor.getByRole('radio', { name: app.t('playbooks.edit.matchAny') }).check();
  await app.press(editor.getByRole('button', { name: app.t('playbooks.edit.save') }));
  await expect(second.getByRole('spinbutton', { name: app.t('playbooks.edit.points') })).toHaveAccessibleDescription(app.t('playbooks.problem.whole', { min: 1 }));
  await shot(page, 'playbooks-editor-problems');
  await second.getByRole('spinbutton', { name: app.t('playbooks.edit.points') }).fill('5');
  await app.press(editor.getByRole('button', { name: app.t('playbooks.edit.save') }));
  const added = card('Renewals to secure');
  await expect(added.getByText('When: the renewal is within 60 days OR the score falls by 5 points or more', { exact: true })).toBeVisible();
  await expect(cards).toHaveCount(5);

  // Export the method; delete the new playbook; use the file back: the same five playbooks.
  const exported = await download(page, () => app.press(main.getByRole('button', { name: app.t('playbooks.method.export') })));
  expect(exported.name).toMatch(/\.pulso-method\.json$/);
  const file = JSON.parse(readFileSync(exported.path, 'utf8')) as { format: string; playbooks: { name: string }[]; model: { name: string } };
  expect(file.format).toBe('pulso-method/v1');
  const names = file.playbooks.map((p) => p.name);
  expect(names).toHaveLength(5);
  await app.press(added.getByRole('button', { name: app.t('playbooks.deleteNamed', { name: 'Renewals to secure' }) }));
  await app.press(page.getByRole('dialog').getByRole('button', { name: app.t('playbooks.delete') }));
  await expect(cards).toHaveCount(4);

  await main.getByLabel(app.t('playbooks.method.use'), { exact: true }).setInputFiles(exported.path);
  const summary = main.getByRole('region', { name: app.t('playbooks.method.checked', { file: exported.name }) });
  await expect(summary).toContainText(app.t('playbooks.method.model', { name: file.model.name }));
  await expect(summary).toContainText(app.count('playbooks.method.playbooks', 5, { names: names.join(', ') }));
  await shot(page, 'playbooks-method-summary');
  await app.press(summary.getByRole('button', { name: app.t('playbooks.method.confirm') }));
  await expect(main.getByText(app.count('playbooks.method.used', 5, { name: file.model.name }))).toBeVisible();
  await expect(cards).toHaveCount(5);
  expect(await cards.getByRole('heading', { level: 2 }).allTextContents()).toEqual(names);
  await expect(red.getByText('When: the band is Yellow', { exact: true })).toBeVisible();

  // A wrong method file: refused with every problem by its JSON path, nothing changed.
  const wrong = test.info().outputPath('wrong.pulso-method.json');
  const broken = JSON.parse(readFileSync(exported.path, 'utf8')) as { playbooks: { triggers: Record<string, unknown>[] }[] };
  broken.playbooks[4]!.triggers[1]!['points'] = 0;
  broken.playbooks[0]!.triggers[0]!['kind'] = 'moon-phase';
  writeFileSync(wrong, JSON.stringify(broken));
  await main.getByLabel(app.t('playbooks.method.use'), { exact: true }).setInputFiles(wrong);
  const refusal = main.getByRole('alert').filter({ hasText: app.t('playbooks.method.refused') });
  await expect(refusal).toContainText('playbooks[0].triggers[0].kind');
  await expect(refusal).toContainText('playbooks[4].triggers[1].points must be a whole number of 1 or more, found the number 0');
  await expect(cards).toHaveCount(5);
  await checkA11y(page, '#/playbooks (refused)');
  await checkNoSidewaysScroll(page, '#/playbooks (refused)');
  await shot(page, 'playbooks-method-refused');
});
