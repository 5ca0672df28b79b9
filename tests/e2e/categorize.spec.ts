import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test, waitForApp } from './support';

/**
 * The method wizard's start choice and Categorize step (#/method). On the demo, in Portuguese, at each size: axe, 44 px targets, no sideways scrolling, keyboard on
 * the rule choice, screenshots of the start, the library, rules with their charts, and a template.
 */

test.use({ locale: 'pt-BR', extraHTTPHeaders: { 'Accept-Language': 'pt-BR,pt;q=0.9' }, serviceWorkers: 'block' });

test('categorize: start blank, add from the library, change the rule, see the chart', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/method');
  await waitForApp(page);
  await checkA11y(page, 'start');
  await checkTouchTargets(page, 'start');
  await checkNoSidewaysScroll(page, 'start');
  await shot(page, 'categorize-start');
  await page.getByRole('button', { name: 'Começar do zero' }).click();
  await page.getByRole('button', { name: 'Adicionar um indicador a “Primeira categoria”' }).click();
  await expect(page.getByText('Nos seus dados').first()).toBeVisible();
  await shot(page, 'categorize-library');
  await checkA11y(page, 'library');
  await checkTouchTargets(page, 'library');
  await checkNoSidewaysScroll(page, 'library');
  await page.getByRole('button', { name: 'Adicionar “Logins nos últimos 30 dias”' }).click();
  await page.getByRole('button', { name: 'Adicionar “Chamados de suporte nos últimos 30 dias”' }).click();
  await page.getByRole('button', { name: 'Fechar' }).click();
  await page.getByRole('button', { name: 'Mudar a regra de “Logins nos últimos 30 dias”' }).click();
  await expect(page.getByText(/^A maioria dos clientes/)).toBeVisible();
  // Keyboard: the choice of rule moves with the arrow keys, and the words follow.
  await page.getByRole('radio', { name: 'Quanto maior, melhor' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Quanto menor, melhor' })).toBeChecked();
  await expect(page.getByText(/ou menos → 100 pontos, .+ ou mais → 0 pontos/)).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Valor que dá 0 pontos' })).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('40');
  await expect(page.getByText(/ou menos → 100 pontos, 40 ou mais → 0 pontos/)).toBeVisible();
  await page.getByRole('button', { name: 'Mudar a regra de “Chamados de suporte nos últimos 30 dias”' }).click();
  await page.getByRole('radio', { name: 'Em degraus' }).last().click();
  await page.waitForTimeout(500);
  await checkA11y(page, 'rules');
  await checkTouchTargets(page, 'rules');
  await checkNoSidewaysScroll(page, 'rules');
  await shot(page, 'categorize-rules');
  const project = test.info().project.name;
  await page.locator('li.indicator').nth(0).screenshot({ path: `tests/e2e/screenshots/${project}-pt-BR-categorize-part-logins.png` });
  await page.locator('li.indicator').nth(1).screenshot({ path: `tests/e2e/screenshots/${project}-pt-BR-categorize-part-tickets.png` });
  await page.getByRole('button', { name: 'Adicionar um indicador a “Primeira categoria”' }).click();
  await page.getByRole('radio', { name: 'Dos seus dados' }).click();
  await expect(page.getByText('customer_since')).toBeVisible();
  await page.locator('section.add').screenshot({ path: `tests/e2e/screenshots/${project}-pt-BR-categorize-part-columns.png` });
});

test('categorize: the B2B template', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/method');
  await waitForApp(page);
  await page.getByRole('button', { name: 'SaaS B2B' }).click();
  await page.getByRole('button', { name: 'Mudar a regra de “CSM sentiment”' }).click();
  await page.getByRole('button', { name: 'Mudar a regra de “Onboarding done”' }).click();
  await page.waitForTimeout(500);
  await checkA11y(page, 'template');
  await checkTouchTargets(page, 'template');
  await checkNoSidewaysScroll(page, 'template');
  await shot(page, 'categorize-template');
  const project = test.info().project.name;
  await page.locator('li.indicator').filter({ has: page.getByRole('button', { name: 'Mudar a regra de “CSM sentiment”' }) }).screenshot({ path: `tests/e2e/screenshots/${project}-pt-BR-categorize-part-sentiment.png` });
  await page.locator('li.indicator').filter({ has: page.getByRole('button', { name: 'Mudar a regra de “Onboarding done”' }) }).screenshot({ path: `tests/e2e/screenshots/${project}-pt-BR-categorize-part-onboarding.png` });
});
