import type { Page } from '@playwright/test';
import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test, waitForApp } from './support';

/**
 * The method wizard on the demo, in Portuguese: start from a template, set the bands, score the
 * portfolio with the model (a new revision in use), write the band actions, and see them on the
 * overview; the wizard resumes where it was left after a reload. axe, 44 px targets, no sideways
 * scrolling and screenshots on every step.
 */
test.use({ locale: 'pt-BR', extraHTTPHeaders: { 'Accept-Language': 'pt-BR,pt;q=0.9' }, serviceWorkers: 'block' });

async function checkStep(page: Page, name: string): Promise<void> {
  await checkA11y(page, `#/method (${name})`);
  await checkTouchTargets(page, `#/method (${name})`);
  await checkNoSidewaysScroll(page, `#/method (${name})`);
  await shot(page, `method-${name}`);
}

test('the four steps, from a template to the band actions on the overview', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/#/');
  await waitForApp(page);
  await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Método' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Monte o seu health score' })).toBeVisible();
  await checkStep(page, 'start');

  await page.getByRole('button', { name: 'SaaS B2B' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Passo 1: Categorizar' })).toBeVisible();
  await expect(page.getByText('Guardado neste dispositivo', { exact: true })).toBeVisible();
  await checkStep(page, 'categorize');

  // Resumes at the same step after a reload.
  await page.getByRole('button', { name: 'Próximo: Pesar →' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Passo 2: Pesar' })).toBeVisible();
  await expect(page.getByText('Guardado neste dispositivo', { exact: true })).toBeVisible();
  await page.reload();
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Passo 2: Pesar' })).toBeVisible();

  // Bands: red up to 40 instead of 50.
  await page.getByRole('spinbutton', { name: 'Nota mais alta' }).first().fill('40');
  await page.getByRole('spinbutton', { name: 'Nota mais alta' }).first().press('Tab');
  await expect(page.getByText('Notas 41–70')).toBeVisible();
  await checkStep(page, 'weigh');

  await page.getByRole('button', { name: 'Próximo: Medir →' }).click();
  await page.getByRole('button', { name: 'Dar a nota aos meus clientes com este modelo' }).click();
  await expect(page.getByText(/agora é o modelo em uso/)).toContainText('B2B SaaS');
  await checkStep(page, 'measure');

  await page.getByRole('button', { name: 'Próximo: Executar →' }).click();
  const red = page.getByRole('textbox', { name: /O que fazemos com clientes “Vermelho”/ });
  await expect(red).toHaveValue(/Falar com o cliente agora/);
  await red.fill('Ligar ainda esta semana e montar um plano de recuperação.');
  await checkStep(page, 'execute');
  await page.getByRole('button', { name: 'Concluir' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Visão geral da carteira' })).toBeVisible();
  await expect(page.getByText('Ligar ainda esta semana e montar um plano de recuperação.')).toBeVisible();
  await shot(page, 'method-overview-actions');
});

test('a wrong or empty model file at the start says where it is wrong, and changes nothing', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/method');
  await waitForApp(page);
  const input = page.getByLabel('Arquivo de modelo (.json)');
  const broken = { format: 'health-model/v1', name: 'Quebrado', categories: [{ id: 'uso', weight: -1, metrics: [{ id: 'logins', weight: 1, scoring: { type: 'linear', worst: 5, best: 5 } }] }] };
  await input.setInputFiles({ name: 'quebrado.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const refused = page.getByRole('alert').filter({ hasText: 'Este arquivo não pode ser usado como está' });
  await expect(refused).toContainText('categories[0].weight');
  await expect(refused).toContainText('categories[0].metrics[0].scoring');
  await shot(page, 'method-start-refused');

  await input.setInputFiles({ name: 'vazio.json', mimeType: 'application/json', buffer: Buffer.from('') });
  await expect(page.getByRole('alert').filter({ hasText: 'Este arquivo não pode ser usado como está' })).toBeVisible();

  // Still at the start: no draft was made, and the model in use is the one it was.
  await expect(page.getByRole('button', { name: 'Começar do zero' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Passo 1/ })).toHaveCount(0);
  await page.goto('/#/settings');
  await waitForApp(page);
  await expect(page.getByText('B2B SaaS').first()).toBeVisible();
});
