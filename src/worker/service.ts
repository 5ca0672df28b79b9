/**
 * The worker's side of `EngineApi`: holds the portfolio as columns and the model, scores with the
 * engine. Plain TypeScript with no worker globals, so tests run it in-process.
 */
import {
  explainCustomer,
  latestObservations,
  MODEL_DEFAULTS,
  scorePortfolio,
  selectRows,
  TEXT_MISSING,
  type Column,
  type CustomerExplanation,
  type EpochDay,
  type HealthModel,
  type Portfolio,
  type PortfolioScores,
  type Snapshot,
} from '../engine';
import { generateDemoPortfolio } from '../engine/demo';
import { STARTER_MODELS } from '../engine/starter-models';
import type {
  CustomerHistoryPoint, CustomerTable, EngineApi, EngineEvent, EntryInfo, EntryTarget, ExportScoresRequest, ImportCheck,
  ImportInfo, ImportInspection, ImportOutcome, ImportPlan, ImportProgress, NewEntry, PortfolioSource, PortfolioSummary,
  RestoreCheck, RestoreResult, ScoresView, TrendPoint, CsvOverrides,
} from './api';

const notYet = (what: string) => Promise.reject(new Error(`${what}: not built yet`));

interface Loaded {
  readonly source: PortfolioSource;
  readonly model: HealthModel;
  readonly asOf: EpochDay;
  readonly snapshots: readonly EpochDay[];
  /** The current customers, as of the last snapshot. */
  readonly current: Portfolio;
  /** The same customers at the previous snapshot, if there is one. */
  readonly previous: Portfolio | null;
  readonly scores: PortfolioScores;
  readonly previousScores: PortfolioScores | null;
}

const EMPTY: Portfolio = { size: 0, ids: [], columns: new Map() };

function defaultModel(): HealthModel {
  return STARTER_MODELS.find((s) => s.id === 'b2b-saas')!.model;
}

function texts(column: Column | undefined, size: number): string[] {
  if (column?.kind !== 'text') return Array.from({ length: size }, () => '');
  return Array.from(column.codes, (code) => (code === TEXT_MISSING ? '' : (column.labels[code] ?? '')));
}

function numbers(column: Column | undefined, size: number): Float64Array {
  return column?.kind === 'number' || column?.kind === 'date' ? column.values.slice() : new Float64Array(size).fill(Number.NaN);
}

/** Rows whose status is not "churned": the customers still in the portfolio. */
function activeRows(portfolio: Portfolio): Int32Array {
  const status = texts(portfolio.columns.get('status'), portfolio.size);
  return Int32Array.from(status.flatMap((s, row) => (s.trim().toLowerCase() === 'churned' ? [] : [row])));
}

export class EngineService implements EngineApi {
  #loaded: Loaded | null = null;

  #load(source: PortfolioSource, model: HealthModel, asOf: EpochDay, history: readonly Snapshot[]): PortfolioSummary {
    const last = history.at(-1);
    const rows = last ? activeRows(last.portfolio) : new Int32Array(0);
    const current = last ? selectRows(last.portfolio, rows) : EMPTY;
    const before = history.at(-2);
    const previous = before ? selectRows(before.portfolio, rows) : null;
    const scoredOn = last?.day ?? asOf;
    this.#loaded = {
      source,
      model,
      asOf: scoredOn,
      snapshots: history.map((h) => h.day),
      current,
      previous,
      scores: scorePortfolio(model, current, { asOf: scoredOn }),
      previousScores: previous && before ? scorePortfolio(model, previous, { asOf: before.day }) : null,
    };
    return this.#summary();
  }

  #state(): Loaded {
    if (!this.#loaded) throw new Error('No portfolio is loaded yet: call loadDemo or clear first.');
    return this.#loaded;
  }

  #summary(): PortfolioSummary {
    const s = this.#state();
    return { source: s.source, modelName: s.model.name, revision: '', minCoverage: s.model.minCoverage ?? MODEL_DEFAULTS.minCoverage, asOf: s.asOf, size: s.current.size, snapshots: s.snapshots, imports: 0 };
  }

  async loadDemo({ asOf }: { readonly asOf: EpochDay }): Promise<PortfolioSummary> {
    const demo = generateDemoPortfolio({ asOf });
    const history = latestObservations(demo.months.map((day, k) => ({ day, portfolio: demo.snapshots[k]! })));
    return this.#load('demo', defaultModel(), asOf, history);
  }

  async loadLocal({ asOf }: { readonly asOf: EpochDay }): Promise<PortfolioSummary> {
    return this.#load('local', defaultModel(), asOf, []);
  }

  async subscribe(_listener: (event: EngineEvent) => void): Promise<void> {}
  trend(): Promise<TrendPoint[]> { return notYet('trend'); }
  customerHistory(_row: number): Promise<CustomerHistoryPoint[]> { return notYet('customerHistory'); }
  openImport(_file: { readonly name: string; readonly data: ArrayBuffer }): Promise<ImportInspection> { return notYet('openImport'); }
  reformatImport(_overrides: CsvOverrides): Promise<ImportInspection> { return notYet('reformatImport'); }
  checkImport(_plan: ImportPlan): Promise<ImportCheck> { return notYet('checkImport'); }
  commitImport(_plan: ImportPlan, _onProgress?: (progress: ImportProgress) => void): Promise<ImportOutcome> { return notYet('commitImport'); }
  problemsCsv(_options: { readonly dialect: 'standard' | 'locale'; readonly locale: string }): Promise<string> { return notYet('problemsCsv'); }
  async closeImport(): Promise<void> {}
  listImports(): Promise<ImportInfo[]> { return notYet('listImports'); }
  deleteImport(_id: number): Promise<PortfolioSummary> { return notYet('deleteImport'); }
  deleteAllData(): Promise<PortfolioSummary> { return notYet('deleteAllData'); }
  entryTargets(): Promise<EntryTarget[]> { return notYet('entryTargets'); }
  addEntry(_entry: NewEntry): Promise<PortfolioSummary> { return notYet('addEntry'); }
  listEntries(_customerId: string): Promise<EntryInfo[]> { return notYet('listEntries'); }
  deleteEntry(_id: number): Promise<PortfolioSummary> { return notYet('deleteEntry'); }
  exportScores(_request: ExportScoresRequest): Promise<string> { return notYet('exportScores'); }
  backup(): Promise<{ readonly fileName: string; readonly data: Uint8Array }> { return notYet('backup'); }
  checkRestore(_data: ArrayBuffer): Promise<RestoreCheck> { return notYet('checkRestore'); }
  restore(_mode: 'replace' | 'merge'): Promise<RestoreResult> { return notYet('restore'); }

  async summary(): Promise<PortfolioSummary> {
    return this.#summary();
  }

  async scores(): Promise<ScoresView> {
    const { scores, previousScores, asOf, current } = this.#state();
    return {
      asOf,
      score: scores.score.slice(),
      previousScore: previousScores ? previousScores.score.slice() : new Float64Array(current.size).fill(Number.NaN),
      coverage: scores.coverage.slice(),
      band: scores.band.slice(),
      bands: scores.bands,
    };
  }

  async customers(): Promise<CustomerTable> {
    const { current } = this.#state();
    const col = (name: string) => current.columns.get(name);
    const names = texts(col('name'), current.size);
    return {
      ids: current.ids,
      names: names.map((n, i) => n || current.ids[i]!),
      segments: texts(col('segment'), current.size),
      stages: texts(col('stage'), current.size),
      owners: texts(col('owner'), current.size),
      mrr: numbers(col('mrr'), current.size),
      renewal: numbers(col('renewal_date'), current.size),
    };
  }

  async explain(row: number): Promise<CustomerExplanation> {
    const { model, current, asOf, scores } = this.#state();
    return explainCustomer(model, current, row, { asOf, ...(scores.quantiles ? { quantiles: scores.quantiles } : {}) });
  }
}

/** Typed arrays in a value, for comlink's `transfer` (each buffer once). */
export function buffersOf(value: object): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const v of Object.values(value)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) seen.add(v.buffer);
  return [...seen];
}
