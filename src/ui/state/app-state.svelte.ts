/**
 * The portfolio as the UI sees it: a summary, the scores (typed arrays from the worker) and the
 * customer table. All work happens behind `EngineApi`; this holds results and the user's choice
 * of data source (remembered on this device).
 */
import type { EpochDay } from '../../engine';
import type { BandActions, CustomerTable, EngineApi, PortfolioSource, PortfolioSummary, ScoresView } from '../../worker/api';

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
    // 'empty' is how the first version remembered "my own data".
    return v === 'demo' ? 'demo' : v === 'local' || v === 'empty' ? 'local' : null;
  },
  write: (source) => globalThis.localStorage?.setItem(SOURCE_KEY, source),
};

export class AppState {
  status = $state<LoadStatus>('loading');
  error = $state<string | null>(null);
  summary = $state.raw<PortfolioSummary | null>(null);
  scores = $state.raw<ScoresView | null>(null);
  customers = $state.raw<CustomerTable | null>(null);
  /** Another tab or a new version upgraded the database: this tab must reload (nothing is lost). */
  databaseClosed = $state(false);
  /** Opening the database waits for other tabs with an older Pulso to close. */
  databaseBlocked = $state(false);

  /** What the team does for each band, as written in the method's last step (band id → text; absent: the default). */
  bandActions = $state.raw<BandActions>({});

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

  /** The worker, for screens that call it directly (import, data, customer page). */
  get api(): EngineApi {
    return this.#api;
  }

  /** The device's today. */
  today(): EpochDay {
    return this.#today();
  }

  /** First load: the demo, unless the user chose to work with their own data on this device. */
  start(): Promise<void> {
    if (!this.#subscribed) this.#subscribe();
    return this.#run(() => (this.#memory.read() === 'local' ? this.#api.loadLocal({ asOf: this.#today() }) : this.#api.loadDemo({ asOf: this.#today() })));
  }

  #subscribed = false;

  #subscribe(): void {
    this.#subscribed = true;
    void this.#api.subscribe((event) => {
      if (event.type === 'database-closed') this.databaseClosed = true;
      else this.databaseBlocked = true;
    });
  }

  /** Keeps new action texts for the bands (blank ones go back to the default). */
  async setBandActions(actions: BandActions): Promise<void> {
    this.bandActions = await this.#api.setBandActions(actions);
  }

  resetDemo(): Promise<void> {
    this.#memory.write('demo');
    return this.#run(() => this.#api.loadDemo({ asOf: this.#today() }));
  }

  /** Switches to the user's own data stored on this device (possibly none yet). */
  startOwnData(): Promise<void> {
    this.#memory.write('local');
    return this.#run(() => this.#api.loadLocal({ asOf: this.#today() }));
  }

  /**
   * After the worker changed the portfolio itself (an import, an entry, a restore, a deletion):
   * takes its new summary and fetches the scores and customers again. A summary of own data
   * makes own data the remembered choice.
   */
  refresh(summary?: PortfolioSummary): Promise<void> {
    if (summary?.source === 'local') this.#memory.write('local');
    return this.#run(() => (summary ? Promise.resolve(summary) : this.#api.summary()));
  }

  #show(summary: PortfolioSummary, scores: ScoresView): void {
    this.summary = summary;
    this.scores = scores;
    this.status = 'ready';
    this.databaseBlocked = false;
  }

  /** Counts loads, so that a slow answer to an earlier one never overwrites a later one. */
  #generation = 0;

  /**
   * At start-up, the summary and scores first — the overview can draw — then the customer table
   * (the worker may still be loading it behind stored scores; `customers` is `null` meanwhile).
   * Later loads change all three together.
   */
  async #run(load: () => Promise<PortfolioSummary>): Promise<void> {
    const generation = ++this.#generation;
    this.status = 'loading';
    this.error = null;
    try {
      // Marks on the page's timeline for the browser benchmark and the browser's performance tools.
      performance.mark('pulso:load');
      const summary = await load();
      performance.mark('pulso:loaded');
      const customers = this.#api.customers();
      // Never left rejected while the scores are awaited: its failure is reported below.
      customers.catch(() => undefined);
      const scores = await this.#api.scores();
      performance.mark('pulso:fetched');
      if (generation !== this.#generation) return;
      // Screens already showing customers keep them until the new table and scores can change together.
      const first = this.customers === null;
      if (first) this.#show(summary, scores);
      const table = await customers;
      if (generation !== this.#generation) return;
      if (!first) this.#show(summary, scores);
      this.customers = table;
      // Read again after every load: a restored backup brings its own.
      void Promise.resolve()
        .then(() => this.#api.bandActions())
        .then((actions) => generation === this.#generation && (this.bandActions = actions), () => undefined);
    } catch (e) {
      if (generation !== this.#generation) return;
      this.customers = null;
      this.error = e instanceof Error ? e.message : String(e);
      this.status = 'error';
    }
  }
}
