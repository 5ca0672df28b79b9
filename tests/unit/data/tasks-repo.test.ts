import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { taskCause, type TaskRecord } from '../../../src/data/db';
import {
  addTasks, deletePlaybook, listPlaybooks, listTasks, playbooksSeeded, putPlaybook, replacePlaybooks, seedPlaybooks, taskProblem, updateTask,
  type NewTaskRecord,
} from '../../../src/data/tasks-repo';
import { clearData } from '../../../src/data/dataset';
import { day } from '../../factories';
import { freshDb } from './support';

const MAR = day('2024-03-31');

function task(customerId: string, since: number, extra: Partial<NewTaskRecord> = {}): NewTaskRecord {
  return {
    customerId, title: 'Contact now', description: 'Find the cause', priority: 'high', owner: 'Ana', playbookId: 'red', playbookName: 'Red',
    actionIndex: 0, since, cause: taskCause('red', 0, customerId, since), createdOn: MAR, dueOn: MAR + 2, createdAt: 1_000, status: 'open', ...extra,
  };
}

describe('playbooks', () => {
  it('stores the defaults once: deleting them all does not bring them back', async () => {
    const db = freshDb();
    expect(await playbooksSeeded(db)).toBe(false);
    expect(await seedPlaybooks(db, [{ id: 'a' }, { id: 'b' }])).toBe(true);
    expect(await seedPlaybooks(db, [{ id: 'c' }])).toBe(false);
    await deletePlaybook(db, 'a');
    await deletePlaybook(db, 'b');
    expect(await seedPlaybooks(db, [{ id: 'a' }])).toBe(false);
    expect(await listPlaybooks(db)).toEqual([]);
  });

  it('adds new playbooks last, keeps an edited one in its place, and replaces them all in order', async () => {
    const db = freshDb();
    await putPlaybook(db, { id: 'a' });
    await putPlaybook(db, { id: 'b' });
    await putPlaybook(db, { id: 'a', name: 'edited' } as { id: string });
    expect((await listPlaybooks(db)).map((p) => [p.id, p.order])).toEqual([['a', 0], ['b', 1]]);
    expect((await listPlaybooks(db))[0]!.playbook).toEqual({ id: 'a', name: 'edited' });
    await replacePlaybooks(db, [{ id: 'z' }, { id: 'y' }]);
    expect((await listPlaybooks(db)).map((p) => p.id)).toEqual(['z', 'y']);
    expect(await playbooksSeeded(db)).toBe(true);
  });
});

describe('tasks', () => {
  it('never stores the same cause twice: not in one call, not across calls', async () => {
    const db = freshDb();
    expect(await addTasks(db, [task('c1', MAR), task('c2', MAR), task('c1', MAR)])).toHaveLength(2);
    expect(await addTasks(db, [task('c1', MAR), task('c2', MAR)])).toEqual([]);
    // A new run (another first day) is another cause.
    expect(await addTasks(db, [task('c1', MAR + 30)])).toHaveLength(1);
    // Tasks added by hand have no cause: each is stored.
    const manual: NewTaskRecord = { customerId: 'c1', title: 'Send the contract', description: '', priority: 'low', owner: '', createdOn: MAR, dueOn: MAR, createdAt: 1, status: 'open' };
    expect(await addTasks(db, [manual, manual])).toHaveLength(2);
    expect((await listTasks(db, { customerId: 'c1' })).length).toBe(4);
  });

  it('closes and reopens a task; a closed one is no longer open', async () => {
    const db = freshDb();
    const id = (await addTasks(db, [task('c1', MAR)]))[0]!.id;
    const done = await updateTask(db, id!, { status: 'done', note: 'Called; sponsor changed', closedAt: 5_000 });
    expect([done?.status, done?.note, done?.closedAt]).toEqual(['done', 'Called; sponsor changed', 5_000]);
    expect(await listTasks(db, { status: ['open'] })).toEqual([]);
    const open = (await updateTask(db, id!, { status: 'open' }))!;
    expect([open.status, open.note, open.closedAt]).toEqual(['open', undefined, undefined]);
    expect(await updateTask(db, 999, { status: 'done' })).toBeUndefined();
  });

  it('refuses a task the app could not have written, saying which field', async () => {
    const db = freshDb();
    await expect(addTasks(db, [task('c1', MAR, { title: ' ' })])).rejects.toThrow(/title should be a non-empty text/);
    expect(taskProblem({ ...task('c1', MAR), status: 'dismissed' })).toEqual({ field: 'note', problem: 'is missing: a dismissed task says why' });
    expect(taskProblem({ ...task('c1', MAR), priority: 'urgent' })?.field).toBe('priority');
    expect(taskProblem({ ...task('c1', MAR), dueOn: 1.5 })?.field).toBe('dueOn');
    expect(await listTasks(db)).toEqual([]);
  });

  it('are cleared with the data; playbooks stay', async () => {
    const db = freshDb();
    await putPlaybook(db, { id: 'a' });
    await addTasks(db, [task('c1', MAR)]);
    await clearData(db);
    expect(await listTasks(db)).toEqual([] as TaskRecord[]);
    expect((await listPlaybooks(db)).map((p) => p.id)).toEqual(['a']);
  });
});
