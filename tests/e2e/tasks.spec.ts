import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestFile } from './files';
import { LANGUAGES, Pulso } from './flows';
import { checkA11y, checkNoSidewaysScroll, checkTouchTargets, expect, shot, test, waitForServiceWorker } from './support';

/**
 * The tasks screen: on the demo, the default playbooks' tasks are there, one owner's are shown
 * (and stay so after a reload), one is ticked with a tap and undone. On own data (the demo's
 * tasks live in memory) a task ticked stays done after a reload, and with the network off another
 * is ticked, noted and stays done after a reload. A task added on a customer's page stays. axe,
 * 44 px targets and no sideways scrolling on each screen; screenshots in English and Portuguese.
 */

/** Six customers with the B2B SaaS model's columns (Brazilian Excel format): some of them red or yellow as of 2024-06-30. */
const B2B_FILE: TestFile = {
  name: 'b2b-saas-pt-br.csv',
  mimeType: 'text/csv',
  buffer: readFileSync(path.resolve(import.meta.dirname, '../fixtures/csv/b2b-saas-pt-br.csv')),
};

/** The cards of open tasks (those with a "Done" button), and of one customer's task among them. */
function openCards(p: Pulso): Locator {
  return p.main.locator('article').filter({ has: p.page.getByRole('button', { name: new RegExp(`^${p.t('tasks.done')}: `) }) });
}

/** A task as the user tells it apart: its customer and its title. */
interface Seen {
  readonly customer: string;
  readonly title: string;
}

async function seen(card: Locator): Promise<Seen> {
  return {
    customer: (await card.getByRole('link').first().textContent())!.trim(),
    title: (await card.getByRole('heading', { level: 3 }).textContent())!.trim(),
  };
}

function cardOf(scope: Locator, task: Seen): Locator {
  return scope.locator('article').filter({ has: scope.page().getByRole('link', { name: task.customer, exact: true }) }).filter({ has: scope.page().getByRole('heading', { level: 3, name: task.title, exact: true }) });
}

async function checkScreen(page: Page, where: string): Promise<void> {
  await checkA11y(page, where);
  await checkTouchTargets(page, where);
  await checkNoSidewaysScroll(page, where);
}

test.describe('in English', () => {
  test.use(LANGUAGES.en);

  test('the default playbooks’ tasks on the demo: by owner, kept in the link, ticked with a thumb, undone', async ({ page }) => {
    test.setTimeout(120_000);
    const p = new Pulso(page, 'en');
    await page.goto('/#/tasks');
    await p.ready();
    await expect(openCards(p).first()).toBeVisible({ timeout: 30_000 });
    for (const group of ['overdue', 'today', 'upcoming'] as const) {
      await expect(p.main.getByRole('region', { name: new RegExp(`^${p.t(`tasks.group.${group}`)} `) })).toBeVisible();
    }
    await checkScreen(page, '#/tasks');
    await shot(page, 'tasks');

    // One owner's tasks, kept in the link.
    const owner = p.main.getByRole('combobox', { name: p.t('tasks.owner') });
    const names = (await owner.locator('option').allTextContents()).filter((n) => n !== p.t('tasks.owner.all') && n !== p.t('tasks.owner.none'));
    expect(names.length).toBeGreaterThan(1);
    const someone = names[0]!;
    await owner.selectOption({ label: someone });
    await expect(page).toHaveURL(/#\/tasks\?owner=/);
    await expect(openCards(p).first()).toBeVisible();
    const owners = await openCards(p).getByText(new RegExp(`^${p.t('tasks.assigned', { owner: '' })}`)).allTextContents();
    expect(new Set(owners)).toEqual(new Set([p.t('tasks.assigned', { owner: someone })]));
    await page.reload();
    await p.ready();
    await expect(owner).toHaveValue(`owner:${someone}`);
    await expect(openCards(p).first()).toBeVisible();

    // One tap: done, with its undo; the undo opens it again.
    const first = await seen(openCards(p).first());
    await p.press(cardOf(p.main, first).getByRole('button', { name: p.t('tasks.done.label', { title: first.title }) }));
    const undo = cardOf(p.main, first).getByRole('button', { name: p.t('tasks.undo.label', { title: first.title }) });
    await expect(undo).toBeVisible();
    await expect(cardOf(p.main, first).getByText(p.t('tasks.justDone'))).toBeVisible();
    await checkScreen(page, '#/tasks (ticked)');
    await shot(page, 'tasks-ticked');
    await p.press(undo);
    await expect(cardOf(p.main, first).getByRole('button', { name: p.t('tasks.done.label', { title: first.title }) })).toBeVisible();
  });

  test('on own data, a task ticked stays done after a reload, and after a reload with the network off', async ({ page, context }) => {
    test.setTimeout(180_000);
    const p = new Pulso(page, 'en');
    // The service worker first: offline later needs it, and its "works offline" note is closed before the wizard's taps.
    await page.goto('/');
    await p.ready();
    await waitForServiceWorker(page);
    const note = page.getByRole('status').filter({ hasText: p.t('pwa.offlineReady') });
    await note.getByRole('button', { name: p.t('pwa.close') }).click();
    await expect(note).toHaveCount(0);
    await p.seed([B2B_FILE], ['2024-06-30']);
    await page.goto('/#/tasks');
    await p.ready();
    await expect(openCards(p).first()).toBeVisible({ timeout: 30_000 });
    const history = p.main.getByRole('region', { name: p.t('tasks.closed.title') });

    const first = await seen(openCards(p).first());
    await p.press(cardOf(p.main, first).getByRole('button', { name: p.t('tasks.done.label', { title: first.title }) }));
    await expect(cardOf(p.main, first).getByRole('button', { name: p.t('tasks.undo.label', { title: first.title }) })).toBeVisible();
    await page.reload();
    await p.ready();
    await expect(cardOf(history, first)).toBeVisible();
    await expect(cardOf(history, first).getByText(p.t('tasks.outcome.none'))).toBeVisible();
    await expect(openCards(p).filter({ has: page.getByRole('heading', { level: 3, name: first.title, exact: true }) }).filter({ has: page.getByRole('link', { name: first.customer, exact: true }) })).toHaveCount(0);

    await context.setOffline(true);
    try {
      await page.reload();
      await p.ready();
      await expect(openCards(p).first()).toBeVisible();
      const second = await seen(openCards(p).first());
      await p.press(cardOf(p.main, second).getByRole('button', { name: p.t('tasks.done.label', { title: second.title }) }));
      const note = cardOf(p.main, second).getByRole('textbox', { name: p.t('tasks.note.optional') });
      await note.fill('Called them offline');
      await p.press(cardOf(p.main, second).getByRole('button', { name: p.t('tasks.note.save') }));
      await expect(cardOf(p.main, second).getByText(p.t('tasks.note.saved'))).toBeVisible();
      await page.reload();
      await p.ready();
      await expect(cardOf(history, second).getByText(p.t('tasks.outcome', { note: 'Called them offline' }))).toBeVisible();
      await expect(cardOf(history, first)).toBeVisible();
      await shot(page, 'tasks-offline');
    } finally {
      await context.setOffline(false);
    }
  });

});

test.describe('in English, without the service worker', () => {
  test.use({ ...LANGUAGES.en, serviceWorkers: 'block' });

  test('a task added by hand on a customer’s page, kept after a reload (own data)', async ({ page }) => {
    test.setTimeout(120_000);
    const p = new Pulso(page, 'en');
    await p.seed([B2B_FILE], ['2024-06-30']);
    await page.goto('/#/tasks');
    await p.ready();
    await expect(openCards(p).first()).toBeVisible({ timeout: 30_000 });
    const customer = (await openCards(p).first().getByRole('link').first().textContent())!.trim();
    await p.press(openCards(p).first().getByRole('link').first());
    await expect(p.main.getByRole('heading', { level: 1, name: customer })).toBeVisible();

    const panel = p.main.getByRole('region', { name: p.t('tasks.panel.title'), exact: true });
    await expect(panel.locator('article').first()).toBeVisible();
    await p.press(panel.getByRole('button', { name: p.t('tasks.add.open') }));
    const form = panel.getByRole('form', { name: p.t('tasks.add.title') });
    await p.press(form.getByRole('button', { name: p.t('tasks.add.submit') }));
    await expect(form.getByText(p.t('tasks.add.error.title'))).toBeVisible();
    await form.getByRole('textbox', { name: p.t('tasks.add.field.title') }).fill('Send the training plan');
    await p.press(form.getByRole('radio', { name: p.t('tasks.add.priority.high') }));
    await checkScreen(page, '#/customer (adding a task)');
    await shot(page, 'customer-add-task');
    await p.press(form.getByRole('button', { name: p.t('tasks.add.submit') }));
    await expect(panel.getByRole('heading', { level: 3, name: 'Send the training plan' })).toBeVisible();
    await expect(panel.getByText(p.t('tasks.add.added', { title: 'Send the training plan' }))).toBeVisible();

    await page.reload();
    await p.ready();
    await expect(panel.getByRole('heading', { level: 3, name: 'Send the training plan' })).toBeVisible();
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'customer-tasks');
  });
});

test.describe('in Portuguese', () => {
  test.use(LANGUAGES['pt-BR']);

  test('the tasks screen, a dismissal asking why, and the panel on a customer’s page', async ({ page }) => {
    test.setTimeout(120_000);
    const p = new Pulso(page, 'pt-BR');
    await page.goto('/#/tasks');
    await p.ready();
    await expect(p.main.getByRole('heading', { level: 1, name: 'Tarefas' })).toBeVisible();
    await expect(openCards(p).first()).toBeVisible({ timeout: 30_000 });

    const task = await seen(openCards(p).first());
    await p.press(cardOf(p.main, task).getByRole('button', { name: p.t('tasks.dismiss.label', { title: task.title }) }));
    await p.press(cardOf(p.main, task).getByRole('button', { name: p.t('tasks.dismiss.confirm') }));
    await expect(cardOf(p.main, task).getByText(p.t('tasks.dismiss.error'))).toBeVisible();
    await checkScreen(page, '#/tasks (dismissing)');
    await shot(page, 'tasks-dismissing');
    await cardOf(p.main, task).getByRole('textbox', { name: p.t('tasks.dismiss.why') }).fill('Cliente já renovou');
    await p.press(cardOf(p.main, task).getByRole('button', { name: p.t('tasks.dismiss.confirm') }));
    await expect(cardOf(p.main, task).getByText(p.t('tasks.outcome', { note: 'Cliente já renovou' }))).toBeVisible();

    await p.press(p.main.getByRole('link', { name: task.customer, exact: true }).first());
    await expect(p.main.getByRole('heading', { level: 1, name: task.customer })).toBeVisible();
    const panel = p.main.getByRole('region', { name: p.t('tasks.panel.title'), exact: true });
    await expect(panel.getByText(p.t('tasks.panel.closed', { count: 1 }))).toBeVisible();
    await checkScreen(page, '#/customer');
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'customer-tasks');
  });
});
