/**
 * The tasks a screen shows (every customer's, or one customer's), and what can be done to them:
 * tick done (a note optional), dismiss (a note needed), undo, reopen, add. A task closed here
 * stays in its place among the open ones — shown as done, with its undo — until the next load,
 * so a thumb never has to chase the list.
 */
import type { EngineApi, NewTask, TaskInfo } from '../../worker/api';

/**
 * Counts changes to tasks, so that what shows them fetches them again: `version` any change (the
 * navigation's badge counts again), `created` tasks that appeared without the portfolio changing
 * (the default playbooks stored and run at start-up, a playbook saved): the lists load again.
 */
class TaskEvents {
  version = $state(0);
  created = $state(0);

  /** A task was ticked, dismissed, reopened or added here. */
  changed(): void {
    this.version++;
  }

  /** Playbooks ran outside an import, entry, override or model change and may have created tasks. */
  ran(): void {
    this.version++;
    this.created++;
  }
}

export const taskEvents = new TaskEvents();

export type TaskOutcome = { readonly status: 'done' | 'dismissed'; readonly note: string };

export class TaskList {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  /** Open tasks at the last load, soonest due first; those closed since are kept in place, closed. */
  open = $state.raw<TaskInfo[]>([]);
  /** Closed tasks at the last load, latest closed first. */
  closed = $state.raw<TaskInfo[]>([]);

  readonly #api: () => EngineApi;
  readonly #customerId: string | undefined;
  #generation = 0;

  constructor(options: { api: () => EngineApi; customerId?: string }) {
    this.#api = options.api;
    this.#customerId = options.customerId;
  }

  /** Fetches the tasks again (an answer to an earlier load never overwrites a later one). */
  async load(): Promise<void> {
    const mine = ++this.#generation;
    if (this.status === 'error') this.status = 'loading';
    const customerId = this.#customerId;
    try {
      const api = this.#api();
      const [open, closed] = await Promise.all([api.tasks({ customerId, status: 'open' }), api.tasks({ customerId, status: 'closed' })]);
      if (mine !== this.#generation) return;
      this.open = open;
      this.closed = closed;
      this.error = null;
      this.status = 'ready';
    } catch (e) {
      if (mine !== this.#generation) return;
      this.error = e instanceof Error ? e.message : String(e);
      this.status = 'error';
    }
  }

  /** Done or dismissed; a task already closed keeps its status and takes the new note. */
  async close(id: number, outcome: TaskOutcome): Promise<TaskInfo> {
    const task = await this.#api().closeTask(id, outcome);
    this.#put(task);
    taskEvents.changed();
    return task;
  }

  /** Undo (a task closed just now) or reopen (one from the closed list): open again. */
  async reopen(id: number): Promise<TaskInfo> {
    const task = await this.#api().reopenTask(id);
    if (this.closed.some((t) => t.id === id)) {
      this.closed = this.closed.filter((t) => t.id !== id);
      this.open = [...this.open.filter((t) => t.id !== id), task];
    } else this.#put(task);
    taskEvents.changed();
    return task;
  }

  async add(task: NewTask): Promise<TaskInfo> {
    const added = await this.#api().addTask(task);
    this.open = [...this.open, added];
    taskEvents.changed();
    return added;
  }

  #put(task: TaskInfo): void {
    if (this.open.some((t) => t.id === task.id)) this.open = this.open.map((t) => (t.id === task.id ? task : t));
    else this.closed = this.closed.map((t) => (t.id === task.id ? task : t));
  }
}
