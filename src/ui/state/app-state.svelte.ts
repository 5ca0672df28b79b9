/**
 * The portfolio as the UI sees it: a summary, the scores (typed arrays from the worker) and the
 * customer table. All work happens behind `EngineApi`; this holds results and the user's choice
 * of data source (remembered on this device).
 */
import type { EpochDay } from '../../engine';
import type { CustomerTable, EngineApi, PortfolioSource, PortfolioSummary, ScoresView } from '../../worker/api';

export type LoadStatus = 'loading' | 'ready' | 'error';

/** Where the choice of demo or own data is remembered. */
export interface SourceMemory {
  read(): PortfolioSource | null;
  write(source: PortfolioSource): void;
}

const SOURCE_KEY = 'pulso.source';

export const localSourceMemory: SourceMemory = {
  read: () => {
    const v = globalThis.localStorage?.getItem(SOURCE_KEY);
    return v === 'demo' || v === 'empty' ? v : null;
  },
  write: (source) => globalThis.localStorage?.setItem(SOURCE_KEY, source),
};

export class AppState {
  status = $state<LoadStatus>('loading');
  error = $state<string | null>(null);
  summary = $state.raw<PortfolioSummary | null>(null);
  scores = $state.raw<ScoresView | null>(null);
  customers = $state.raw<CustomerTable | null>(null);

  /** Customers per band, in band order (the last is `insufficient`). */
  bandCounts = $derived.by(() => {
    const s = this.scores;
    if (!s) return [];
    const counts = new Array<number>(s.bands.length).fill(0);
    for (const b of s.band) counts[b]!++;
    return counts;
  });

  readonly #api: EngineApi;
  readonly #memory: SourceMemory;
  readonly #today: () => EpochDay;

  constructor(options: { api: EngineApi; memory: SourceMemory; today: () => EpochDay }) {
    this.#api = options.api;
    this.#memory = options.memory;
    this.#today = options.today;
  }

  /** First load: the demo, unless the user chose to start with their own data on this device. */
  start(): Promise<void> {
    return this.#run(() => (this.#memory.read() === 'empty' ? this.#api.clear({ asOf: this.#today() }) : this.#api.loadDemo({ asOf: this.#today() })));
  }

  resetDemo(): Promise<void> {
    this.#memory.write('demo');
    return this.#run(() => this.#api.loadDemo({ asOf: this.#today() }));
  }

  startOwnData(): Promise<void> {
    this.#memory.write('empty');
    return this.#run(() => this.#api.clear({ asOf: this.#today() }));
  }

  async #run(load: () => Promise<PortfolioSummary>): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const summary = await load();
      const [scores, customers] = await Promise.all([this.#api.scores(), this.#api.customers()]);
      this.summary = summary;
      this.scores = scores;
      this.customers = customers;
      this.status = 'ready';
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.status = 'error';
    }
  }
}
