import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import TasksPanel from '../../../src/ui/customer/TasksPanel.svelte';
import { isoDay } from '../../../src/ui/customer/entry-form';
import { i18n } from '../../../src/ui/i18n.svelte';
import { renderUnder } from '../data/support';
import { makeTask, startFake, TODAY } from './fake-engine';

beforeEach(() => {
  i18n.locale = 'en';
});

const TASKS = [
  makeTask({ title: 'Call Acme', dueOn: TODAY - 1 }),
  makeTask({ title: 'Borealis only', customerId: 'C2' }),
  makeTask({ title: 'Old call', status: 'done', note: 'Went well', closedAt: Date.UTC(2026, 10, 20) }),
];

async function openForm() {
  await userEvent.click(await screen.findByRole('button', { name: 'Add a task' }));
  return screen.getByRole('form', { name: 'Add a task' });
}

describe('the tasks panel on a customer’s page', () => {
  it('shows that customer’s open tasks, ticked like on the tasks screen, and their closed ones', async () => {
    const { app, api } = await startFake(TASKS);
    renderUnder(app, TasksPanel, { customerId: 'C1', owner: 'Ana' });
    expect(await screen.findByRole('heading', { level: 3, name: 'Call Acme' })).toBeInTheDocument();
    expect(screen.queryByText('Borealis only')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Acme Ltd' })).not.toBeInTheDocument();
    expect(screen.getByText('Done and dismissed (1)')).toBeInTheDocument();
    expect(screen.getByText('Outcome: Went well')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Done: Call Acme' }));
    expect(api.closeTask).toHaveBeenCalledWith(expect.any(Number), { status: 'done', note: '' });
    expect(await screen.findByRole('button', { name: 'Undo: Call Acme' })).toBeInTheDocument();
    expect(api.tasks).toHaveBeenCalledWith({ customerId: 'C1', status: 'open' });
  });

  it('says so when the customer has no open task', async () => {
    const { app } = await startFake([]);
    renderUnder(app, TasksPanel, { customerId: 'C3', owner: '' });
    expect(await screen.findByText('No open task for this customer.')).toBeInTheDocument();
  });

  it('adds a task by hand, for the customer’s owner', async () => {
    const { app, api } = await startFake(TASKS);
    renderUnder(app, TasksPanel, { customerId: 'C1', owner: 'Ana' });
    const form = await openForm();
    expect(within(form).getByText('It is assigned to the customer’s owner, Ana.')).toBeInTheDocument();
    await userEvent.type(within(form).getByRole('textbox', { name: 'Title' }), '  Send the training plan ');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Description (optional)' }), 'After the call');
    await userEvent.click(within(form).getByRole('radio', { name: 'High' }));
    const due = within(form).getByLabelText('Due day');
    await userEvent.clear(due);
    await userEvent.type(due, isoDay(TODAY + 3));
    await userEvent.click(within(form).getByRole('button', { name: 'Add the task' }));

    expect(api.addTask).toHaveBeenCalledExactlyOnceWith({ customerId: 'C1', title: 'Send the training plan', description: 'After the call', priority: 'high', dueOn: TODAY + 3 });
    expect(await screen.findByRole('heading', { level: 3, name: 'Send the training plan' })).toBeInTheDocument();
    expect(screen.getByText('Task added: Send the training plan.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a task' })).not.toBeInTheDocument();
  });

  it('checks each field and says where and what to fix, adding nothing', async () => {
    const { app, api } = await startFake(TASKS);
    renderUnder(app, TasksPanel, { customerId: 'C1', owner: 'Ana' });
    const form = await openForm();
    const title = within(form).getByRole('textbox', { name: 'Title' });
    const due = within(form).getByLabelText('Due day');
    await userEvent.type(title, '   ');
    await userEvent.clear(due);
    await userEvent.click(within(form).getByRole('button', { name: 'Add the task' }));

    expect(api.addTask).not.toHaveBeenCalled();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Write a title: what is to be done.');
    expect(title).toHaveFocus();
    expect(due).toHaveAccessibleDescription('Choose the day it is due.');

    await userEvent.type(title, 'Call back');
    await userEvent.type(due, isoDay(TODAY - 1));
    await userEvent.click(within(form).getByRole('button', { name: 'Add the task' }));
    expect(api.addTask).not.toHaveBeenCalled();
    expect(title).not.toHaveAttribute('aria-invalid');
    expect(due).toHaveAccessibleDescription('Choose today or a later day.');
    expect(due).toHaveFocus();
  });

  it('says what went wrong when the worker refuses, and keeps what was typed', async () => {
    const { app, api } = await startFake(TASKS);
    api.addTask.mockRejectedValueOnce(new Error('disk full'));
    renderUnder(app, TasksPanel, { customerId: 'C1', owner: 'Ana' });
    const form = await openForm();
    await userEvent.type(within(form).getByRole('textbox', { name: 'Title' }), 'Call back');
    await userEvent.click(within(form).getByRole('button', { name: 'Add the task' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Could not add the task: disk full. Nothing was added; try again.');
    expect(within(form).getByRole('textbox', { name: 'Title' })).toHaveValue('Call back');
    await waitFor(() => expect(screen.queryByRole('heading', { level: 3, name: 'Call back' })).not.toBeInTheDocument());
  });
});
