import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../src/engine';
import { checkTask } from '../../../src/ui/tasks/new-task';
import { groupTasks, ownerFromParams, ownerParams, ownersOf } from '../../../src/ui/tasks/task-groups';
import type { TaskInfo } from '../../../src/worker/api';

const TODAY = epochDay(2026, 11, 23);

function task(id: number, dueOn: number, more: Partial<TaskInfo> = {}): TaskInfo {
  return {
    id, customerId: 'C1', customerName: 'Acme', row: 0, owner: 'Ana', title: `T${id}`, description: '', priority: 'normal',
    playbookId: null, playbookName: '', since: null, createdOn: TODAY, dueOn, status: 'open', note: '', ...more,
  };
}

describe('grouping tasks by due day', () => {
  it('puts each task in overdue, today or upcoming against today, soonest first, higher priority first on a day', () => {
    const groups = groupTasks([task(1, TODAY + 3), task(2, TODAY - 1), task(3, TODAY), task(4, TODAY - 5), task(5, TODAY + 3, { priority: 'high' })], TODAY);
    expect(groups.overdue.map((t) => t.id)).toEqual([4, 2]);
    expect(groups.today.map((t) => t.id)).toEqual([3]);
    expect(groups.upcoming.map((t) => t.id)).toEqual([5, 1]);
  });

  it('reads and writes the owner filter of the link: absent is everyone, empty is no owner', () => {
    expect(ownerFromParams({})).toBeNull();
    expect(ownerFromParams({ owner: '' })).toBe('');
    expect(ownerFromParams({ owner: 'Ana' })).toBe('Ana');
    expect(ownerParams(null)).toEqual({});
    expect(ownerParams('')).toEqual({ owner: '' });
    expect(ownersOf([task(1, 0, { owner: 'Zé' }), task(2, 0, { owner: 'Ana' }), task(3, 0, { owner: '' }), task(4, 0)], 'pt-BR')).toEqual({ names: ['Ana', 'Zé'], unassigned: true });
  });
});

describe('a task added by hand', () => {
  const draft = { customerId: 'C1', title: ' Call ', description: ' x ', priority: 'high' as const, due: '2026-11-24' };

  it('is a trimmed NewTask when the title is there and the day is today or later', () => {
    expect(checkTask(draft, TODAY)).toEqual({ ok: true, task: { customerId: 'C1', title: 'Call', description: 'x', priority: 'high', dueOn: TODAY + 1 } });
    expect(checkTask({ ...draft, due: '2026-11-23' }, TODAY).ok).toBe(true);
  });

  it('says which field is wrong', () => {
    expect(checkTask({ ...draft, title: '  ', due: '' }, TODAY)).toEqual({ ok: false, errors: { title: 'tasks.add.error.title', due: 'tasks.add.error.due' } });
    expect(checkTask({ ...draft, due: '2026-02-30' }, TODAY)).toEqual({ ok: false, errors: { due: 'tasks.add.error.due' } });
    expect(checkTask({ ...draft, due: '2026-11-22' }, TODAY)).toEqual({ ok: false, errors: { due: 'tasks.add.error.past' } });
  });
});
