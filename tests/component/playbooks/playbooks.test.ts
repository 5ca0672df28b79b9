/**
 * The playbooks screen by role and label, over a small fake worker: the defaults in plain words,
 * the editor's validation by field (nothing saved until valid), AND/OR, triggers added and
 * removed, on/off, delete, and a method file refused or summed up before use.
 */
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../src/ui/i18n.svelte';
import PlaybooksScreen from '../../../src/ui/playbooks/PlaybooksScreen.svelte';
import { renderUnder } from '../data/support';
import { startFake } from './fake-engine';

async function open() {
  const fake = await startFake();
  renderUnder(fake.app, PlaybooksScreen);
  await screen.findByRole('heading', { level: 2, name: 'Red: contact now' });
  return fake;
}

function card(name: string): HTMLElement {
  return screen.getByRole('heading', { level: 2, name }).closest('li')!;
}

describe('the playbooks screen', () => {
  afterEach(() => (i18n.locale = 'en'));

  it('lists the default playbooks in plain words, with what they match now and their open tasks', async () => {
    const { api } = await open();
    expect(api.playbooks.mock.calls[0]![0].map((p) => p.id)).toEqual(['default-red', 'default-yellow', 'default-advocates', 'default-upgrade']);
    const red = within(card('Red: contact now'));
    expect(red.getByText('When: the band is Red')).toBeVisible();
    expect(red.getByText('Creates a task: ‘Contact now and find the cause’, high priority, due in 2 days, for the customer’s owner')).toBeVisible();
    expect(red.getByText('3 customers match now')).toBeVisible();
    expect(red.getByText('2 open tasks')).toBeVisible();
    expect(red.getByRole('switch', { name: 'Playbook on: Red: contact now' })).toBeChecked();
    const advocates = within(card('Green with high NPS: advocates'));
    expect(advocates.getByText('When: the band is Green AND NPS answer (0–10) is 9 or more')).toBeVisible();
    expect(advocates.getByText('6 customers match now')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to the tasks' })).toHaveAttribute('href', '#/tasks');
  });

  it('saves nothing until the playbook is valid, and shows each problem by its field', async () => {
    const { api } = await open();
    await userEvent.click(within(card('Red: contact now')).getByRole('button', { name: 'Edit Red: contact now' }));
    const name = screen.getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    const title = screen.getByRole('textbox', { name: 'Task title' });
    await userEvent.clear(title);
    const due = screen.getByRole('spinbutton', { name: 'Due in (days)' });
    await userEvent.clear(due);
    await userEvent.type(due, '1.5');
    await userEvent.click(screen.getByRole('button', { name: 'Save the playbook' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Fix 3 problems before saving');
    expect(name).toHaveAccessibleDescription('Give the playbook a name.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveFocus();
    expect(title).toHaveAccessibleDescription('Give the task a title.');
    expect(due).toHaveAccessibleDescription('Type a whole number of 0 or more.');
    expect(api.savePlaybook).not.toHaveBeenCalled();

    await userEvent.type(name, 'Red: call');
    expect(name).not.toHaveAttribute('aria-invalid');
    await userEvent.type(title, 'Call them');
    await userEvent.clear(due);
    await userEvent.type(due, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Save the playbook' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Red: call' })).toBeVisible();
    expect(api.savePlaybook.mock.lastCall![0]).toMatchObject({ id: 'default-red', name: 'Red: call', actions: [{ title: 'Call them', dueInDays: 3, priority: 'high' }] });
    expect(screen.getByText('Saved “Red: call”. The counts are up to date.')).toBeVisible();
  });

  it('adds and removes triggers, each kind with its own fields, and joins them with AND or OR', async () => {
    const { api } = await open();
    await userEvent.click(screen.getByRole('button', { name: 'Add a playbook' }));
    expect(screen.getByRole('heading', { level: 2, name: 'New playbook' })).toBeVisible();
    expect(screen.getByRole('radio', { name: 'When every trigger below holds (AND)' })).toBeChecked();
    expect(screen.queryByRole('button', { name: 'Remove trigger 1' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Add a trigger' }));
    const second = screen.getByRole('group', { name: 'Trigger 2' });
    await userEvent.selectOptions(within(second).getByRole('combobox', { name: 'Kind' }), 'Score falls');
    const points = within(second).getByRole('spinbutton', { name: 'By at least (points)' });
    await userEvent.clear(points);
    await userEvent.type(points, '0');

    await userEvent.click(screen.getByRole('button', { name: 'Add a trigger' }));
    const third = screen.getByRole('group', { name: 'Trigger 3' });
    await userEvent.selectOptions(within(third).getByRole('combobox', { name: 'Kind' }), 'An indicator’s value');
    await userEvent.selectOptions(within(third).getByRole('combobox', { name: 'Column' }), 'last_login');
    expect(within(third).getByRole('checkbox', { name: 'Count the days since the date' })).toBeChecked();
    expect(within(third).getByRole('spinbutton', { name: 'Days' })).toHaveValue(30);
    await userEvent.selectOptions(within(third).getByRole('combobox', { name: 'Column' }), 'Another column (type its name)');
    await userEvent.type(within(third).getByRole('textbox', { name: 'Column name' }), 'late_invoices');
    await userEvent.selectOptions(within(third).getByRole('combobox', { name: 'Test' }), 'is more than');
    const value = within(third).getByRole('spinbutton', { name: 'Value' });
    await userEvent.clear(value);
    await userEvent.type(value, '0');

    await userEvent.click(screen.getByRole('radio', { name: 'When at least one trigger below holds (OR)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save the playbook' }));
    expect(points).toHaveAccessibleDescription('Type a whole number of 1 or more.');
    expect(api.savePlaybook).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Remove trigger 1' }));
    expect(screen.queryByRole('group', { name: 'Trigger 3' })).toBeNull();
    const fall = screen.getByRole('spinbutton', { name: 'By at least (points)' });
    await userEvent.clear(fall);
    await userEvent.type(fall, '15');
    await userEvent.click(screen.getByRole('button', { name: 'Save the playbook' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'New playbook' })).toBeVisible();
    expect(api.savePlaybook.mock.lastCall![0]).toEqual({
      id: 'playbook-1',
      name: 'New playbook',
      enabled: true,
      match: 'any',
      triggers: [{ kind: 'score-fall', points: 15 }, { kind: 'indicator', column: 'late_invoices', op: 'gt', value: 0 }],
      actions: [{ kind: 'task', title: 'Follow up', description: '', dueInDays: 7, priority: 'normal' }],
    });
    const added = within(card('New playbook'));
    expect(added.getByText('When: the score falls by 15 points or more OR Invoices paid late (last 12 months) is more than 0')).toBeVisible();
    expect(added.getByText(/Not in the data or the model: late_invoices\./)).toBeVisible();
  });

  it('offers the data’s segments, and a band that the model lacks shows as such', async () => {
    await open();
    await userEvent.click(screen.getByRole('button', { name: 'Edit Yellow: check in' }));
    const first = screen.getByRole('group', { name: 'Trigger 1' });
    await userEvent.selectOptions(within(first).getByRole('combobox', { name: 'Kind' }), 'Segment, stage or owner');
    const values = within(first).getByRole('group', { name: 'Is one of' });
    expect(within(values).getAllByRole('checkbox').map((c) => c.closest('label')!.textContent!.trim())).toEqual(['Enterprise', 'SMB']);
    await userEvent.click(screen.getByRole('button', { name: 'Save the playbook' }));
    expect(values).toHaveAccessibleDescription('Choose or type at least one value.');
    await userEvent.click(within(values).getByRole('checkbox', { name: 'Enterprise' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save the playbook' }));
    expect(await screen.findByText('When: the segment is “Enterprise”')).toBeVisible();
  });

  it('switches a playbook off, and deletes one after saying its tasks stay', async () => {
    const { api } = await open();
    await userEvent.click(screen.getByRole('switch', { name: 'Playbook on: Yellow: check in' }));
    expect(api.savePlaybook.mock.lastCall![0]).toMatchObject({ id: 'default-yellow', enabled: false });
    expect(await within(card('Yellow: check in')).findByText('Off: it matches no one and creates no task')).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Delete Red: contact now' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Red: contact now”?' });
    expect(dialog).toHaveAccessibleDescription(/The tasks it already created stay/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(api.deletePlaybook).toHaveBeenCalledWith('default-red');
    expect(await screen.findByText('Deleted “Red: contact now”. Its tasks stay.')).toBeVisible();
    expect(screen.queryByRole('heading', { level: 2, name: 'Red: contact now' })).toBeNull();
  });

  it('refuses a wrong method file with every problem by its path, and sums up a good one before using it', async () => {
    const { api } = await open();
    api.readMethodFile.mockResolvedValueOnce({
      ok: false,
      problems: [{ path: 'playbooks[2].triggers[0].points', message: 'must be a whole number of 1 or more, found the number 0', severity: 'error' }],
    });
    const input = screen.getByLabelText('Use a method file');
    await userEvent.upload(input, new File(['{}'], 'wrong.json', { type: 'application/json' }));
    const refusal = await screen.findByText(/This file was not used, and nothing changed/);
    expect(refusal.closest('[role="alert"]')).toHaveTextContent('playbooks[2].triggers[0].points must be a whole number of 1 or more, found the number 0');
    expect(api.useMethodFile).not.toHaveBeenCalled();

    api.readMethodFile.mockResolvedValueOnce({ ok: true, summary: { modelName: 'Trainer model', playbooks: ['A', 'B'], bandActions: 3 }, warnings: [] });
    await userEvent.upload(input, new File(['{}'], 'method.json', { type: 'application/json' }));
    const summary = await screen.findByRole('region', { name: 'method.json is a good method file. It holds:' });
    expect(summary).toHaveTextContent('the scoring model “Trainer model”');
    expect(summary).toHaveTextContent('2 playbooks: A, B');
    expect(summary).toHaveTextContent('what to do for 3 bands');
    api.useMethodFile.mockResolvedValueOnce({ ok: true, summary: { modelName: 'Trainer model', playbooks: ['A', 'B'], bandActions: 3 }, portfolio: await api.summary(), playbooks: [], warnings: [] });
    await userEvent.click(within(summary).getByRole('button', { name: 'Use this method' }));
    expect(await screen.findByText('In use: the model “Trainer model” and 2 playbooks.')).toBeVisible();
    expect(api.useMethodFile.mock.lastCall![0].name).toBe('method.json');
  });

  it('speaks Portuguese', async () => {
    i18n.locale = 'pt-BR';
    const fake = await startFake();
    renderUnder(fake.app, PlaybooksScreen);
    const red = within((await screen.findByRole('heading', { level: 2, name: 'Vermelho: contatar já' })).closest('li')!);
    expect(red.getByText('Quando: a faixa é Vermelho')).toBeVisible();
    expect(red.getByText('Cria uma tarefa: ‘Entrar em contato agora e descobrir a causa’, prioridade alta, prazo de 2 dias, para o responsável pelo cliente')).toBeVisible();
  });
});
