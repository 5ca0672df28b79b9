import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import AppNav from '../../../src/ui/shell/AppNav.svelte';
import { i18n } from '../../../src/ui/i18n.svelte';
import TasksScreen from '../../../src/ui/tasks/TasksScreen.svelte';
import { taskEvents } from '../../../src/ui/tasks/task-list.svelte';
import { renderUnder } from '../data/support';
import { makeTask, startFake, TODAY } from './fake-engine';

beforeEach(() => {
  i18n.locale = 'en';
  location.hash = '#/tasks';
});

/** The group's region, found by its heading ("Overdue 2 tasks"). */
const group = (name: string) => screen.findByRole('region', { name: new RegExp(`^${name}`) });
const titles = (region: HTMLElement) => within(region).queryAllByRole('heading', { level: 3 }).map((h) => h.textContent);

const TASKS = [
  makeTask({ title: 'Call Acme', dueOn: TODAY - 1 }),
  makeTask({ title: 'Renewal plan', customerId: 'C2', dueOn: TODAY - 3 }),
  makeTask({ title: 'Check in', customerId: 'C2', dueOn: TODAY, priority: 'normal', playbookId: 'default-yellow', playbookName: 'Yellow: check in' }),
  makeTask({ title: 'Ask for a review', customerId: 'C3', dueOn: TODAY + 10, priority: 'low' }),
  makeTask({ title: 'Offer an upgrade', dueOn: TODAY + 2, priority: 'normal' }),
];

describe('the tasks screen', () => {
  it('groups the open tasks against today — overdue, today, upcoming — soonest first, each with its count', async () => {
    const { app } = await startFake(TASKS);
    renderUnder(app, TasksScreen, { params: {} });

    const overdue = await group('Overdue');
    expect(overdue).toHaveAccessibleName('Overdue 2 tasks');
    expect(titles(overdue)).toEqual(['Renewal plan', 'Call Acme']);
    expect(within(overdue).getByText(/3 days overdue/)).toBeInTheDocument();
    expect(within(overdue).getByText(/1 day overdue/)).toBeInTheDocument();
    const today = await group('Today');
    expect(today).toHaveAccessibleName('Today 1 task');
    expect(titles(today)).toEqual(['Check in']);
    expect(within(today).getByText(/Due today/)).toBeInTheDocument();
    const upcoming = await group('Upcoming');
    expect(titles(upcoming)).toEqual(['Offer an upgrade', 'Ask for a review']);
    expect(within(upcoming).getByText(/Due in 2 days/)).toBeInTheDocument();
  });

  it('shows on each card the customer (a link to their page), priority in words, owner and playbook', async () => {
    const { app } = await startFake(TASKS);
    renderUnder(app, TasksScreen, { params: {} });
    const card = (await screen.findByRole('heading', { level: 3, name: 'Check in' })).closest('article')!;
    expect(within(card).getByRole('link', { name: 'Borealis SA' })).toHaveAttribute('href', '#/customer?id=C2');
    expect(within(card).getByText('Normal priority')).toBeInTheDocument();
    expect(within(card).getByText('Owner: Bruno')).toBeInTheDocument();
    expect(within(card).getByText('From the playbook “Yellow: check in”')).toBeInTheDocument();
    const unassigned = (await screen.findByRole('heading', { level: 3, name: 'Ask for a review' })).closest('article')!;
    expect(within(unassigned).getByText('Owner: not assigned')).toBeInTheDocument();
  });

  it('folds a long description behind "Show more"', async () => {
    const long = 'Look at the logins, the tickets and the invoices. '.repeat(6).trim();
    const { app } = await startFake([makeTask({ title: 'Long one', description: long })]);
    renderUnder(app, TasksScreen, { params: {} });
    const more = await screen.findByRole('button', { name: 'Show more' });
    expect(screen.queryByText(long)).not.toBeInTheDocument();
    await userEvent.click(more);
    expect(screen.getByText(long, { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows one owner’s tasks from ?owner=, and choosing another owner puts it in the link', async () => {
    const { app } = await startFake(TASKS);
    renderUnder(app, TasksScreen, { params: { owner: 'Bruno' } });
    const owner = await screen.findByRole('combobox', { name: 'Owner' });
    expect(owner).toHaveDisplayValue('Bruno');
    expect(titles(await group('Overdue'))).toEqual(['Renewal plan']);
    expect(titles(await group('Today'))).toEqual(['Check in']);
    expect(within(await group('Upcoming')).getByText('Nothing coming up.')).toBeInTheDocument();

    expect(within(owner).getAllByRole('option').map((o) => o.textContent)).toEqual(['All owners', 'Ana', 'Bruno', 'Not assigned']);
    await userEvent.selectOptions(owner, 'Ana');
    expect(location.hash).toBe('#/tasks?owner=Ana');
    await userEvent.selectOptions(owner, 'Not assigned');
    expect(location.hash).toBe('#/tasks?owner=');
    await userEvent.selectOptions(owner, 'All owners');
    expect(location.hash).toBe('#/tasks');
  });

  it('marks a task done with one tap, no note needed, and keeps it in place with its undo', async () => {
    const { app, api } = await startFake(TASKS);
    renderUnder(app, TasksScreen, { params: {} });
    await userEvent.click(await screen.findByRole('button', { name: 'Done: Check in' }));

    expect(api.closeTask).toHaveBeenCalledExactlyOnceWith(expect.any(Number), { status: 'done', note: '' });
    const today = await group('Today');
    expect(today).toHaveAccessibleName('Today 0 tasks');
    expect(within(today).getByRole('status')).toHaveTextContent('Done. Add what came of it, if you like.');
    expect(within(today).getByRole('button', { name: 'Undo: Check in' })).toHaveFocus();
    expect(within(today).queryByRole('button', { name: /^Done/ })).not.toBeInTheDocument();
  });

  it('takes an outcome note after done', async () => {
    const { app, api, stored } = await startFake(TASKS);
    renderUnder(app, TasksScreen, { params: {} });
    await userEvent.click(await screen.findByRole('button', { name: 'Done: Call Acme' }));
    await userEvent.type(await screen.findByRole('textbox', { name: 'Outcome note (optional)' }), 'Called: they need training');
    await userEvent.click(screen.getByRole('button', { name: 'Save note' }));

    expect(api.closeTask).toHaveBeenLastCalledWith(expect.any(Number), { status: 'done', note: 'Called: they need training' });
    expect(await screen.findByText('Note saved.')).toBeInTheDocument();
    expect(stored().find((t) => t.title === 'Call Acme')).toMatchObject({ status: 'done', note: 'Called: they need training' });
  });

  it('refuses to dismiss without a note saying why, then dismisses with one', async () => {
    const { app, api } = await startFake(TASKS);
    renderUnder(app, TasksScreen, { params: {} });
    await userEvent.click(await screen.findByRole('button', { name: 'Dismiss: Renewal plan' }));
    const why = screen.getByRole('textbox', { name: 'Why dismiss it? (needed)' });
    expect(why).toHaveFocus();
    await userEvent.type(why, '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss the task' }));

    expect(api.closeTask).not.toHaveBeenCalled();
    expect(why).toHaveAttribute('aria-invalid', 'true');
    expect(why).toHaveAccessibleDescription('Write why this task is dismissed: the note tells the team what was decided.');

    await userEvent.type(why, 'They renewed already');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss the task' }));
    expect(api.closeTask).toHaveBeenCalledExactlyOnceWith(expect.any(Number), { status: 'dismissed', note: 'They renewed already' });
    expect(await screen.findByText('Outcome: They renewed already')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Undo: Renewal plan' })).toBeInTheDocument();
  });

  it('undoes a task just done: it is open again', async () => {
    const { app, api, stored } = await startFake(TASKS);
    renderUnder(app, TasksScreen, { params: {} });
    await userEvent.click(await screen.findByRole('button', { name: 'Done: Check in' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Undo: Check in' }));

    expect(api.reopenTask).toHaveBeenCalledOnce();
    expect(await screen.findByRole('button', { name: 'Done: Check in' })).toHaveFocus();
    expect(await group('Today')).toHaveAccessibleName('Today 1 task');
    expect(stored().find((t) => t.title === 'Check in')!.status).toBe('open');
  });

  it('lists the done and dismissed tasks with their notes, and reopens one', async () => {
    const closed = [
      makeTask({ title: 'Old call', status: 'done', note: 'Went well', closedAt: Date.UTC(2026, 10, 20, 10) }),
      makeTask({ title: 'Old review', status: 'dismissed', note: 'Not the moment', closedAt: Date.UTC(2026, 10, 21, 10) }),
    ];
    const { app, api } = await startFake([...TASKS, ...closed]);
    renderUnder(app, TasksScreen, { params: {} });
    const history = await screen.findByRole('region', { name: 'Done and dismissed' });
    await waitFor(() => expect(titles(history)).toEqual(['Old review', 'Old call']));
    expect(within(history).getByText('Outcome: Went well')).toBeInTheDocument();
    expect(within(history).getByText(/Dismissed on Nov 21, 2026/)).toBeInTheDocument();

    await userEvent.click(within(history).getByRole('button', { name: 'Reopen: Old call' }));
    expect(api.reopenTask).toHaveBeenCalledOnce();
    await waitFor(() => expect(titles(history)).toEqual(['Old review']));
    expect(titles(await group('Today'))).toContain('Old call');
  });

  it('says in plain words what creates tasks when there are none, with a way to the playbooks', async () => {
    const { app } = await startFake([]);
    renderUnder(app, TasksScreen, { params: {} });
    expect(await screen.findByRole('heading', { level: 2, name: 'No tasks yet' })).toBeInTheDocument();
    expect(screen.getByText(/Tasks are created by playbooks/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See the playbooks' })).toHaveAttribute('href', '#/playbooks');
    expect(screen.getByRole('link', { name: 'Playbooks: what creates tasks' })).toHaveAttribute('href', '#/playbooks');
  });

  it('loads again when playbooks ran outside a change of data (the default playbooks stored at start-up)', async () => {
    const { app, stored } = await startFake([]);
    renderUnder(app, TasksScreen, { params: {} });
    expect(await screen.findByRole('heading', { level: 2, name: 'No tasks yet' })).toBeInTheDocument();
    stored().push(makeTask({ title: 'Call Acme', dueOn: TODAY }));
    taskEvents.ran();
    expect(await screen.findByRole('heading', { level: 3, name: 'Call Acme' })).toBeInTheDocument();
  });

  it('draws 20 cards of a group at first, the rest a tap away', async () => {
    const many = Array.from({ length: 25 }, (_, k) => makeTask({ title: `Task ${String(k).padStart(2, '0')}`, dueOn: TODAY + 1 + k }));
    const { app } = await startFake(many);
    renderUnder(app, TasksScreen, { params: {} });
    const upcoming = await group('Upcoming');
    expect(upcoming).toHaveAccessibleName('Upcoming 25 tasks');
    expect(titles(upcoming)).toHaveLength(20);
    await userEvent.click(within(upcoming).getByRole('button', { name: 'Show 5 more' }));
    expect(titles(upcoming)).toHaveLength(25);
    expect(titles(upcoming).at(-1)).toBe('Task 24');
  });

  it('says so when everything is done', async () => {
    const { app } = await startFake([makeTask({ title: 'Old call', status: 'done', closedAt: 1 })]);
    renderUnder(app, TasksScreen, { params: {} });
    expect(await screen.findByText('No open task: everything is done.')).toBeInTheDocument();
  });

  it('speaks Portuguese', async () => {
    i18n.locale = 'pt-BR';
    const { app } = await startFake(TASKS);
    renderUnder(app, TasksScreen, { params: {} });
    expect(await group('Atrasadas')).toHaveAccessibleName('Atrasadas 2 tarefas');
    expect(screen.getByText(/3 dias de atraso/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Feita: Check in' })).toBeInTheDocument();
  });
});

describe('the navigation’s tasks badge', () => {
  it('counts the open tasks due today or overdue, in words too, and counts again after a tick', async () => {
    const { app } = await startFake(TASKS);
    renderUnder(app, AppNav);
    const link = screen.getByRole('link', { name: /^Tasks/ });
    await waitFor(() => expect(link).toHaveAccessibleName('Tasks 3 tasks due'));

    renderUnder(app, TasksScreen, { params: {} });
    await userEvent.click(await screen.findByRole('button', { name: 'Done: Check in' }));
    await waitFor(() => expect(link).toHaveAccessibleName('Tasks 2 tasks due'));
  });

  it('shows nothing when nothing is due', async () => {
    const { app, api } = await startFake([makeTask({ dueOn: TODAY + 1 })]);
    renderUnder(app, AppNav);
    await waitFor(() => expect(api.dueTasks).toHaveBeenCalledWith(TODAY));
    expect(screen.getByRole('link', { name: /^Tasks/ })).toHaveAccessibleName('Tasks');
  });
});
