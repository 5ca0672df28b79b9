/**
 * The customer page on the demo portfolio, run by the real in-process `EngineService`. Manual
 * entries and history are kept here in memory (`EntryService`) until the worker's own are built;
 * everything else — scores, customers, explanations — is the real engine.
 */
import { render, screen } from '@testing-library/svelte';
import { epochDay, type EpochDay } from '../../../src/engine';
import App from '../../../src/ui/App.svelte';
import { AppState, type SourceMemory } from '../../../src/ui/state/app-state.svelte';
import type { CustomerHistoryPoint, EngineApi, EntryInfo, EntryTarget, NewEntry, PortfolioSource, PortfolioSummary } from '../../../src/worker/api';
import { EngineService } from '../../../src/worker/service';

/** Each test renders the app on the ~270-customer demo: generous time for a busy 2-core machine. */
export const SLOW = 30_000;

/** The day the tests run on. */
export const TODAY: EpochDay = epochDay(2026, 11, 23);

/** What can be entered on the demo's B2B SaaS model (as the worker will offer it). */
export const TARGETS: readonly EntryTarget[] = [
  { column: 'logins_30d', label: 'Logins in the last 30 days', kind: 'number', input: 'number' },
  { column: 'nps', label: 'NPS answer (0–10)', kind: 'number', input: 'nps' },
  { column: 'csat', label: 'CSAT (1–5)', kind: 'number', input: 'csat' },
  { column: 'last_login', label: 'Days since last login', kind: 'date', input: 'date' },
  { column: 'onboarding_done', label: 'Onboarding done', kind: 'boolean', input: 'boolean' },
  {
    column: 'csm_sentiment',
    label: 'CSM sentiment',
    kind: 'text',
    input: 'sentiment',
    labels: ['very happy', 'happy', 'neutral', 'unhappy', 'very unhappy', 'muito satisfeito', 'satisfeito', 'neutro', 'insatisfeito', 'muito insatisfeito', 'muy satisfecho', 'satisfecho', 'insatisfecho', 'muy insatisfecho'],
  },
  { column: 'plan', label: 'plan', kind: 'text', input: 'text' },
];

/** The real engine, with entries and history held in memory; records what the page asked for. */
export class EntryService extends EngineService {
  entries: EntryInfo[] = [];
  readonly added: NewEntry[] = [];
  readonly deleted: number[] = [];
  /** Per customer row, the history to answer; default: none kept yet (one point, today). */
  history = new Map<number, CustomerHistoryPoint[]>();
  listCalls = 0;
  #next = 1000;

  override async entryTargets(): Promise<EntryTarget[]> {
    return [...TARGETS];
  }

  override async addEntry(entry: NewEntry): Promise<PortfolioSummary> {
    this.added.push(entry);
    this.entries = [{ ...entry, id: this.#next++, createdAt: 0, superseded: false }, ...this.entries];
    return this.summary();
  }

  override async listEntries(customerId: string): Promise<EntryInfo[]> {
    this.listCalls++;
    return this.entries.filter((e) => e.customerId === customerId);
  }

  override async deleteEntry(id: number): Promise<PortfolioSummary> {
    this.deleted.push(id);
    this.entries = this.entries.filter((e) => e.id !== id);
    return this.summary();
  }

  override async customerHistory(row: number): Promise<CustomerHistoryPoint[]> {
    const scores = await this.scores();
    return this.history.get(row) ?? [{ day: scores.asOf, score: scores.score[row]!, band: scores.band[row]!, coverage: scores.coverage[row]! }];
  }
}

/** Opens `#/customer?id=<id>` in the whole app, on the demo, with `api` as the worker. */
export function openCustomer(id: string, api: EngineApi = new EntryService()): { app: AppState } {
  let source: PortfolioSource | null = null;
  const memory: SourceMemory = { read: () => source, write: (s) => (source = s) };
  const app = new AppState({ api, memory, today: () => TODAY });
  location.hash = `#/customer?id=${encodeURIComponent(id)}`;
  void app.start();
  render(App, { app });
  return { app };
}

/** Waits for the page of a customer (its name as the page title). */
export function customerTitle(name: string | RegExp) {
  return screen.findByRole('heading', { level: 1, name }, { timeout: SLOW });
}
