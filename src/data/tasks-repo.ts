/**
 * Playbooks and tasks: row tables of what people set up and do by hand (DESIGN "Data model").
 * Playbooks are kept in their list order; tasks one row each, with a unique `cause` for those a
 * playbook created, so that the same cause can never be stored twice — not even by two tabs.
 */
import { storageError } from './storage-error';
import { getSetting } from './settings';
import type { PlaybookRecord, PulsoDb, TaskRecord, TaskRecordStatus } from './db';
import { TASK_PRIORITIES } from '../engine/playbooks';

/** Set once the default playbooks were stored: deleting them all later does not bring them back. */
export const PLAYBOOKS_SEEDED_SETTING = 'playbooksSeeded';

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storageError(error);
  }
}

/** The playbooks as stored, in list order. */
export async function listPlaybooks(db: PulsoDb): Promise<PlaybookRecord[]> {
  return guarded(() => db.playbooks.orderBy('order').toArray());
}

/** Whether the default playbooks were ever stored on this device. */
export async function playbooksSeeded(db: PulsoDb): Promise<boolean> {
  return guarded(async () => (await getSetting<unknown>(db, PLAYBOOKS_SEEDED_SETTING)) === true);
}

/**
 * Stores `defaults` if no playbook was ever stored on this device (and remembers that it was done),
 * in one transaction; resolves to whether it stored them.
 */
export async function seedPlaybooks(db: PulsoDb, defaults: readonly { readonly id: string }[]): Promise<boolean> {
  return guarded(() =>
    db.transaction('rw', [db.playbooks, db.settings], async () => {
      const seeded = await db.settings.get(PLAYBOOKS_SEEDED_SETTING);
      if (seeded?.value === true) return false;
      const order = (await db.playbooks.count()) === 0 ? 0 : ((await db.playbooks.orderBy('order').last())?.order ?? -1) + 1;
      const known = new Set(await db.playbooks.toCollection().primaryKeys());
      await db.playbooks.bulkPut(defaults.filter((p) => !known.has(p.id)).map((playbook, k) => ({ id: playbook.id, order: order + k, playbook })));
      await db.settings.put({ key: PLAYBOOKS_SEEDED_SETTING, value: true });
      return true;
    }),
  );
}

/** Adds a playbook (last in the list) or replaces the one with its id (keeping its place). */
export async function putPlaybook(db: PulsoDb, playbook: { readonly id: string }): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.playbooks, db.settings], async () => {
      const old = await db.playbooks.get(playbook.id);
      const order = old ? old.order : ((await db.playbooks.orderBy('order').last())?.order ?? -1) + 1;
      await db.playbooks.put({ id: playbook.id, order, playbook });
      await db.settings.put({ key: PLAYBOOKS_SEEDED_SETTING, value: true });
    }),
  );
}

/** Replaces every playbook with `playbooks`, in that order, in one transaction. */
export async function replacePlaybooks(db: PulsoDb, playbooks: readonly { readonly id: string }[]): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.playbooks, db.settings], async () => {
      await db.playbooks.clear();
      await db.playbooks.bulkAdd(playbooks.map((playbook, order) => ({ id: playbook.id, order, playbook })));
      await db.settings.put({ key: PLAYBOOKS_SEEDED_SETTING, value: true });
    }),
  );
}

export async function deletePlaybook(db: PulsoDb, id: string): Promise<void> {
  await guarded(() => db.playbooks.delete(id));
}

/** A task to store: without its id. */
export type NewTaskRecord = Omit<TaskRecord, 'id'>;

/** A field of a task that is not right, and what is wrong with it. */
export interface TaskProblem {
  readonly field: string;
  readonly problem: string;
}

const STATUSES: readonly string[] = ['open', 'done', 'dismissed'];

/** The first thing wrong with a task's fields (`id` not checked), shared by the writes and the backup's checks. */
export function taskProblem(task: Readonly<Record<string, unknown>>): TaskProblem | undefined {
  const text = (field: string, blank: boolean): TaskProblem | undefined => {
    const value = task[field];
    if (typeof value !== 'string' || (!blank && value.trim() === '')) return { field, problem: blank ? 'should be a text' : 'should be a non-empty text' };
    return undefined;
  };
  const day = (field: string): TaskProblem | undefined =>
    Number.isSafeInteger(task[field]) ? undefined : { field, problem: 'should be a day (a whole number of days since 1970-01-01)' };
  const wrong = text('customerId', false) ?? text('title', false) ?? text('description', true) ?? text('owner', true) ?? day('createdOn') ?? day('dueOn');
  if (wrong) return wrong;
  if (!(TASK_PRIORITIES as readonly unknown[]).includes(task['priority'])) return { field: 'priority', problem: 'should be high, normal or low' };
  if (!STATUSES.includes(task['status'] as string)) return { field: 'status', problem: 'should be open, done or dismissed' };
  if (!Number.isFinite(task['createdAt'])) return { field: 'createdAt', problem: 'should be a time (ms since 1970)' };
  if (task['closedAt'] !== undefined && !Number.isFinite(task['closedAt'])) return { field: 'closedAt', problem: 'should be a time (ms since 1970)' };
  if (task['note'] !== undefined && typeof task['note'] !== 'string') return { field: 'note', problem: 'should be a text' };
  if (task['status'] === 'dismissed' && (typeof task['note'] !== 'string' || task['note'].trim() === '')) return { field: 'note', problem: 'is missing: a dismissed task says why' };
  const fromPlaybook = task['playbookId'] !== undefined;
  if (fromPlaybook) {
    if (typeof task['playbookId'] !== 'string' || typeof task['cause'] !== 'string') return { field: 'cause', problem: 'should be a text for a task a playbook created' };
    if (!Number.isSafeInteger(task['actionIndex'])) return { field: 'actionIndex', problem: 'should be a whole number' };
    if (!Number.isSafeInteger(task['since'])) return { field: 'since', problem: 'should be a day (a whole number of days since 1970-01-01)' };
  } else if (task['cause'] !== undefined) {
    return { field: 'cause', problem: 'belongs only to tasks a playbook created' };
  }
  return undefined;
}

/**
 * Stores the tasks whose `cause` is not stored yet (every other task as given), in one
 * transaction; resolves to the tasks stored, with their ids.
 */
export async function addTasks(db: PulsoDb, tasks: readonly NewTaskRecord[]): Promise<TaskRecord[]> {
  for (const task of tasks) {
    const wrong = taskProblem(task);
    if (wrong) throw new Error(`addTasks(): ${wrong.field} ${wrong.problem}.`);
  }
  if (tasks.length === 0) return [];
  return guarded(() =>
    db.transaction('rw', db.tasks, async () => {
      const causes = tasks.flatMap((t) => (t.cause === undefined ? [] : [t.cause]));
      // One scan of the index: a run can bring tens of thousands of causes at once.
      const known = new Set(causes.length === 0 ? [] : ((await db.tasks.orderBy('cause').keys()) as string[]));
      const fresh = tasks.filter((t) => t.cause === undefined || (!known.has(t.cause) && (known.add(t.cause), true)));
      if (fresh.length === 0) return [];
      const ids = (await db.tasks.bulkAdd(fresh as TaskRecord[], { allKeys: true })) as number[];
      return fresh.map((task, k) => ({ ...task, id: ids[k]! }));
    }),
  );
}

/** Tasks, oldest first (callers sort for display): every one, one customer's, and/or those of some statuses. */
export async function listTasks(db: PulsoDb, filter: { readonly customerId?: string; readonly status?: readonly TaskRecordStatus[] } = {}): Promise<TaskRecord[]> {
  return guarded(async () => {
    const rows = filter.customerId === undefined ? await db.tasks.toArray() : await db.tasks.where('customerId').equals(filter.customerId).toArray();
    return filter.status ? rows.filter((t) => filter.status!.includes(t.status)) : rows;
  });
}

export async function getTask(db: PulsoDb, id: number): Promise<TaskRecord | undefined> {
  return guarded(() => db.tasks.get(id));
}

/** Closes or reopens a task; resolves to it as stored, `undefined` when there is none with `id`. */
export async function updateTask(db: PulsoDb, id: number, change: { readonly status: TaskRecordStatus; readonly note?: string; readonly closedAt?: number }): Promise<TaskRecord | undefined> {
  return guarded(() =>
    db.transaction('rw', db.tasks, async () => {
      const task = await db.tasks.get(id);
      if (!task) return undefined;
      const next: TaskRecord = {
        ...task,
        status: change.status,
        ...(change.note !== undefined && change.note !== '' ? { note: change.note } : {}),
        ...(change.closedAt !== undefined ? { closedAt: change.closedAt } : {}),
      };
      if (change.note === undefined || change.note === '') delete (next as { note?: string }).note;
      if (change.closedAt === undefined) delete (next as { closedAt?: number }).closedAt;
      await db.tasks.put(next);
      return next;
    }),
  );
}
