/**
 * A stand-in for the worker on the tasks tests: the `EngineApi` methods `AppState` and the task
 * screens call, over a small in-memory list of tasks. The answers follow the contract in
 * `src/worker/api.ts`: open tasks soonest due first, closed ones latest first; a dismissal needs
 * a note; a task added by hand goes to the customer's owner.
 */
import { vi } from 'vitest';
import { epochDay } from '../../../src/engine';
import { AppState, type SourceMemory } from '../../../src/ui/state/app-state.svelte';
import type { EngineApi, PortfolioSource, PortfolioSummary, ScoresView, TaskInfo } from '../../../src/worker/api';

export const TODAY = epochDay(2026, 11, 23);

const BANDS: ScoresView['bands'] = [
  { id: 'red', label: 'Red', color: '#d32f2f' },
  { id: 'yellow', label: 'Yellow', color: '#f9a825' },
  { id: 'green', label: 'Green', color: '#388e3c' },
  { id: 'insufficient', label: 'Insufficient data', color: '#757575' },
];

/** The customers: id, name, owner. */
export const CUSTOMERS = [
  { id: 'C1', name: 'Acme Ltd', owner: 'Ana' },
  { id: 'C2', name: 'Borealis SA', owner: 'Bruno' },
  { id: 'C3', name: 'Cobalt Inc', owner: '' },
] as const;

let nextId = 1;

/** A task as the worker gives it; `overrides` set what a test looks at. */
export function makeTask(overrides: Partial<TaskInfo> = {}): TaskInfo {
  const customer = CUSTOMERS.find((c) => c.id === (overrides.customerId ?? 'C1'))!;
  return {
    id: nextId++,
    customerId: customer.id,
    customerName: customer.name,
    row: CUSTOMERS.indexOf(customer),
    owner: customer.owner,
    title: 'Contact now and find the cause',
    description: 'The customer is in the red band.',
    priority: 'high',
    playbookId: 'default-red',
    playbookName: 'Red: contact now',
    since: TODAY - 30,
    createdOn: TODAY - 5,
    dueOn: TODAY,
    status: 'open',
    note: '',
    ...overrides,
  };
}

const SUMMARY: PortfolioSummary = { source: 'demo', modelName: 'B2B SaaS', revision: 'r1', minCoverage: 0.5, asOf: TODAY, size: CUSTOMERS.length, snapshots: [TODAY], imports: 0 };

/** The fake worker over `tasks`, and a real `AppState` over it, started. */
export async function startFake(tasks: readonly TaskInfo[] = []) {
  let stored = tasks.map((t) => ({ ...t }));
  let clock = Date.UTC(2026, 11, 23, 12);
  const find = (id: number) => {
    const task = stored.find((t) => t.id === id);
    if (!task) throw new Error(`no task ${id}`);
    return task;
  };
  const replace = (task: TaskInfo) => {
    stored = stored.map((t) => (t.id === task.id ? task : t));
    return { ...task };
  };
  const n = CUSTOMERS.length;
  const api = {
    subscribe: vi.fn<EngineApi['subscribe']>(() => Promise.resolve()),
    loadDemo: vi.fn<EngineApi['loadDemo']>(() => Promise.resolve(SUMMARY)),
    loadLocal: vi.fn<EngineApi['loadLocal']>(() => Promise.resolve(SUMMARY)),
    summary: vi.fn<EngineApi['summary']>(() => Promise.resolve(SUMMARY)),
    bandActions: vi.fn<EngineApi['bandActions']>(() => Promise.resolve({})),
    scores: vi.fn<EngineApi['scores']>(() =>
      Promise.resolve({
        asOf: TODAY,
        score: new Float64Array(n).fill(30),
        previousScore: new Float64Array(n).fill(NaN),
        coverage: new Float64Array(n).fill(1),
        band: new Uint8Array(n),
        computedBand: new Uint8Array(n),
        overridden: new Uint8Array(n),
        previousBand: new Uint8Array(n).fill(255),
        bands: BANDS,
      }),
    ),
    customers: vi.fn<EngineApi['customers']>(() =>
      Promise.resolve({
        ids: CUSTOMERS.map((c) => c.id),
        names: CUSTOMERS.map((c) => c.name),
        segments: CUSTOMERS.map(() => ''),
        stages: CUSTOMERS.map(() => ''),
        owners: CUSTOMERS.map((c) => c.owner),
        mrr: new Float64Array(n),
        renewal: new Float64Array(n).fill(NaN),
      }),
    ),
    tasks: vi.fn<EngineApi['tasks']>((query = {}) => {
      const status = query.status ?? 'open';
      const picked = stored.filter(
        (t) => (!query.customerId || t.customerId === query.customerId) && (status === 'all' || (status === 'closed' ? t.status !== 'open' : t.status === status)),
      );
      const open = picked.filter((t) => t.status === 'open').sort((a, b) => a.dueOn - b.dueOn);
      const closed = picked.filter((t) => t.status !== 'open').sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0));
      return Promise.resolve([...open, ...closed].map((t) => ({ ...t })));
    }),
    dueTasks: vi.fn<EngineApi['dueTasks']>((today) => Promise.resolve(stored.filter((t) => t.status === 'open' && t.dueOn <= today).length)),
    closeTask: vi.fn<EngineApi['closeTask']>((id, outcome) => {
      if (outcome.status === 'dismissed' && !outcome.note.trim()) return Promise.reject(new Error('a dismissed task needs a note'));
      return Promise.resolve(replace({ ...find(id), status: outcome.status, note: outcome.note, closedAt: (clock += 60_000) }));
    }),
    reopenTask: vi.fn<EngineApi['reopenTask']>((id) => {
      const task: TaskInfo = { ...find(id), status: 'open', note: '' };
      delete (task as { closedAt?: number }).closedAt;
      return Promise.resolve(replace(task));
    }),
    addTask: vi.fn<EngineApi['addTask']>((task) => {
      const customer = CUSTOMERS.find((c) => c.id === task.customerId);
      if (!customer) return Promise.reject(new Error(`no customer ${task.customerId}`));
      if (!task.title.trim()) return Promise.reject(new Error('title is blank'));
      const added = makeTask({ ...task, customerId: customer.id, playbookId: null, playbookName: '', since: null, createdOn: TODAY });
      stored.push(added);
      return Promise.resolve({ ...added });
    }),
  } satisfies Partial<EngineApi>;

  let remembered: PortfolioSource | null = 'demo';
  const memory: SourceMemory = { read: () => remembered, write: (s) => (remembered = s) };
  // Only the methods above are called by AppState and the task screens.
  const app = new AppState({ api: api as unknown as EngineApi, memory, today: () => TODAY });
  await app.start();
  return { app, api, stored: () => stored };
}
