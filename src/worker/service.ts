/**
 * The worker's side of `EngineApi`: holds the portfolio as columns and the model, scores with the
 * engine, and reads and writes the user's data through `src/data`. Plain TypeScript with no
 * worker globals, so tests run it in-process (with fake-indexeddb for the stored data).
 *
 * Two sources: the embedded demo (generated, never stored; entries typed on it live in memory
 * until it is reset) and the user's own data (imports and hand-typed entries in IndexedDB, with a
 * score snapshot stored per snapshot day and model revision).
 */
import {
  applyObservations,
  explainCustomer,
  exportModel,
  extendTo,
  formatIsoDay,
  isMissing,
  latestObservations,
  parseModel,
  formatProblem,
  explainChange,
  modelDifferences,
  pointsKey,
  newCategoryCache,
  preparePoints,
  reweighPortfolio,
  scorePortfolio,
  selectRows,
  MODEL_DEFAULTS,
  type Column,
  type ColumnKind,
  type CustomerExplanation,
  type EpochDay,
  type HealthModel,
  type ModelProblem,
  type Observation,
  type Portfolio,
  type PortfolioScores,
  type CategoryCache,
  type PreparedPoints,
  type Snapshot,
} from '../engine';
import { generateDemoPortfolio } from '../engine/demo';
import { STARTER_MODELS } from '../engine/starter-models';
import { exportScoresCsv } from '../io';
import {
  addEntry, allEntries, clearData, createBackup, dataStamp, deleteEntry, deleteImport, deleteScoreSnapshots, listEntries,
  listImports, listScoreSnapshots, loadHistory, loadScoreSnapshot, MODEL_SETTING, METHOD_SETTING, BAND_ACTIONS_SETTING, PulsoDb, getSetting, putSetting, readBackup, recallMapping, recallModel, rememberMapping,
  restoreBackup, saveImports, saveScoreSnapshot, type Backup, type EntryRecord,
  addOverride, allOverrides, endOverride, type OverrideRecord,
  addTasks, deletePlaybook, listPlaybooks, listTasks, playbooksSeeded, putPlaybook, replacePlaybooks, seedPlaybooks, updateTask, type NewTaskRecord, type TaskRecord,
} from '../data';
import { ContentHasher } from '../data/content-hash';
import { recallRevisions, recordRevisions, type ModelRevisionRecord } from '../data/settings';
import type {
  CsvOverrides, CustomerHistoryPoint, CustomerTable, EngineApi, EngineEvent, EntryInfo, EntryTarget, ExportScoresRequest,
  BandActions, CustomerMove, ImportCheck, ImportInfo, ImportInspection, ImportMapping, ImportOutcome, ImportPlan, ImportProgress, MethodProgress, ModelChoice, ModelFileInfo, ModelPreview, NewEntry, UseModelResult,
  BandMover, ChangedCustomer, RevisionComparison, RevisionInfo, RevisionScores,
  PortfolioSource, PortfolioSummary, RestoreCheck, RestoreResult, ScoresView, TrendPoint,
  NewOverride, OverrideInfo, IndicatorHistory,
} from './api';
import { indicatorHistory } from './indicator-history';
import { applyOverrides, newestFirst, overrideBandIndex, overrideInfo } from './overrides';
import { NO_BAND } from './api';
import { importInputs, importMetrics, ImportSession } from './import-session';
import { dayScores, knownRows, scoreDay, scoreHistory, type DayScores, type ScoredHistory } from './scored-history';
import { numbers, pickScores, texts } from './columns';
import { columnDistribution } from './distribution';
import type { DataColumn, IndicatorDistribution, ModelFileRead, NewTask, PlaybookInfo, PlaybookRun, TaskInfo, TaskQuery, TaskStatus } from './api';
import type { BacktestReport, BacktestRequest, CalibrationReport, NewOutcome, OutcomeCheck, OutcomeCounts, OutcomeFileInspection, OutcomeImportResult, OutcomeInfo, OutcomePlan, OutcomeValue } from './api';
import { playbookProblems, TASK_PRIORITIES, type Playbook, type PlaybookDay } from '../engine';
import { asPlaybook, playbookDay, playbookInfos, taskInfo, taskOrder, tasksToCreate, textAt } from './playbook-runs';
import { LIST_COLUMN_ROLES, type ListColumnRole } from '../engine/lists';
import type { AlertsView, ExportListRequest, OpportunityLists } from './api';
import {
  ALERTS_SEEN_SETTING, LIST_COLUMNS_SETTING, alertsView, buildLists, cleanChoices, findAlerts, listCsv, numberColumns, seenMark,
  type Baseline, type ListsInput, type SeenMark,
} from './lists';
import type { MethodFileRead, UseMethodResult } from './api';
import { methodFile, readMethodFile, useMethodFile } from './method-file';
import { OutcomeFileSession } from './outcomes';
import { backtest, calibrationReport } from './calibration';
import { clearOutcomes as clearStoredOutcomes, deleteOutcome, listOutcomes, putOutcomes } from '../data/outcomes-repo';
import type { OutcomeRecord } from '../data/db';

export interface EngineServiceOptions {
  /** Opens the database (tests pass one on fake-indexeddb); default the app's `pulso` database. */
  readonly openDb?: (events: { onVersionChange: () => void; onBlocked: () => void }) => PulsoDb;
  /** The device's today, for file names (default the clock). */
  readonly today?: () => Date;
}

interface Loaded extends ScoredHistory {
  readonly source: PortfolioSource;
  readonly revision: string;
  readonly imports: number;
  /** The history scored (snapshot days, merged with entries). */
  readonly history: readonly Snapshot[];
  /** Ids of entries a later imported value replaced. */
  readonly superseded: ReadonlySet<number>;
}

/**
 * Tasks stored per transaction by a playbook run. Each transaction scans the stored causes once,
 * so smaller batches cost more in all (measured: 5,000 a transaction took twice as long at 100k).
 */
const TASK_BATCH = 100_000;

/** What the last playbook run on own data ran on (see `#run`): a start-up that finds the same skips the run. */
const PLAYBOOK_RUN_SETTING = 'playbookRun';

/** A hand-typed entry of the demo, kept in memory. */
type DemoEntry = EntryRecord;

function defaultModel(): HealthModel {
  return STARTER_MODELS.find((s) => s.id === 'b2b-saas')!.model;
}

/** A model revision's key: a hash of its canonical file, the same on every device. */
export function revisionOf(model: HealthModel): string {
  return new ContentHasher().string(exportModel(model)).digest();
}

/** Customers per band, in the order of `scores.bands`. */
function bandCountsOf(scores: Pick<PortfolioScores, 'band' | 'bands'>): number[] {
  const counts = new Uint32Array(scores.bands.length);
  for (let r = 0; r < scores.band.length; r++) counts[scores.band[r]!]!++;
  return Array.from(counts);
}

/** Customers a comparison of two revisions explains, of those whose band changes. */
const COMPARED_CUSTOMERS = 200;

/** Customers a preview names among those whose band would change. */
const MOVERS_SHOWN = 50;

/**
 * Up to `limit` of the customers in `rows` (those whose band differs between `now` and `draft`,
 * in row order), the biggest change in (integer) score first, a score gained or lost before any,
 * then in row order. One pass over them to count changes by size, one to pick: no sort of every
 * changed customer.
 */
function biggestMovers(now: Pick<PortfolioScores, 'score' | 'band'>, draft: Pick<PortfolioScores, 'score' | 'band'>, rows: Int32Array, limit: number): BandMover[] {
  const size = (r: number) => {
    const d = Math.abs(draft.score[r]! - now.score[r]!);
    return Number.isNaN(d) ? 101 : d;
  };
  const bySize = new Uint32Array(102);
  for (let k = 0; k < rows.length; k++) bySize[size(rows[k]!)]!++;
  // The smallest change still shown: every bigger one fits, and some of this size.
  let threshold = 101;
  let bigger = 0;
  for (; threshold > 0 && bigger + bySize[threshold]! < limit; threshold--) bigger += bySize[threshold]!;
  const picked: number[] = [];
  let atThreshold = limit - bigger;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const d = size(r);
    if (d > threshold || (d === threshold && atThreshold-- > 0)) picked.push(r);
  }
  return picked
    .sort((a, b) => size(b) - size(a) || a - b)
    .map((row) => ({ row, from: now.band[row]!, to: draft.band[row]!, score: draft.score[row]!, previousScore: now.score[row]! }));
}

/** A draft's shape: everything but its weights (category, metric and segment-override weights), as JSON. */
function shapeOf(model: HealthModel): string {
  return JSON.stringify(model, (key, value: unknown) => (key === 'weight' ? undefined : value));
}

/**
 * Whether a draft's weights are what a valid model has (finite numbers, 0 or more, some category
 * above 0): for a draft whose shape passed validation in full, the only check left.
 */
function weightsValid(model: HealthModel): boolean {
  const ok = (w: unknown) => typeof w === 'number' && Number.isFinite(w) && w >= 0;
  const categories = model.categories;
  if (!categories.every((c) => ok(c.weight) && c.metrics.every((m) => ok(m.weight)))) return false;
  if (!categories.some((c) => c.weight > 0)) return false;
  const overrides = Object.values(model.segments?.overrides ?? {}).flatMap((byMetric) => Object.values(byMetric));
  return overrides.every((o) => o.weight === undefined || ok(o.weight));
}

/** The customer fields the import stores under these names: not indicators to type by hand. */
const CUSTOMER_COLUMNS = new Set(['name', 'segment', 'stage', 'owner', 'mrr', 'renewal_date', 'status']);

function entryInput(id: string, source: string, kind: ColumnKind, hasLabels: boolean): EntryTarget['input'] {
  const name = `${id} ${source}`.toLowerCase();
  if (kind === 'number' && /\bnps|nps\b|_nps|nps_/.test(name)) return 'nps';
  if (kind === 'number' && /csat/.test(name)) return 'csat';
  if (kind === 'text' && hasLabels) return 'sentiment';
  return kind;
}

/** The value of an entry as its column's kind stores it, or an error saying what is wrong. */
function entryValue(kind: ColumnKind, value: number | boolean | string): number | boolean | string {
  switch (kind) {
    case 'number':
    case 'date':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`The value must be a number, got ${JSON.stringify(value)}.`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new Error(`The value must be yes or no, got ${JSON.stringify(value)}.`);
      return value;
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') throw new Error('The value must be a non-empty text.');
      return value.trim();
  }
}

function observationsOf(entries: readonly EntryRecord[]): { observations: Observation[]; entryIds: number[] } {
  const observations: Observation[] = [];
  const entryIds: number[] = [];
  for (const e of entries) {
    if (e.column === undefined || e.value === undefined || e.kind === undefined) continue;
    observations.push({ customerId: e.customerId, column: e.column, kind: e.kind, value: e.value, day: e.day });
    entryIds.push(e.id);
  }
  return { observations, entryIds };
}

function progressReporter(onProgress: ((p: ImportProgress) => void) | undefined, rows: number, started: number) {
  let current: ImportProgress['phase'] | null = null;
  let phaseStart = started;
  /** `done` of `total` units of the phase (rows, chunks…), reported as rows of the file, with the phase's own pace. */
  return (phase: ImportProgress['phase'], done: number, total: number): void => {
    if (!onProgress) return;
    if (phase !== current) {
      current = phase;
      phaseStart = performance.now();
    }
    const seconds = (performance.now() - phaseStart) / 1000;
    const rowsDone = total > 0 ? Math.round((done / total) * rows) : rows;
    try {
      // Through comlink the listener answers with a promise: never awaited (the save goes on), never left rejected.
      const answer: unknown = onProgress({ phase, done: rowsDone, total: rows, rowsPerSecond: seconds > 0 ? Math.round(rowsDone / seconds) : 0 });
      if (answer instanceof Promise) answer.catch(() => undefined);
    } catch {
      // A progress listener that fails (a closed tab) must not stop the import.
    }
  };
}

export class EngineService implements EngineApi {
  readonly #options: EngineServiceOptions;
  #db: PulsoDb | null = null;
  #loaded: Loaded | null = null;
  #listeners: ((event: EngineEvent) => void)[] = [];
  #days = new Map<EpochDay, DayScores>();
  #dayIndex = new Map<EpochDay, Map<string, number>>();
  #session: ImportSession | null = null;
  #sessionEntries: readonly EntryRecord[] = [];
  #restore: Backup | null = null;
  #demo: { base: Snapshot[]; entries: DemoEntry[]; nextId: number } | null = null;
  /** Bands set by hand on the portfolio loaded (the demo's live in memory until it is reset). */
  #overrides: OverrideRecord[] = [];
  #nextDemoOverride = 1;
  /** The demo's tasks, in memory like its entries and overrides (own data's are stored). */
  #demoTasks: TaskRecord[] = [];
  #nextDemoTask = 1;
  /** What the last playbook run ran on (data, model, playbooks, overrides, day): the same again creates nothing, so it is skipped. */
  #lastRun = '';
  /** Own data's tasks as stored, read once and kept up to date by this worker's writes (`null`: not read yet). */
  #taskCache: TaskRecord[] | null = null;
  /**
   * Tasks being stored after a playbook run. At 100k customers a first run can store tens of
   * thousands (~0.4 ms each in Chromium), so it goes on apart from `#background`: only the calls
   * that read or change tasks wait for it.
   */
  #taskWrites: Promise<void> = Promise.resolve();
  #timings: Record<string, number> = {};
  /**
   * Work that goes on after a call has answered (storing score snapshots; at start-up, loading the
   * whole history behind the stored scores). Every call but `summary` and `scores` waits for it
   * first, so each sees what the one before it left.
   */
  #background: Promise<void> = Promise.resolve();
  /** At start-up, the stored scores shown while the whole history loads behind them. */
  #quick: { readonly summary: PortfolioSummary; readonly scores: ScoresView } | null = null;
  /** The history loading behind the stored scores (resolved when none is). */
  #loading: Promise<void> = Promise.resolve();
  /** Why loading the history behind the stored scores failed (said by the next call that needs it). */
  #loadError: unknown = null;
  #model: HealthModel = defaultModel();
  #revision = revisionOf(this.#model);

  constructor(options: EngineServiceOptions = {}) {
    this.#options = options;
  }

  // -------------------------------------------------------------------------------------------
  // Plumbing

  #emit(event: EngineEvent): void {
    for (const listener of this.#listeners) {
      try {
        void listener(event);
      } catch {
        // A listener of a closed page: nothing to tell.
      }
    }
  }

  #database(): PulsoDb {
    if (!this.#db) {
      const events = { onVersionChange: () => this.#emit({ type: 'database-closed' }), onBlocked: () => this.#emit({ type: 'database-blocked' }) };
      this.#db = this.#options.openDb ? this.#options.openDb(events) : new PulsoDb(events);
    }
    return this.#db;
  }

  /** Runs `work` after what is already running in the background; its failure is its own to handle. */
  #later(work: () => Promise<void>): Promise<void> {
    const job = this.#background.then(work).catch(() => undefined);
    this.#background = job;
    return job;
  }

  /** Waits for all the background work (see `#background`): for calls that read or write stored data. */
  async #settled(): Promise<void> {
    await this.#background;
  }

  /** Waits for the history loading behind the stored scores, if any: for calls that only read the loaded portfolio. */
  async #ready(): Promise<void> {
    await this.#loading;
  }

  #state(): Loaded {
    if (this.#loadError !== null) throw this.#loadError;
    if (!this.#loaded) throw new Error('No portfolio is loaded yet: call loadDemo or loadLocal first.');
    return this.#loaded;
  }

  #summary(): PortfolioSummary {
    const s = this.#state();
    return {
      source: s.source,
      modelName: s.model.name,
      revision: s.revision,
      minCoverage: s.model.minCoverage ?? MODEL_DEFAULTS.minCoverage,
      asOf: s.asOf,
      size: s.current.size,
      snapshots: s.days,
      imports: s.imports,
    };
  }

  #set(source: PortfolioSource, history: readonly Snapshot[], fallback: EpochDay, imports: number, superseded: ReadonlySet<number>): void {
    this.#days.clear();
    this.#dayIndex.clear();
    // Read again on first use: a restore or a deletion may have changed them.
    this.#outcomeCache = null;
    // The points kept for previews are of the portfolio being replaced.
    this.#previewCache = null;
    this.#loaded = { ...scoreHistory(this.#model, history, fallback), source, revision: this.#revision, imports, history, superseded };
    // Own data runs its playbooks once its snapshots are stored (#loadLocal); the demo's at once.
    if (source === 'demo') this.#later(() => this.#runQuietly());
  }

  /** History with entries applied, extended to the latest entry's day when it is newer than the last snapshot. */
  #withEntries(base: readonly Snapshot[], entries: readonly EntryRecord[]): { history: Snapshot[]; superseded: Set<number> } {
    const { observations, entryIds } = observationsOf(entries);
    if (observations.length === 0 || base.length === 0) return { history: [...base], superseded: new Set() };
    const lastEntry = Math.max(...observations.map((o) => o.day));
    const extended = lastEntry > base.at(-1)!.day ? extendTo(base, lastEntry) : [...base];
    const applied = applyObservations(extended, observations);
    return { history: applied.history, superseded: new Set([...applied.superseded].map((k) => entryIds[k]!)) };
  }

  // -------------------------------------------------------------------------------------------
  // Loading

  async subscribe(listener: (event: EngineEvent) => void): Promise<void> {
    this.#listeners.push(listener);
  }

  async loadDemo({ asOf }: { readonly asOf: EpochDay }): Promise<PortfolioSummary> {
    await this.#settled();
    this.#loadError = null;
    await this.#recallModel();
    // An import may come next: on a first visit, creating the database takes a good part of a
    // second, better spent while the demo is looked at than after a file is chosen.
    this.#database().open().catch(() => undefined);
    const demo = generateDemoPortfolio({ asOf });
    const base = latestObservations(demo.months.map((day, k) => ({ day, portfolio: demo.snapshots[k]! })));
    this.#demo = { base, entries: [], nextId: 1 };
    this.#overrides = [];
    this.#demoTasks = [];
    this.#demoOutcomes = demoOutcomes(demo.ids, demo.churnedOn, asOf);
    this.#lastRun = '';
    this.#set('demo', base, asOf, 0, new Set());
    return this.#summary();
  }

  #reloadDemo(): PortfolioSummary {
    const demo = this.#demo!;
    const { history, superseded } = this.#withEntries(demo.base, demo.entries);
    this.#set('demo', history, this.#state().asOf, 0, superseded);
    return this.#summary();
  }

  /**
   * Own data. When the stored score snapshots are those of the data as it is now (same model
   * revision, same data stamp), the summary and the scores come straight from the newest two
   * snapshots — a few columns instead of every imported value — and the history loads behind
   * them; the calls that need it wait for it.
   */
  async loadLocal({ asOf }: { readonly asOf: EpochDay }): Promise<PortfolioSummary> {
    await this.#settled();
    this.#loadError = null;
    await this.#recallModel();
    const quick = await this.#storedScores();
    if (!quick) return this.#loadLocal(asOf);
    this.#quick = quick;
    this.#loading = this.#later(async () => {
      try {
        await this.#loadLocal(asOf);
      } catch (error) {
        this.#loadError = error;
      } finally {
        this.#quick = null;
      }
    });
    return quick.summary;
  }

  /** The summary and scores of the stored snapshots, if they are up to date with the data; else `null`. */
  async #storedScores(): Promise<{ summary: PortfolioSummary; scores: ScoresView } | null> {
    const time = this.#timer('start');
    const db = this.#database();
    await db.open();
    const [stamp, metas, imports, overrides] = await Promise.all([dataStamp(db), listScoreSnapshots(db, this.#revision), listImports(db), allOverrides(db)]);
    // Snapshots are stored oldest day first, each with the stamp it was scored from: when every
    // one has today's stamp, they are every day of the history (see #storeSnapshots).
    const last = metas.at(-1);
    if (!last || metas.some((meta) => meta.dataStamp !== stamp)) return null;
    const before = metas.at(-2);
    const [current, previous] = await Promise.all([
      loadScoreSnapshot(db, last.id, { categories: false }),
      before ? loadScoreSnapshot(db, before.id, { categories: false }) : null,
    ]);
    if (!current) return null;
    const previousScore = new Float64Array(current.ids.length).fill(Number.NaN);
    const previousBand = new Uint8Array(current.ids.length).fill(NO_BAND);
    if (previous) {
      const rowOf = new Map(previous.ids.map((id, row) => [id, row]));
      current.ids.forEach((id, row) => {
        const earlier = rowOf.get(id);
        if (earlier === undefined) return;
        previousScore[row] = previous.score[earlier]!;
        previousBand[row] = previous.band[earlier]!;
      });
    }
    time('read');
    this.#overrides = overrides;
    const shown = applyOverrides(current.ids, current.band, current.bands, overrides, last.asOf, this.#today());
    return {
      summary: {
        source: 'local', modelName: this.#model.name, revision: this.#revision, minCoverage: this.#model.minCoverage ?? MODEL_DEFAULTS.minCoverage,
        asOf: last.asOf, size: current.ids.length, snapshots: metas.map((meta) => meta.asOf), imports: imports.length,
      },
      scores: {
        asOf: last.asOf, score: current.score, previousScore, coverage: current.coverage, band: shown.band, computedBand: current.band,
        overridden: shown.overridden, previousBand, bands: current.bands,
      },
    };
  }

  async #loadLocal(asOf: EpochDay): Promise<PortfolioSummary> {
    const time = this.#timer('load');
    const db = this.#database();
    await db.open();
    time('open');
    const [stored, entries, imports, overrides] = await Promise.all([loadHistory(db), allEntries(db), listImports(db), allOverrides(db)]);
    time('read');
    this.#overrides = overrides;
    const { history, superseded } = this.#withEntries(latestObservations(stored), entries);
    time('history');
    this.#demo = null;
    this.#set('local', history, asOf, imports.length, superseded);
    time('score');
    // After the answer: the scores are in memory; the snapshots are for later visits and trends
    // (a tab closed before they are stored stores them on the next visit).
    this.#later(async () => {
      const stored = this.#timer('load');
      try {
        await this.#storeSnapshots(db);
      } catch {
        // A full disk: the days not stored are scored in memory when asked for (#dayScores).
      }
      stored('snapshots');
      await this.#runQuietly();
      stored('playbooks');
    });
    return this.#summary();
  }

  /** Records the time since the last mark under `<prefix>.<step>` (see `timings`). */
  #timer(prefix: string): (step: string) => void {
    let last = performance.now();
    return (step) => {
      const now = performance.now();
      this.#timings[`${prefix}.${step}`] = Math.round(now - last);
      last = now;
    };
  }

  async timings(): Promise<Readonly<Record<string, number>>> {
    return { ...this.#timings };
  }

  /**
   * Keeps one stored score snapshot per snapshot day for the current model revision, rescoring a
   * day only when the data changed since it was stored; drops snapshots of days no longer in the data.
   */
  async #storeSnapshots(db: PulsoDb): Promise<void> {
    const s = this.#state();
    const stamp = await dataStamp(db);
    const stored = new Map((await listScoreSnapshots(db, s.revision)).map((meta) => [meta.asOf, meta]));
    await deleteScoreSnapshots(db, { notIn: s.days });
    for (const snapshot of s.history) {
      const meta = stored.get(snapshot.day);
      if (meta && meta.dataStamp === stamp) continue;
      const day = snapshot.day === s.asOf ? dayScores(s.asOf, s.current.ids, s.scores) : scoreDay(s.model, snapshot);
      this.#days.set(day.day, day);
      await saveScoreSnapshot(db, {
        asOf: day.day, revision: s.revision, modelName: s.model.name, dataStamp: stamp, ids: day.ids,
        score: day.score, coverage: day.coverage, band: day.band, bands: s.scores.bands, categories: day.categories,
      });
    }
  }

  /** The scores of every snapshot day, oldest first: stored snapshots for own data, scored in memory for the demo. */
  async #dayScores(): Promise<DayScores[]> {
    const s = this.#state();
    if (s.source === 'local' && s.days.some((day) => !this.#days.has(day))) {
      const db = this.#database();
      for (const meta of await listScoreSnapshots(db, s.revision)) {
        if (this.#days.has(meta.asOf) || !s.days.includes(meta.asOf)) continue;
        const snapshot = await loadScoreSnapshot(db, meta.id);
        if (snapshot) this.#days.set(meta.asOf, { day: meta.asOf, ids: snapshot.ids, score: snapshot.score, coverage: snapshot.coverage, band: snapshot.band, categories: snapshot.categories });
      }
    }
    for (const snapshot of s.history) if (!this.#days.has(snapshot.day)) this.#days.set(snapshot.day, scoreDay(s.model, snapshot));
    return s.days.map((day) => this.#days.get(day)!);
  }

  async summary(): Promise<PortfolioSummary> {
    if (this.#quick) return this.#quick.summary;
    await this.#ready();
    return this.#summary();
  }

  async scores(): Promise<ScoresView> {
    const quick = this.#quick?.scores;
    if (quick) {
      return {
        ...quick, score: quick.score.slice(), previousScore: quick.previousScore.slice(), coverage: quick.coverage.slice(), band: quick.band.slice(),
        computedBand: quick.computedBand.slice(), overridden: quick.overridden.slice(), previousBand: quick.previousBand.slice(),
      };
    }
    await this.#ready();
    const { scores, previousScores, asOf, current } = this.#state();
    const shown = applyOverrides(current.ids, scores.band, scores.bands, this.#overrides, asOf, this.#today());
    return {
      asOf,
      score: scores.score.slice(),
      previousScore: previousScores ? previousScores.score.slice() : new Float64Array(current.size).fill(Number.NaN),
      previousBand: previousScores ? previousScores.band.slice() : new Uint8Array(current.size).fill(NO_BAND),
      coverage: scores.coverage.slice(),
      band: shown.band,
      computedBand: scores.band.slice(),
      overridden: shown.overridden,
      bands: scores.bands,
    };
  }

  async customers(): Promise<CustomerTable> {
    await this.#ready();
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
    await this.#ready();
    const { model, current, asOf, scores } = this.#state();
    return explainCustomer(model, current, row, { asOf, ...(scores.quantiles ? { quantiles: scores.quantiles } : {}) });
  }

  async explainMove(row: number): Promise<CustomerMove | null> {
    await this.#ready();
    const { model, current, history, previousScores } = this.#state();
    const before = history.at(-2);
    const id = current.ids[row];
    if (!before || id === undefined) return null;
    const earlier = before.portfolio.ids.indexOf(id);
    if (earlier < 0 || !knownRows(before.portfolio).includes(earlier)) return null;
    const then = explainCustomer(model, before.portfolio, earlier, { asOf: before.day, ...(previousScores?.quantiles ? { quantiles: previousScores.quantiles } : {}) });
    return { since: before.day, ...explainChange(then, await this.explain(row)) };
  }

  async trend(): Promise<TrendPoint[]> {
    await this.#settled();
    const bandCount = this.#state().scores.bands.length;
    return (await this.#dayScores()).map((day) => {
      const bandCounts = new Array<number>(bandCount).fill(0);
      let sum = 0;
      let n = 0;
      day.band.forEach((b, r) => {
        bandCounts[b]!++;
        const score = day.score[r]!;
        if (!Number.isNaN(score)) {
          sum += score;
          n++;
        }
      });
      return { day: day.day, mean: n > 0 ? sum / n : Number.NaN, bandCounts };
    });
  }

  async customerHistory(row: number): Promise<CustomerHistoryPoint[]> {
    await this.#settled();
    const id = this.#state().current.ids[row];
    if (id === undefined) throw new RangeError(`There is no customer in row ${row}.`);
    const points: CustomerHistoryPoint[] = [];
    for (const day of await this.#dayScores()) {
      let index = this.#dayIndex.get(day.day);
      if (!index) {
        index = new Map(day.ids.map((customer, r) => [customer, r]));
        this.#dayIndex.set(day.day, index);
      }
      const r = index.get(id);
      if (r !== undefined) points.push({ day: day.day, score: day.score[r]!, band: day.band[r]!, coverage: day.coverage[r]! });
    }
    return points;
  }

  // -------------------------------------------------------------------------------------------
  // Import

  async #describe(session: ImportSession, overrides: CsvOverrides): Promise<ImportInspection> {
    const layout = session.read(overrides);
    const remembered = layout === null ? undefined : await recallMapping(this.#database(), layout);
    return session.describe(remembered as ImportMapping | undefined);
  }

  async openImport(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<ImportInspection> {
    await this.#settled();
    const time = this.#timer('open');
    const session = new ImportSession(file, this.#model);
    this.#session = session;
    // Read while the file is parsed: on a first visit, this is when the database gets created.
    const entries = allEntries(this.#database());
    entries.catch(() => undefined);
    const layout = session.read({});
    time('csv');
    this.#sessionEntries = await entries;
    time('entries');
    const remembered = layout === null ? undefined : await recallMapping(this.#database(), layout);
    const inspection = session.describe(remembered as ImportMapping | undefined);
    time('describe');
    return inspection;
  }

  #openSession(): ImportSession {
    if (!this.#session) throw new Error('No file is open for import: choose a file first.');
    return this.#session;
  }

  async reformatImport(overrides: CsvOverrides): Promise<ImportInspection> {
    await this.#settled();
    return this.#describe(this.#openSession(), overrides);
  }

  /**
   * Hand-typed values the import's newer values would replace: each customer × indicator once,
   * and only values still in effect (not already replaced by a later import or entry).
   */
  #supersedes = (days: readonly { readonly day: EpochDay; readonly portfolio: { readonly ids: readonly string[]; readonly columns: ReadonlyMap<string, Column> } }[]): number => {
    const replaced = this.#loaded?.superseded ?? new Set<number>();
    const latest = new Map<string, EntryRecord>();
    for (const entry of this.#sessionEntries) {
      if (entry.column === undefined || entry.value === undefined || replaced.has(entry.id)) continue;
      const key = `${entry.customerId}\u0000${entry.column}`;
      const known = latest.get(key);
      if (!known || entry.day > known.day || (entry.day === known.day && entry.id > known.id)) latest.set(key, entry);
    }
    if (latest.size === 0) return 0;
    const indexes = days.map((d) => new Map(d.portfolio.ids.map((id, r) => [id, r])));
    let count = 0;
    for (const entry of latest.values()) {
      const newer = days.some((d, k) => {
        if (d.day <= entry.day) return false;
        const row = indexes[k]!.get(entry.customerId);
        const column = d.portfolio.columns.get(entry.column!);
        if (row === undefined || !column) return false;
        return !isMissing(column, row);
      });
      if (newer) count++;
    }
    return count;
  };

  async checkImport(plan: ImportPlan): Promise<ImportCheck> {
    await this.#settled();
    const time = this.#timer('check');
    const check = this.#openSession().prepare(plan, { supersedes: this.#supersedes }).check;
    time('build');
    return check;
  }

  async commitImport(plan: ImportPlan, onProgress?: (progress: ImportProgress) => void): Promise<ImportOutcome> {
    await this.#settled();
    const started = performance.now();
    const session = this.#openSession();
    const rows = session.table?.rowCount ?? 0;
    const report = progressReporter(onProgress, rows, started);
    report('checking', 0, rows);
    const prepared = session.prepare(plan, { supersedes: this.#supersedes, onProgress: (done, total) => report('checking', done, total) });
    if (prepared.check.verdict !== 'ok') {
      const error = new Error(prepared.check.verdict === 'blocked'
        ? `${session.fileName} cannot be imported as set up: fix the problems listed, then check again.`
        : `${session.fileName} has rows that cannot be used: choose to import without them, or cancel.`);
      error.name = 'ImportBlockedError';
      throw error;
    }
    const time = this.#timer('commit');
    const db = this.#database();
    const inputs = importInputs(session.fileName, session.table!, session.readIssueCount, prepared.result);
    report('saving', 0, 1);
    const results = await saveImports(db, inputs, { onProgress: (done, total) => report('saving', done, total) });
    if (session.layout) await rememberMapping(db, session.layout, plan.mapping);
    time('save');
    report('scoring', 0, 1);
    const portfolio = await this.#loadLocal(this.#loaded?.asOf ?? prepared.check.days.at(-1) ?? 0);
    time('load');
    report('scoring', 1, 1);
    const counted = results.reduce(
      (sum, r) => ({ new: sum.new + r.summary.new, updated: sum.updated + r.summary.updated, unchanged: sum.unchanged + r.summary.unchanged }),
      { new: 0, updated: 0, unchanged: 0 },
    );
    // Rows left out belong to no day when their as-of date was unreadable: count them from the file.
    const summary = { ...counted, skipped: prepared.result.bad };
    return {
      summary,
      duplicate: results.every((r) => r.duplicate),
      days: prepared.check.days,
      portfolio,
      rows,
      ms: performance.now() - started,
    };
  }

  async problemsCsv(options: Parameters<EngineApi['problemsCsv']>[0]): Promise<string> {
    return this.#openSession().problemsCsv(options);
  }

  async closeImport(): Promise<void> {
    this.#session = null;
    this.#sessionEntries = [];
  }

  async listImports(): Promise<ImportInfo[]> {
    await this.#settled();
    return (await listImports(this.#database())).map((r) => ({
      id: r.id, fileName: r.fileName, importedAt: r.importedAt, asOf: r.asOf, rowCount: r.rowCount,
      customerCount: r.customerCount, columnCount: r.columns.length, summary: r.summary, problemCount: r.problemCount,
    }));
  }

  async deleteImport(id: number): Promise<PortfolioSummary> {
    await this.#settled();
    await deleteImport(this.#database(), id);
    return this.#loadLocal(this.#loaded?.asOf ?? 0);
  }

  async deleteAllData(): Promise<PortfolioSummary> {
    await this.#settled();
    await this.#taskWrites;
    await clearData(this.#database());
    this.#taskCache = null;
    return this.#loadLocal(this.#loaded?.asOf ?? 0);
  }

  // -------------------------------------------------------------------------------------------
  // The model

  #modelRecalled = false;

  /** Once per service: the model chosen on this device before, if any (a stored file that no longer reads is ignored). */
  async #recallModel(): Promise<void> {
    if (this.#modelRecalled) return;
    this.#modelRecalled = true;
    let text: string | undefined;
    try {
      text = await recallModel(this.#database());
    } catch {
      return;
    }
    const model = text === undefined ? null : parseModel(text).model;
    if (model) this.#useModel(model);
  }

  #useModel(model: HealthModel): void {
    this.#model = model;
    this.#revision = revisionOf(model);
  }

  async modelFile(): Promise<ModelFileInfo> {
    await this.#settled();
    const model = this.#model;
    const starter = STARTER_MODELS.find((s) => revisionOf(s.model) === this.#revision)?.id ?? null;
    const base = model.name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'model';
    return { name: model.name, revision: this.#revision, starter, fileName: `${base}.health-model.json`, text: exportModel(model) };
  }

  async model(): Promise<HealthModel> {
    await this.#settled();
    return this.#model;
  }

  /**
   * What the last preview kept so that the next one, differing only in weights, is re-aggregated
   * rather than scored from scratch: the points of the portfolio it was for, and the shape (the
   * draft without its weights) of the last draft that passed validation in full.
   */
  #previewCache: {
    readonly portfolio: Portfolio;
    readonly asOf: EpochDay;
    readonly prepared: PreparedPoints;
    /** The last preview's per-category values: a moved slider recomputes only its category. */
    readonly categories: CategoryCache;
    readonly shape: string;
    /** Customers per band with the model in use. */
    readonly currentCounts: readonly number[];
  } | null = null;

  /** The rows a preview found moving, reused from one preview to the next (no 100k allocation per slider step). */
  #moved = new Int32Array(0);

  async previewModel(draft: HealthModel): Promise<ModelPreview> {
    await this.#ready();
    const started = performance.now();
    const s = this.#state();
    const cache = this.#previewCache?.portfolio === s.current && this.#previewCache.asOf === s.asOf ? this.#previewCache : null;
    const shape = shapeOf(draft);
    let model: HealthModel;
    if (cache && shape === cache.shape && weightsValid(draft)) {
      // The same model as one that passed in full but for weights that are valid: nothing else to check.
      model = draft;
    } else {
      const parsed = parseModel(draft);
      if (!parsed.model) throw new Error(`The model cannot be used: ${parsed.problems.filter((p) => p.severity === 'error').map(formatProblem).join('; ')}`);
      model = parsed.model;
    }
    const checked = performance.now();
    const reuse = cache !== null && cache.prepared.key === pointsKey(model);
    const prepared = reuse ? cache.prepared : preparePoints(model, s.current, { asOf: s.asOf });
    const categories = reuse ? cache.categories : newCategoryCache();
    this.#previewCache = { portfolio: s.current, asOf: s.asOf, prepared, categories, shape, currentCounts: cache?.currentCounts ?? bandCountsOf(s.scores) };
    const ready = performance.now();
    const scores = reweighPortfolio(prepared, model, { categories: false, cache: categories });
    const scored = performance.now();
    const now = s.scores.band;
    const draftBand = scores.band;
    const counts = new Uint32Array(scores.bands.length);
    // The customers who change band, listed in the same pass that counts (the one loop every preview runs).
    if (this.#moved.length < draftBand.length) this.#moved = new Int32Array(draftBand.length);
    const moved = this.#moved;
    let changed = 0;
    for (let r = 0; r < draftBand.length; r++) {
      const b = draftBand[r]!;
      counts[b]!++;
      if (b !== now[r]) moved[changed++] = r;
    }
    const bandCounts = Array.from(counts);
    const currentCounts = this.#previewCache!.currentCounts;
    const movers = biggestMovers(s.scores, scores, moved.subarray(0, changed), MOVERS_SHOWN);
    const ms = performance.now() - started;
    const tenth = (x: number) => Math.round(x * 10) / 10;
    Object.assign(this.#timings, {
      'preview.score': tenth(ms), 'preview.check': tenth(checked - started), 'preview.prepare': reuse ? 0 : tenth(ready - checked),
      'preview.aggregate': tenth(scored - ready), 'preview.count': tenth(performance.now() - scored),
    });
    return { bandCounts, currentCounts, changed, bands: scores.bands, ms, movers };
  }

  async useModel(choice: ModelChoice): Promise<UseModelResult> {
    await this.#settled();
    let parsed: ReturnType<typeof parseModel>;
    if ('model' in choice) {
      parsed = parseModel(choice.model);
    } else if ('revision' in choice) {
      const record = (await this.#revisionHistory()).find((r) => r.revision === choice.revision);
      if (!record) return { ok: false, problems: [{ path: '$', message: `there is no revision “${choice.revision}” on this device`, severity: 'error' }] };
      parsed = parseModel(record.model);
    } else if ('starter' in choice) {
      const starter = STARTER_MODELS.find((s) => s.id === choice.starter);
      if (!starter) return { ok: false, problems: [{ path: '$', message: `there is no starter model “${choice.starter}”`, severity: 'error' }] };
      parsed = { model: starter.model, problems: [] };
    } else {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(choice.file.data);
      } catch {
        return { ok: false, problems: [{ path: '$', message: `${choice.file.name} is not a text file in UTF-8: choose the .json model file`, severity: 'error' }] };
      }
      parsed = parseModel(text);
    }
    if (!parsed.model) return { ok: false, problems: parsed.problems };
    const db = this.#database();
    await putSetting(db, MODEL_SETTING, exportModel(parsed.model));
    await this.#recordRevision(parsed.model);
    this.#useModel(parsed.model);
    this.#modelRecalled = true;
    const portfolio = this.#loaded?.source === 'demo' ? this.#reloadDemo() : await this.#loadLocal(this.#loaded?.asOf ?? 0);
    return { ok: true, portfolio, warnings: parsed.problems };
  }

  async checkModel(model: HealthModel): Promise<ModelProblem[]> {
    return [...parseModel(model).problems];
  }

  // -------------------------------------------------------------------------------------------
  // The method wizard

  async methodProgress(): Promise<MethodProgress | null> {
    await this.#settled();
    const stored = await getSetting<unknown>(this.#database(), METHOD_SETTING);
    return isMethodProgress(stored) ? stored : null;
  }

  async saveMethodProgress(progress: MethodProgress | null): Promise<void> {
    await this.#settled();
    if (progress !== null && !isMethodProgress(progress)) throw new Error('The wizard\'s progress is not in the expected shape.');
    await putSetting(this.#database(), METHOD_SETTING, progress);
  }

  async bandActions(): Promise<BandActions> {
    await this.#settled();
    return cleanActions(await getSetting<unknown>(this.#database(), BAND_ACTIONS_SETTING));
  }

  async setBandActions(actions: BandActions): Promise<BandActions> {
    await this.#settled();
    const clean = cleanActions(actions);
    await putSetting(this.#database(), BAND_ACTIONS_SETTING, clean);
    return clean;
  }

  // -------------------------------------------------------------------------------------------
  // Revisions

  /** As a revision record: the model in its canonical JSON form (what its file holds). */
  #revisionRecord(model: HealthModel, savedAt: number): ModelRevisionRecord {
    const text = exportModel(model);
    return { revision: new ContentHasher().string(text).digest(), name: model.name, savedAt, model: JSON.parse(text) as unknown };
  }

  /**
   * Records `model` as put in use now, newest first. The model it replaces goes in first if the
   * history lacks it (the one in use before any choice was recorded: `savedAt` 0, time unknown),
   * so that the first change can be compared with what it changed.
   */
  async #recordRevision(model: HealthModel): Promise<void> {
    const db = this.#database();
    const history = await recallRevisions(db);
    const outgoing = history.some((r) => r.revision === this.#revision) ? [] : [this.#revisionRecord(this.#model, 0)];
    const now = (this.#options.today?.() ?? new Date()).getTime();
    await recordRevisions(db, [this.#revisionRecord(model, now), ...outgoing]);
  }

  /** The history, with the model in use in it even when it was never recorded. */
  async #revisionHistory(): Promise<ModelRevisionRecord[]> {
    const history = await recallRevisions(this.#database());
    return history.some((r) => r.revision === this.#revision) ? history : [this.#revisionRecord(this.#model, 0), ...history];
  }

  async revisions(): Promise<RevisionInfo[]> {
    await this.#settled();
    await this.#recallModel();
    return (await this.#revisionHistory()).map((r) => ({ revision: r.revision, name: r.name, savedAt: r.savedAt > 0 ? r.savedAt : null, inUse: r.revision === this.#revision }));
  }

  async compareRevisions(a: string, b: string): Promise<RevisionComparison> {
    await this.#settled();
    await this.#recallModel();
    const history = await this.#revisionHistory();
    const modelOf = (revision: string): HealthModel => {
      if (revision === this.#revision) return this.#model;
      const record = history.find((r) => r.revision === revision);
      if (!record) throw new Error(`There is no revision “${revision}” on this device: choose one of the list.`);
      const { model } = parseModel(record.model);
      if (!model) throw new Error(`Revision “${record.name}” (${revision}) cannot be read any more.`);
      return model;
    };
    const modelA = modelOf(a);
    const modelB = modelOf(b);
    const s = this.#state();
    const scoresOf = (model: HealthModel, revision: string) => (revision === s.revision ? s.scores : scorePortfolio(model, s.current, { asOf: s.asOf }));
    const scoresA = scoresOf(modelA, a);
    const scoresB = scoresOf(modelB, b);
    const side = (revision: string, model: HealthModel, scores: PortfolioScores): RevisionScores => {
      const bandCounts = new Array<number>(scores.bands.length).fill(0);
      let sum = 0;
      let n = 0;
      for (let r = 0; r < scores.size; r++) {
        bandCounts[scores.band[r]!]!++;
        const x = scores.score[r]!;
        if (!Number.isNaN(x)) {
          sum += x;
          n++;
        }
      }
      return { revision, name: model.name, bands: scores.bands, bandCounts, mean: n > 0 ? sum / n : Number.NaN };
    };
    const changedRows: number[] = [];
    for (let r = 0; r < s.current.size; r++) if (scoresA.bands[scoresA.band[r]!]!.id !== scoresB.bands[scoresB.band[r]!]!.id) changedRows.push(r);
    // Worst falls first: a score lost before any fall, a score gained after any rise.
    const fall = (r: number) => {
      const x = scoresA.score[r]!;
      const y = scoresB.score[r]!;
      if (Number.isNaN(x) && Number.isNaN(y)) return 0;
      if (Number.isNaN(y)) return -1000;
      if (Number.isNaN(x)) return 1000;
      return y - x;
    };
    changedRows.sort((x, y) => fall(x) - fall(y) || x - y);
    const names = texts(s.current.columns.get('name'), s.current.size);
    const optionsA = { asOf: s.asOf, ...(scoresA.quantiles ? { quantiles: scoresA.quantiles } : {}) };
    const optionsB = { asOf: s.asOf, ...(scoresB.quantiles ? { quantiles: scoresB.quantiles } : {}) };
    const shown = changedRows.slice(0, COMPARED_CUSTOMERS);
    // Explained on a portfolio of just these customers: the same explanation (quantiles passed in),
    // without compiling each model against every customer for each one.
    const few = selectRows(s.current, Int32Array.from(shown));
    const customers: ChangedCustomer[] = shown.map((row, k) => {
      const change = explainChange(explainCustomer(modelA, few, k, optionsA), explainCustomer(modelB, few, k, optionsB));
      const why = change.parts.filter((p) => p.kind === 'metric' && p.points !== 0).slice(0, 3).map((p) => ({ label: p.label, points: p.points }));
      const id = s.current.ids[row]!;
      return { row, id, name: names[row] || id, bandA: scoresA.band[row]!, bandB: scoresB.band[row]!, scoreA: scoresA.score[row]!, scoreB: scoresB.score[row]!, why };
    });
    return { a: side(a, modelA, scoresA), b: side(b, modelB, scoresB), changed: changedRows.length, customers, differences: modelDifferences(modelA, modelB) };
  }

  // -------------------------------------------------------------------------------------------
  // Manual entries

  async entryTargets(): Promise<EntryTarget[]> {
    await this.#ready();
    const { model, current } = this.#state();
    const targets: EntryTarget[] = [];
    const seen = new Set<string>();
    for (const metric of importMetrics(model)) {
      if (seen.has(metric.source)) continue;
      seen.add(metric.source);
      const rule = model.categories.flatMap((c) => c.metrics).find((m) => m.id === metric.id)?.scoring;
      const labels = rule?.type === 'map' ? Object.keys(rule.points) : undefined;
      targets.push({ column: metric.source, label: metric.label, kind: metric.kind, input: entryInput(metric.id, metric.source, metric.kind, labels !== undefined), ...(labels ? { labels } : {}) });
    }
    for (const [name, column] of current.columns) {
      if (seen.has(name) || CUSTOMER_COLUMNS.has(name)) continue;
      seen.add(name);
      targets.push({ column: name, label: name, kind: column.kind, input: entryInput(name, name, column.kind, false) });
    }
    return targets;
  }

  async addEntry(entry: NewEntry): Promise<PortfolioSummary> {
    await this.#settled();
    const s = this.#state();
    if (!s.current.ids.includes(entry.customerId)) throw new Error(`There is no customer with id “${entry.customerId}”.`);
    if (!Number.isInteger(entry.day)) throw new Error('Choose the day the value or note is from.');
    const note = entry.note?.trim() || undefined;
    let value: { column: string; kind: ColumnKind; value: number | boolean | string } | undefined;
    if (entry.column !== undefined || entry.value !== undefined) {
      const target = (await this.entryTargets()).find((t) => t.column === entry.column);
      if (entry.column === undefined) throw new Error('Choose the indicator the value is for.');
      if (!target) throw new Error(`“${entry.column}” is not an indicator of this portfolio.`);
      if (entry.value === undefined) throw new Error(`Enter a value for “${target.label}”.`);
      value = { column: target.column, kind: target.kind, value: entryValue(target.kind, entry.value) };
    }
    if (!value && !note) throw new Error('Enter a value or a note.');
    const record = { customerId: entry.customerId, day: entry.day, ...(value ?? {}), ...(note ? { note } : {}) };
    if (s.source === 'demo') {
      const demo = this.#demo!;
      demo.entries.push({ ...record, id: demo.nextId++, createdAt: Date.now() });
      return this.#reloadDemo();
    }
    const db = this.#database();
    await addEntry(db, record);
    return this.#loadLocal(s.asOf);
  }

  async listEntries(customerId: string): Promise<EntryInfo[]> {
    await this.#ready();
    const s = this.#state();
    const records = s.source === 'demo'
      ? [...(this.#demo?.entries ?? [])].filter((e) => e.customerId === customerId).sort((a, b) => b.day - a.day || b.id - a.id)
      : await listEntries(this.#database(), customerId);
    return records.map((e) => ({
      id: e.id, customerId: e.customerId, day: e.day, createdAt: e.createdAt, superseded: s.superseded.has(e.id),
      ...(e.column !== undefined ? { column: e.column } : {}), ...(e.value !== undefined ? { value: e.value } : {}), ...(e.note !== undefined ? { note: e.note } : {}),
    }));
  }

  async deleteEntry(id: number): Promise<PortfolioSummary> {
    await this.#settled();
    const s = this.#state();
    if (s.source === 'demo') {
      const demo = this.#demo!;
      demo.entries = demo.entries.filter((e) => e.id !== id);
      return this.#reloadDemo();
    }
    await deleteEntry(this.#database(), id);
    return this.#loadLocal(s.asOf);
  }

  // -------------------------------------------------------------------------------------------
  // Export, backup

  async exportScores(request: ExportScoresRequest): Promise<string> {
    await this.#ready();
    const { current, scores, previousScores, model, asOf } = this.#state();
    const rows = request.rows ?? null;
    const all = applyOverrides(current.ids, scores.band, scores.bands, this.#overrides, asOf, this.#today());
    const pick = (values: Uint8Array) => (rows ? Uint8Array.from(rows, (r) => values[r]!) : values);
    const shown = { band: pick(all.band), overridden: pick(all.overridden) };
    const ids = rows ? rows.map((r) => current.ids[r]!) : current.ids;
    const allNames = (await this.customers()).names;
    const names = rows ? rows.map((r) => allNames[r]!) : allNames;
    const picked: PortfolioScores = rows ? pickScores(scores, rows) : scores;
    const previous = previousScores ? (rows ? pickScores(previousScores, rows).score : previousScores.score) : undefined;
    const categories = model.categories.filter((c) => scores.categoryIds.includes(c.id)).map((c) => c.label ?? c.id);
    return exportScoresCsv(
      {
        ids, names, scores: picked, ...(previous ? { previousScore: previous } : {}), bandLabels: request.bandLabels, shown,
        header: { ...request.header, categories },
        ...(request.yesNo ? { yesNo: request.yesNo } : {}),
      },
      { dialect: request.dialect, locale: request.locale },
    );
  }

  async backup(): Promise<{ readonly fileName: string; readonly data: Uint8Array }> {
    await this.#settled();
    const data = await createBackup(this.#database());
    const today = this.#options.today?.() ?? new Date();
    const day = Math.floor((today.getTime() - today.getTimezoneOffset() * 60_000) / 86_400_000);
    return { fileName: `pulso-backup-${formatIsoDay(day)}.json`, data };
  }

  async checkRestore(data: ArrayBuffer): Promise<RestoreCheck> {
    await this.#settled();
    this.#restore = null;
    const read = readBackup(new Uint8Array(data));
    if (!read.ok) return { ok: false, problems: read.problems };
    this.#restore = read.backup;
    const tables = Object.fromEntries(Object.entries(read.backup).filter(([, rows]) => Array.isArray(rows)).map(([table, rows]) => [table, (rows as unknown[]).length]));
    return { ok: true, schemaVersion: read.backup.schemaVersion, createdAt: read.backup.createdAt, tables, imports: tables['imports'] ?? 0, entries: tables['entries'] ?? 0 };
  }

  async restore(mode: 'replace' | 'merge'): Promise<RestoreResult> {
    await this.#settled();
    const backup = this.#restore;
    if (!backup) throw new Error('Choose a backup file and check it first.');
    await this.#taskWrites;
    const written = await restoreBackup(this.#database(), backup, mode);
    this.#taskCache = null;
    this.#restore = null;
    const portfolio = await this.#loadLocal(this.#loaded?.asOf ?? 0);
    return { mode, portfolio, written: { ...written } };
  }

  // -------------------------------------------------------------------------------------------
  // Overrides (bands set by hand)

  /** The device's today (local calendar day). */
  #today(): EpochDay {
    const today = this.#options.today?.() ?? new Date();
    return Math.floor((today.getTime() - today.getTimezoneOffset() * 60_000) / 86_400_000);
  }

  async setOverride(override: NewOverride): Promise<PortfolioSummary> {
    await this.#settled();
    const s = this.#state();
    const { customerId, band, expiresOn } = override;
    if (!s.current.ids.includes(customerId)) throw new Error(`There is no customer with id “${customerId}”.`);
    const reason = typeof override.reason === 'string' ? override.reason.trim() : '';
    if (!reason) throw new Error('Write the reason: a band set by hand needs one.');
    const bands = s.scores.bands;
    if (overrideBandIndex(bands, band) < 0) {
      const choices = bands.slice(0, -1).map((b) => b.id).join(', ');
      throw new Error(`“${band}” is not a band that can be set by hand with this model: choose one of ${choices}.`);
    }
    const today = this.#today();
    if (!Number.isSafeInteger(expiresOn)) throw new Error('Choose the last day the band set by hand applies.');
    if (expiresOn < today) throw new Error(`The expiry day is in the past: choose today (${formatIsoDay(today)}) or a later day.`);
    // From the scores' day when the data is older than today, so that the scores shown take it.
    const startsOn = Math.min(today, s.asOf);
    const record = { customerId, band, reason, startsOn, expiresOn };
    const now = Date.now();
    const running = this.#overrides.filter((o) => o.customerId === customerId && o.endedAt === undefined && o.expiresOn >= Math.max(today, s.asOf));
    if (s.source === 'demo') {
      for (const old of running) this.#overrides = this.#overrides.map((o) => (o.id === old.id ? { ...o, endedAt: now } : o));
      this.#overrides = [{ ...record, id: this.#nextDemoOverride++, createdAt: now }, ...this.#overrides];
      this.#later(() => this.#runQuietly());
    return this.#summary();
    }
    const db = this.#database();
    for (const old of running) await endOverride(db, old.id, now);
    await addOverride(db, { ...record, createdAt: now });
    this.#overrides = await allOverrides(db);
    this.#later(() => this.#runQuietly());
    return this.#summary();
  }

  async endOverride(id: number): Promise<PortfolioSummary> {
    await this.#settled();
    const s = this.#state();
    const found = this.#overrides.find((o) => o.id === id);
    if (!found) throw new Error(`There is no band set by hand with id ${id}.`);
    if (s.source === 'demo') {
      const now = Date.now();
      this.#overrides = this.#overrides.map((o) => (o.id === id && o.endedAt === undefined ? { ...o, endedAt: now } : o));
      this.#later(() => this.#runQuietly());
    return this.#summary();
    }
    const db = this.#database();
    await endOverride(db, id);
    this.#overrides = await allOverrides(db);
    this.#later(() => this.#runQuietly());
    return this.#summary();
  }

  async listOverrides(customerId: string): Promise<OverrideInfo[]> {
    await this.#ready();
    const s = this.#state();
    const today = this.#today();
    return this.#overrides.filter((o) => o.customerId === customerId).sort(newestFirst).map((o) => overrideInfo(o, s.scores.bands, s.asOf, today));
  }

  // -------------------------------------------------------------------------------------------
  // The method wizard's Categorize step

  async indicatorDistribution(source: string, transform?: 'daysSince'): Promise<IndicatorDistribution> {
    await this.#ready();
    const { current, asOf } = this.#state();
    return columnDistribution(current.columns.get(source), current.size, asOf, transform);
  }

  async readModelFile(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<ModelFileRead> {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
    } catch {
      return { ok: false, problems: [{ path: '$', message: `${file.name} is not a text file in UTF-8: choose the .json model file`, severity: 'error' }] };
    }
    const { model, problems } = parseModel(text);
    return model ? { ok: true, model, warnings: problems } : { ok: false, problems };
  }

  // -------------------------------------------------------------------------------------------
  // Indicator values through time

  async indicatorHistory(row: number): Promise<IndicatorHistory[]> {
    await this.#ready();
    const s = this.#state();
    const id = s.current.ids[row];
    if (id === undefined) throw new RangeError(`There is no customer in row ${row}.`);
    const entries = s.source === 'demo' ? (this.#demo?.entries ?? []).filter((e) => e.customerId === id) : await listEntries(this.#database(), id);
    return indicatorHistory(s.model, s.history, s.current, row, s.asOf, entries);
  }

  async dataColumns(): Promise<DataColumn[]> {
    await this.#ready();
    const { current } = this.#state();
    return [...current.columns]
      .filter(([name]) => !NOT_INDICATORS.has(name))
      .map(([name, column]) => {
        let customers = 0;
        for (let row = 0; row < current.size; row++) if (!isMissing(column, row)) customers++;
        return { column: name, kind: column.kind, customers };
      });
  }

  // -------------------------------------------------------------------------------------------
  // Playbooks and tasks

  /** The playbooks stored, in order (rows that do not read as playbooks are left out). */
  async #storedPlaybooks(): Promise<Playbook[]> {
    return (await listPlaybooks(this.#database())).flatMap((record) => asPlaybook(record.playbook) ?? []);
  }

  /** The snapshot days as playbooks read them, oldest first: the bands shown each day (bands set by hand count). */
  async #playbookDays(): Promise<PlaybookDay[]> {
    const s = this.#state();
    const bands = s.scores.bands;
    const insufficient = bands.length - 1;
    const today = this.#today();
    const scored = await this.#dayScores();
    const days: PlaybookDay[] = [];
    s.history.forEach((snapshot, k) => {
      const day = scored[k]!;
      if (k === s.history.length - 1) {
        const shown = applyOverrides(s.current.ids, s.scores.band, bands, this.#overrides, s.asOf, today);
        days.push({ day: s.asOf, portfolio: s.current, score: s.scores.score, band: shown.band });
        return;
      }
      const shown = applyOverrides(day.ids, day.band, bands, this.#overrides, day.day, today);
      days.push(playbookDay(day.day, snapshot.portfolio, day.ids, day.score, shown.band, insufficient));
    });
    return days;
  }

  async #allTasks(): Promise<TaskRecord[]> {
    await this.#taskWrites;
    if (this.#state().source === 'demo') return [...this.#demoTasks];
    this.#taskCache ??= await listTasks(this.#database());
    return [...this.#taskCache];
  }

  /**
   * Stores the tasks whose cause is new; the tasks stored. Own data's go in transactions of
   * `TASK_BATCH` (all or nothing each): a tab closed midway loses none, and the next run stores
   * what is missing (those causes are new still).
   */
  async #storeTasks(tasks: readonly NewTaskRecord[]): Promise<TaskRecord[]> {
    if (this.#state().source !== 'demo') {
      const db = this.#database();
      const stored: TaskRecord[] = [];
      for (let k = 0; k < tasks.length; k += TASK_BATCH) {
        const batch = await addTasks(db, tasks.slice(k, k + TASK_BATCH));
        stored.push(...batch);
        this.#taskCache?.push(...batch);
      }
      return stored;
    }
    const known = new Set(this.#demoTasks.flatMap((t) => (t.cause === undefined ? [] : [t.cause])));
    const stored: TaskRecord[] = [];
    for (const task of tasks) {
      if (task.cause !== undefined && known.has(task.cause)) continue;
      if (task.cause !== undefined) known.add(task.cause);
      const record = { ...task, id: this.#nextDemoTask++ };
      this.#demoTasks.push(record);
      stored.push(record);
    }
    return stored;
  }

  /**
   * Runs the enabled playbooks on the portfolio loaded and stores the tasks of new causes.
   * Before the default playbooks were ever stored (`playbooks` stores them) nothing runs.
   */
  #run(force = false): Promise<PlaybookRun> {
    // Queued at once, planning included: a call that reads tasks meanwhile (the playbooks screen
    // while the defaults are first stored) waits for this run's tasks.
    return this.#chain(async () => {
      const plan = await this.#plan(force);
      return plan ? this.#write(plan) : { created: 0, byPlaybook: {} };
    });
  }

  /** Stores a planned run's tasks after the writes already queued. */
  #queue(plan: { readonly key: string; readonly source: PortfolioSource; readonly wanted: NewTaskRecord[] }): Promise<PlaybookRun> {
    return this.#chain(() => this.#write(plan));
  }

  #chain(work: () => Promise<PlaybookRun>): Promise<PlaybookRun> {
    const job = this.#taskWrites.then(work);
    this.#taskWrites = job.then(
      () => undefined,
      () => {
        this.#lastRun = '';
      },
    );
    return job;
  }

  /** What a run would store (`null`: nothing to run, or the same as the last run). */
  async #plan(force: boolean): Promise<{ readonly key: string; readonly source: PortfolioSource; readonly wanted: NewTaskRecord[] } | null> {
    const s = this.#loaded;
    if (!s || s.current.size === 0) return null;
    const db = this.#database();
    if (!(await playbooksSeeded(db))) return null;
    const playbooks = (await this.#storedPlaybooks()).filter((p) => p.enabled);
    const today = this.#today();
    const stamp = s.source === 'demo' ? `demo:${this.#demo?.entries.length ?? 0}` : await dataStamp(db);
    const key = JSON.stringify([stamp, s.revision, s.asOf, today, playbooks, this.#overrides.map((o) => [o.id, o.endedAt ?? null])]);
    if (!force && key === this.#lastRun) return null;
    // Own data remembers its last run across visits: a start-up with nothing new does not run again.
    if (!force && s.source === 'local' && (await getSetting<unknown>(db, PLAYBOOK_RUN_SETTING)) === key) {
      this.#lastRun = key;
      return null;
    }
    const time = this.#timer('playbooks');
    const days = await this.#playbookDays();
    time('days');
    const wanted = tasksToCreate(playbooks, days, s.scores.bands, today, Date.now());
    time('match');
    return { key, source: s.source, wanted };
  }

  /** Stores a run's tasks of new causes and remembers what it ran on. */
  async #write(plan: { readonly key: string; readonly source: PortfolioSource; readonly wanted: NewTaskRecord[] }): Promise<PlaybookRun> {
    // The demo was replaced (or own data loaded) since the plan: its tasks are not this portfolio's.
    if (this.#loaded?.source !== plan.source) return { created: 0, byPlaybook: {} };
    const time = this.#timer('playbooks');
    const stored = await this.#storeTasks(plan.wanted);
    time('store');
    this.#lastRun = plan.key;
    if (plan.source === 'local') await putSetting(this.#database(), PLAYBOOK_RUN_SETTING, plan.key);
    const byPlaybook: Record<string, number> = {};
    for (const task of stored) byPlaybook[task.playbookId!] = (byPlaybook[task.playbookId!] ?? 0) + 1;
    return { created: stored.length, byPlaybook };
  }

  /**
   * A run from the background work: what to store is worked out there (after the snapshots), the
   * storing goes on apart (`#taskWrites`). A failure (a full disk) leaves the tasks as they were;
   * the next run tries again.
   */
  async #runQuietly(): Promise<void> {
    try {
      const plan = await this.#plan(false);
      if (plan) void this.#queue(plan).catch(() => undefined);
    } catch {
      this.#lastRun = '';
    }
  }

  async #playbookInfos(): Promise<PlaybookInfo[]> {
    const s = this.#state();
    const [playbooks, tasks] = await Promise.all([this.#storedPlaybooks(), this.#allTasks()]);
    const days = s.current.size === 0 ? [] : await this.#playbookDays();
    return playbookInfos(playbooks, days, s.scores.bands, tasks);
  }

  #checked(playbook: Playbook): Playbook {
    const problems = playbookProblems(playbook);
    if (problems.length > 0) throw new Error(`The playbook cannot be saved: ${problems.join('; ')}.`);
    return playbook;
  }

  async playbooks(defaults: readonly Playbook[]): Promise<PlaybookInfo[]> {
    await this.#settled();
    await this.#ready();
    if (await seedPlaybooks(this.#database(), defaults.map((p) => this.#checked(p)))) await this.#run(true);
    return this.#playbookInfos();
  }

  async ensureDefaultPlaybooks(defaults: readonly Playbook[]): Promise<boolean> {
    await this.#settled();
    const db = this.#database();
    if (await playbooksSeeded(db)) return false;
    await this.#ready();
    const seeded = await seedPlaybooks(db, defaults.map((p) => this.#checked(p)));
    if (seeded) await this.#run(true);
    return seeded;
  }

  async savePlaybook(playbook: Playbook): Promise<PlaybookInfo[]> {
    await this.#settled();
    await this.#ready();
    await putPlaybook(this.#database(), this.#checked(playbook));
    await this.#run();
    return this.#playbookInfos();
  }

  async replacePlaybooks(playbooks: readonly Playbook[]): Promise<PlaybookInfo[]> {
    await this.#settled();
    await this.#ready();
    const ids = new Set<string>();
    for (const playbook of playbooks) {
      this.#checked(playbook);
      if (ids.has(playbook.id)) throw new Error(`Two playbooks have the id “${playbook.id}”: each needs its own.`);
      ids.add(playbook.id);
    }
    await replacePlaybooks(this.#database(), playbooks);
    await this.#run();
    return this.#playbookInfos();
  }

  async deletePlaybook(id: string): Promise<PlaybookInfo[]> {
    await this.#settled();
    await this.#ready();
    await deletePlaybook(this.#database(), id);
    this.#lastRun = '';
    return this.#playbookInfos();
  }

  async runPlaybooks(): Promise<PlaybookRun> {
    await this.#settled();
    await this.#ready();
    return this.#run(true);
  }

  #taskInfos(tasks: readonly TaskRecord[]): TaskInfo[] {
    const { current } = this.#state();
    const rowOf = this.#rowIndex(current);
    const names = current.columns.get('name');
    const nameAt = (row: number) => (names ? textAt(current, 'name', row) : '');
    return [...tasks].sort(taskOrder).map((t) => taskInfo(t, rowOf, nameAt));
  }

  #rowIndexOf: { portfolio: Portfolio; index: Map<string, number> } | null = null;

  #rowIndex(portfolio: Portfolio): Map<string, number> {
    if (this.#rowIndexOf?.portfolio !== portfolio) this.#rowIndexOf = { portfolio, index: new Map(portfolio.ids.map((id, row) => [id, row])) };
    return this.#rowIndexOf.index;
  }

  async tasks(query: TaskQuery = {}): Promise<TaskInfo[]> {
    await this.#settled();
    await this.#ready();
    const status = query.status ?? 'open';
    const all = await this.#allTasks();
    const picked = all.filter(
      (t) => (query.customerId === undefined || t.customerId === query.customerId) && (status === 'all' || (status === 'closed' ? t.status !== 'open' : t.status === status)),
    );
    return this.#taskInfos(picked);
  }

  async dueTasks(today: EpochDay): Promise<number> {
    await this.#settled();
    await this.#ready();
    let due = 0;
    for (const task of await this.#allTasks()) if (task.status === 'open' && task.dueOn <= today) due++;
    return due;
  }

  async #changeTask(id: number, change: { readonly status: TaskStatus; readonly note?: string; readonly closedAt?: number }): Promise<TaskInfo> {
    await this.#settled();
    let task: TaskRecord | undefined;
    if (this.#state().source === 'demo') {
      const k = this.#demoTasks.findIndex((t) => t.id === id);
      if (k >= 0) {
        const next: { -readonly [K in keyof TaskRecord]: TaskRecord[K] } = { ...this.#demoTasks[k]!, status: change.status };
        delete next.note;
        delete next.closedAt;
        if (change.note) next.note = change.note;
        if (change.closedAt !== undefined) next.closedAt = change.closedAt;
        this.#demoTasks[k] = task = next;
      }
    } else {
      await this.#taskWrites;
      task = await updateTask(this.#database(), id, change);
      if (task && this.#taskCache) this.#taskCache = this.#taskCache.map((t) => (t.id === id ? task! : t));
    }
    if (!task) throw new Error(`There is no task ${id}: it may have been deleted with the data. Reload the list.`);
    return this.#taskInfos([task])[0]!;
  }

  async closeTask(id: number, outcome: { readonly status: 'done' | 'dismissed'; readonly note: string }): Promise<TaskInfo> {
    const note = outcome.note.trim();
    if (outcome.status !== 'done' && outcome.status !== 'dismissed') throw new Error('A task is closed as done or dismissed.');
    if (outcome.status === 'dismissed' && !note) throw new Error('Say why the task is dismissed: the note is what the team learns from.');
    return this.#changeTask(id, { status: outcome.status, note, closedAt: Date.now() });
  }

  async reopenTask(id: number): Promise<TaskInfo> {
    return this.#changeTask(id, { status: 'open' });
  }

  async addTask(task: NewTask): Promise<TaskInfo> {
    await this.#settled();
    await this.#ready();
    const { current } = this.#state();
    const title = task.title.trim();
    if (!title) throw new Error('The task needs a title: what is to be done.');
    if (!TASK_PRIORITIES.includes(task.priority)) throw new Error('The priority is high, normal or low.');
    if (!Number.isSafeInteger(task.dueOn)) throw new Error('The due day is not a day.');
    const row = this.#rowIndex(current).get(task.customerId);
    if (row === undefined) throw new Error(`There is no customer “${task.customerId}” in the data loaded.`);
    const record: NewTaskRecord = {
      customerId: task.customerId, title, description: task.description.trim(), priority: task.priority, owner: textAt(current, 'owner', row),
      createdOn: this.#today(), dueOn: task.dueOn, createdAt: Date.now(), status: 'open',
    };
    await this.#taskWrites;
    const [stored] = await this.#storeTasks([record]);
    return this.#taskInfos([stored!])[0]!;
  }

  // -------------------------------------------------------------------------------------------
  // Opportunity and risk lists, alerts (src/worker/lists.ts)

  /** What the lists read: the portfolio, the bands shown and the columns chosen. */
  async #listsInput(): Promise<ListsInput> {
    const s = this.#state();
    const shown = applyOverrides(s.current.ids, s.scores.band, s.scores.bands, this.#overrides, s.asOf, this.#today());
    const chosen = cleanChoices(await getSetting<unknown>(this.#database(), LIST_COLUMNS_SETTING));
    return { model: s.model, current: s.current, history: s.history, asOf: s.asOf, today: this.#today(), band: shown.band, score: s.scores.score, bands: s.scores.bands, chosen };
  }

  async opportunityLists(): Promise<OpportunityLists> {
    await this.#settled();
    return buildLists(await this.#listsInput());
  }

  async setListColumn(role: ListColumnRole, column: string | null): Promise<OpportunityLists> {
    await this.#settled();
    const s = this.#state();
    if (!LIST_COLUMN_ROLES.includes(role)) throw new Error(`“${String(role)}” is not a figure the lists read: choose one of ${LIST_COLUMN_ROLES.join(', ')}.`);
    if (column !== null && !numberColumns(s.model, s.current).some((c) => c.column === column)) {
      throw new Error(`“${column}” is not a column of numbers in this data: choose one of the columns listed.`);
    }
    const db = this.#database();
    const chosen = { ...cleanChoices(await getSetting<unknown>(db, LIST_COLUMNS_SETTING)) };
    if (column === null) delete chosen[role];
    else chosen[role] = column;
    await putSetting(db, LIST_COLUMNS_SETTING, chosen);
    return buildLists(await this.#listsInput());
  }

  async exportList(request: ExportListRequest): Promise<string> {
    await this.#settled();
    const input = await this.#listsInput();
    return listCsv(buildLists(input), input, request);
  }

  /** The scores to compare with: those last seen, or the previous snapshot's on a first visit. */
  async #baseline(mark: SeenMark | null): Promise<Baseline | null> {
    const s = this.#state();
    const today = this.#today();
    const bands = s.scores.bands;
    const shown = (ids: readonly string[], band: Uint8Array, day: EpochDay) => {
      const out = applyOverrides(ids, band, bands, this.#overrides, day, today).band;
      // A customer not known that day stays so, whatever was set by hand.
      band.forEach((b, r) => b === NO_BAND && (out[r] = NO_BAND));
      return out;
    };
    if (mark && mark.revision !== s.revision && s.source === 'local') {
      // The scores seen came from another model: those stored for that day, if still on the device.
      const db = this.#database();
      const meta = (await listScoreSnapshots(db, mark.revision)).find((m) => m.asOf === mark.day);
      const stored = meta ? await loadScoreSnapshot(db, meta.id, { categories: false }) : null;
      if (stored) return { day: mark.day, ids: stored.ids, score: stored.score, band: stored.band, bands: stored.bands };
    }
    // The previous snapshot on a first visit; else the day seen, or the latest snapshot before it when the data no longer has it.
    const day = mark ? [...s.days].reverse().find((d) => d <= mark.day) : s.days.at(-2);
    if (day === undefined) return null;
    const ids = s.current.ids;
    if (day === s.asOf) return { day, ids, score: s.scores.score, band: shown(ids, s.scores.band, day), bands };
    // The previous snapshot's scores of the current customers are in memory already (NO_BAND: not known then).
    if (day === s.days.at(-2) && s.previousScores) return { day, ids, score: s.previousScores.score, band: shown(ids, s.previousScores.band, day), bands };
    const scores = await this.#scoresOn(day);
    return scores ? { day, ids: scores.ids, score: scores.score, band: shown(scores.ids, scores.band, day), bands } : null;
  }

  /** One snapshot day's scores with the model in use: the stored snapshot for own data (one read, not every day's), else scored. */
  async #scoresOn(day: EpochDay): Promise<Pick<DayScores, 'ids' | 'score' | 'band'> | null> {
    const s = this.#state();
    const cached = this.#days.get(day);
    if (cached) return cached;
    if (s.source === 'local') {
      const db = this.#database();
      const meta = (await listScoreSnapshots(db, s.revision)).find((m) => m.asOf === day);
      const stored = meta ? await loadScoreSnapshot(db, meta.id, { categories: false }) : null;
      if (stored) return stored;
    }
    return (await this.#dayScores()).find((d) => d.day === day) ?? null;
  }

  async alerts(): Promise<AlertsView> {
    await this.#settled();
    const s = this.#state();
    const mark = seenMark(await getSetting<unknown>(this.#database(), ALERTS_SEEN_SETTING), s.source);
    const current = mark?.day === s.asOf && mark.revision === s.revision;
    const baseline = current || s.current.size === 0 ? null : await this.#baseline(mark);
    const shown = applyOverrides(s.current.ids, s.scores.band, s.scores.bands, this.#overrides, s.asOf, this.#today());
    const now = { ids: s.current.ids, band: shown.band, score: s.scores.score, bands: s.scores.bands, renewal: numbers(s.current.columns.get('renewal_date'), s.current.size) };
    const found = findAlerts(now, baseline, this.#today());
    return alertsView(found, current ? s.asOf : (baseline?.day ?? null), mark === null, s.asOf);
  }

  async markAlertsSeen(): Promise<AlertsView> {
    await this.#settled();
    const s = this.#state();
    const db = this.#database();
    const stored = await getSetting<unknown>(db, ALERTS_SEEN_SETTING);
    const marks = typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, unknown>) } : {};
    marks[s.source] = { day: s.asOf, revision: s.revision } satisfies SeenMark;
    await putSetting(db, ALERTS_SEEN_SETTING, marks);
    return this.alerts();
  }

  // -------------------------------------------------------------------------------------------
  // Method files (src/worker/method-file.ts)

  async methodFile(defaults: readonly Playbook[] = []): Promise<{ readonly fileName: string; readonly text: string }> {
    return methodFile(this, defaults);
  }

  async readMethodFile(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<MethodFileRead> {
    return readMethodFile(file);
  }

  async useMethodFile(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<UseMethodResult> {
    return useMethodFile(this, file);
  }

  // -------------------------------------------------------------------------------------------
  // Outcomes and calibration (docs/scoring.md C1–C12)

  #outcomeFile: OutcomeFileSession | null = null;
  /** Own data's outcomes as stored (read once, then kept in step with every write); `null` until read. */
  #outcomeCache: OutcomeRecord[] | null = null;
  /** The demo's outcomes, in memory like its entries and tasks: made from who the demo says churned. */
  #demoOutcomes: OutcomeRecord[] = [];

  async #outcomeList(): Promise<OutcomeRecord[]> {
    if (this.#demo) return this.#demoOutcomes;
    this.#outcomeCache ??= await listOutcomes(this.#database());
    return this.#outcomeCache;
  }

  /** The ids of `#customerIds`, kept for the portfolio they were gathered from. */
  #knownIds: { readonly loaded: Loaded; readonly ids: ReadonlySet<string> } | null = null;

  /** Ids of every customer of the data (any snapshot), gathered once per loaded portfolio. */
  #customerIds(): ReadonlySet<string> {
    const s = this.#state();
    if (this.#knownIds?.loaded === s) return this.#knownIds.ids;
    const ids = new Set<string>(s.current.ids);
    for (const snapshot of s.history) for (const id of snapshot.portfolio.ids) ids.add(id);
    this.#knownIds = { loaded: s, ids };
    return ids;
  }

  #outcomeInfo(record: OutcomeRecord, known: ReadonlySet<string>, names: ReadonlyMap<string, string>): OutcomeInfo {
    return {
      customerId: record.customerId,
      name: names.get(record.customerId) || record.customerId,
      status: record.status,
      day: record.day,
      source: record.source,
      ...(record.fileName !== undefined ? { fileName: record.fileName } : {}),
      note: record.note ?? '',
      recordedAt: record.recordedAt,
      known: known.has(record.customerId),
    };
  }

  #customerNames(): Map<string, string> {
    const s = this.#state();
    const names = texts(s.current.columns.get('name'), s.current.size);
    return new Map(s.current.ids.map((id, row) => [id, names[row]!]));
  }

  async #outcomeCounts(): Promise<OutcomeCounts> {
    const known = this.#customerIds();
    let churned = 0;
    let renewed = 0;
    let unknown = 0;
    for (const o of await this.#outcomeList()) {
      if (!known.has(o.customerId)) unknown++;
      else if (o.status === 'churned') churned++;
      else renewed++;
    }
    return { churned, renewed, unknown };
  }

  /** Stores outcomes (one transaction) or, on the demo, keeps them in memory; returns how many replaced one before. */
  async #putOutcomes(records: readonly OutcomeRecord[]): Promise<number> {
    if (this.#demo) {
      const byId = new Map(this.#demoOutcomes.map((o) => [o.customerId, o]));
      let replaced = 0;
      for (const r of records) {
        if (byId.has(r.customerId)) replaced++;
        byId.set(r.customerId, r);
      }
      this.#demoOutcomes = [...byId.values()];
      return replaced;
    }
    const db = this.#database();
    try {
      return (await putOutcomes(db, records)).replaced;
    } finally {
      this.#outcomeCache = null;
    }
  }

  async openOutcomeFile(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<OutcomeFileInspection> {
    await this.#ready();
    this.#outcomeFile = new OutcomeFileSession(file);
    const ids: ReadonlySet<string> = this.#loaded ? this.#customerIds() : new Set<string>();
    return this.#outcomeFile.describe((id) => ids.has(id));
  }

  #openOutcomeFile(): OutcomeFileSession {
    if (!this.#outcomeFile) throw new Error('No outcomes file is open: choose the file again.');
    return this.#outcomeFile;
  }

  async outcomeValues(column: number): Promise<OutcomeValue[]> {
    return this.#openOutcomeFile().values(column);
  }

  async checkOutcomes(plan: OutcomePlan): Promise<OutcomeCheck> {
    await this.#ready();
    const ids = this.#customerIds();
    return this.#openOutcomeFile().prepare(plan, (id) => ids.has(id), Date.now()).check;
  }

  async commitOutcomes(plan: OutcomePlan): Promise<OutcomeImportResult> {
    await this.#settled();
    const ids = this.#customerIds();
    const session = this.#openOutcomeFile();
    const { check, records } = session.prepare(plan, (id) => ids.has(id), Date.now());
    if (check.verdict === 'blocked') {
      const first = check.problems.find((p) => p.severity === 'error');
      throw new Error(first ? first.message : `${session.fileName}: nothing can be recorded from this file as mapped.`);
    }
    const replaced = await this.#putOutcomes(records);
    this.#outcomeFile = null;
    return { recorded: records.length, churned: check.churned, renewed: check.renewed, replaced, counts: await this.#outcomeCounts() };
  }

  async closeOutcomeFile(): Promise<void> {
    this.#outcomeFile = null;
  }

  async outcomes(customerId?: string, limit?: number): Promise<OutcomeInfo[]> {
    await this.#ready();
    const known = this.#customerIds();
    const names = this.#customerNames();
    const list = (await this.#outcomeList()).filter((o) => customerId === undefined || o.customerId === customerId);
    const newest = [...list].sort((a, b) => b.recordedAt - a.recordedAt || b.day - a.day || (a.customerId < b.customerId ? -1 : 1));
    return newest.slice(0, limit ?? newest.length).map((o) => this.#outcomeInfo(o, known, names));
  }

  async outcomeCounts(): Promise<OutcomeCounts> {
    await this.#ready();
    return this.#outcomeCounts();
  }

  async setOutcome(outcome: NewOutcome): Promise<OutcomeInfo> {
    await this.#settled();
    if (outcome.status !== 'churned' && outcome.status !== 'renewed') throw new Error(`The outcome must be churned or renewed, got ${JSON.stringify(outcome.status)}.`);
    if (!Number.isInteger(outcome.day)) throw new Error('The day is not a date: choose the day it happened.');
    const known = this.#customerIds();
    if (!known.has(outcome.customerId)) throw new Error(`There is no customer “${outcome.customerId}” in the data.`);
    const note = (outcome.note ?? '').trim().slice(0, 2000);
    const record: OutcomeRecord = { customerId: outcome.customerId, status: outcome.status, day: outcome.day, source: 'manual', recordedAt: Date.now(), ...(note ? { note } : {}) };
    await this.#putOutcomes([record]);
    return this.#outcomeInfo(record, known, this.#customerNames());
  }

  async clearOutcome(customerId: string): Promise<OutcomeCounts> {
    await this.#settled();
    if (this.#demo) this.#demoOutcomes = this.#demoOutcomes.filter((o) => o.customerId !== customerId);
    else {
      try {
        await deleteOutcome(this.#database(), customerId);
      } finally {
        this.#outcomeCache = null;
      }
    }
    return this.#outcomeCounts();
  }

  async clearOutcomes(): Promise<OutcomeCounts> {
    await this.#settled();
    if (this.#demo) this.#demoOutcomes = [];
    else {
      try {
        await clearStoredOutcomes(this.#database());
      } finally {
        this.#outcomeCache = null;
      }
    }
    return this.#outcomeCounts();
  }

  /** The last report, with what it was computed from: the same portfolio, outcomes and overrides give the same report. */
  #calibrated: { readonly loaded: Loaded; readonly outcomes: readonly OutcomeRecord[]; readonly overrides: readonly OverrideRecord[]; readonly report: CalibrationReport | null } | null = null;

  async calibration(): Promise<CalibrationReport | null> {
    await this.#ready();
    const s = this.#state();
    const outcomes = await this.#outcomeList();
    const kept = this.#calibrated;
    if (kept && kept.loaded === s && kept.outcomes === outcomes && kept.overrides === this.#overrides) return kept.report;
    const report = outcomes.length === 0 ? null : await this.#calibrate(s, outcomes);
    this.#calibrated = { loaded: s, outcomes, overrides: this.#overrides, report };
    return report;
  }

  async #calibrate(s: Loaded, outcomes: readonly OutcomeRecord[]): Promise<CalibrationReport | null> {
    const days = await this.#dayScores();
    const portfolioBands = new Array<number>(s.scores.bands.length).fill(0);
    for (let r = 0; r < s.scores.size; r++) portfolioBands[s.scores.band[r]!]!++;
    return calibrationReport({
      model: s.model,
      revision: s.revision,
      history: s.history,
      days,
      bands: s.scores.bands,
      outcomes,
      overrides: this.#overrides,
      portfolioBands,
    });
  }

  async backtestDays(): Promise<EpochDay[]> {
    await this.#ready();
    return this.#state().days.slice(0, -1).reverse();
  }

  async backtest(request: BacktestRequest): Promise<BacktestReport> {
    await this.#settled();
    await this.#recallModel();
    const s = this.#state();
    const snapshot = s.history.find((h) => h.day === request.day);
    if (!snapshot) throw new Error('There is no snapshot of that day in the data: choose one of the days listed.');
    let model = this.#model;
    if (request.revision !== this.#revision) {
      const record = (await this.#revisionHistory()).find((r) => r.revision === request.revision);
      if (!record) throw new Error(`There is no revision “${request.revision}” on this device: choose one of the list.`);
      const parsed = parseModel(record.model).model;
      if (!parsed) throw new Error(`Revision “${record.name}” (${request.revision}) cannot be read any more.`);
      model = parsed;
    }
    const nameColumns = new Map<readonly string[], string[]>();
    return backtest({
      model,
      revision: request.revision,
      snapshot,
      outcomes: await this.#outcomeList(),
      nameOf: (portfolio, row) => {
        let names = nameColumns.get(portfolio.ids);
        if (!names) {
          names = texts((portfolio as Portfolio).columns.get('name'), portfolio.ids.length);
          nameColumns.set(portfolio.ids, names);
        }
        return names[row] || portfolio.ids[row]!;
      },
    });
  }
}

/**
 * The demo's outcomes: who the demo says churned, on the day they left; everyone else stayed,
 * recorded as renewed on the as-of day (C12).
 */
function demoOutcomes(ids: readonly string[], churnedOn: Float64Array, asOf: EpochDay): OutcomeRecord[] {
  return ids.map((customerId, row) => {
    const day = churnedOn[row]!;
    return Number.isNaN(day)
      ? { customerId, status: 'renewed', day: asOf, source: 'import', fileName: 'demo', recordedAt: 0 }
      : { customerId, status: 'churned', day, source: 'import', fileName: 'demo', recordedAt: 0 };
  });
}

/** Customer fields that say who a customer is, not how healthy: never offered as indicators. */
const NOT_INDICATORS = new Set(['name', 'owner', 'status']);

/** Typed arrays in a value, for comlink's `transfer` (each buffer once). */
export function buffersOf(value: object): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const v of Object.values(value)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) seen.add(v.buffer);
  return [...seen];
}

/** A stored wizard progress that still reads: a step 0–3 and a draft with categories. */
function isMethodProgress(value: unknown): value is MethodProgress {
  if (typeof value !== 'object' || value === null) return false;
  const { step, draft, savedAt } = value as Partial<MethodProgress>;
  return Number.isInteger(step) && step! >= 0 && step! <= 3 && typeof savedAt === 'number'
    && typeof draft === 'object' && draft !== null && Array.isArray((draft as Partial<HealthModel>).categories);
}

/** Band id → trimmed non-blank text (anything else in a stored value is dropped). */
function cleanActions(value: unknown): BandActions {
  if (typeof value !== 'object' || value === null) return {};
  const clean: Record<string, string> = {};
  for (const [band, text] of Object.entries(value)) if (typeof text === 'string' && text.trim()) clean[band] = text.trim().slice(0, 2000);
  return clean;
}
