import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test, waitForApp } from './support';

/**
 * The weights screen on the demo, in Portuguese, on each project: a slider moved by keyboard
 * rescores the bands in the worker, axe finds nothing, every control is a 44 px target, nothing
 * scrolls sideways; screenshots before and after.
 */
test.use({ locale: 'pt-BR', extraHTTPHeaders: { 'Accept-Language': 'pt-BR,pt;q=0.9' }, serviceWorkers: 'block' });

test('weighing the indicators rescores the bands while the slider moves', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/settings');
  await waitForApp(page);
  await page.getByRole('link', { name: 'Ajustar os pesos' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pese os indicadores' })).toBeVisible();
  const changed = page.getByText(/mudariam? de faixa$/);
  await expect(changed).toHaveText('0 cliente mudaria de faixa');
  await checkA11y(page, '#/weights');
  await checkTouchTargets(page, '#/weights');
  await checkNoSidewaysScroll(page, '#/weights');
  await shot(page, 'weights');

  const slider = page.getByRole('slider').first();
  await slider.focus();
  for (let k = 0; k < 30; k++) await slider.press('ArrowLeft');
  await expect(changed).not.toHaveText('0 cliente mudaria de faixa');
  await expect(page.getByRole('button', { name: 'Salvar como modelo em uso' })).toBeEnabled();
  await shot(page, 'weights-moved');
});
