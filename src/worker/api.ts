/**
 * The whole contract between the UI and the worker, in one interface: the worker implements it
 * (`service.ts`), the UI wraps it with comlink (`src/ui/engine-client.ts`). Everything that crosses
 * is plain data; bulk results are typed arrays, transferred rather than copied.
 */
import type { BandInfo, CustomerExplanation, EpochDay } from '../engine';

/** Where the portfolio in the worker came from. */
export type PortfolioSource = 'demo' | 'empty';

export interface PortfolioSummary {
  readonly source: PortfolioSource;
  readonly modelName: string;
  /** Below this coverage (0–1) a customer's band is `insufficient`. */
  readonly minCoverage: number;
  /** The day the current scores are for. */
  readonly asOf: EpochDay;
  /** Customers in the current portfolio (churned customers are not in it). */
  readonly size: number;
  /** Days of the snapshots kept, oldest first. */
  readonly snapshots: readonly EpochDay[];
}

/** The current scores, one entry per customer in the order of `CustomerTable`. */
export interface ScoresView {
  readonly asOf: EpochDay;
  /** Integer score, `NaN` with no score. */
  readonly score: Float64Array;
  /** Score at the previous snapshot (`NaN` where there was none). */
  readonly previousScore: Float64Array;
  readonly coverage: Float64Array;
  /** Index into `bands`; the last band is `insufficient`. */
  readonly band: Uint8Array;
  readonly bands: readonly BandInfo[];
}

/** What the customer list shows besides scores, one entry per customer. */
export interface CustomerTable {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly segments: readonly string[];
  readonly stages: readonly string[];
  readonly owners: readonly string[];
  /** Monthly recurring revenue; `NaN` if unknown. */
  readonly mrr: Float64Array;
  /** Renewal day; `NaN` if unknown. */
  readonly renewal: Float64Array;
}

export interface EngineApi {
  /** Loads the embedded demo portfolio, with its last snapshot on `asOf`, and scores it. */
  loadDemo(options: { readonly asOf: EpochDay }): Promise<PortfolioSummary>;
  /** Empties the portfolio: the user starts with their own data. */
  clear(options: { readonly asOf: EpochDay }): Promise<PortfolioSummary>;
  summary(): Promise<PortfolioSummary>;
  /** The current scores (transferred: each call gives fresh buffers). */
  scores(): Promise<ScoresView>;
  customers(): Promise<CustomerTable>;
  /** Why customer `row` (in `CustomerTable` order) has the score it has. */
  explain(row: number): Promise<CustomerExplanation>;
}
