/**
 * The whole contract between the UI and the worker, in one interface: the worker implements it
 * (`service.ts`), the UI wraps it with comlink (`src/ui/engine-client.ts`). Everything that crosses
 * is plain data; bulk results are typed arrays, transferred rather than copied. Callbacks
 * (`onProgress`, `subscribe`) cross as comlink proxies.
 */
import type { BandInfo, CustomerExplanation, EpochDay, ColumnKind, HealthModel, ModelDifference, ModelProblem, Playbook, ScoreChange, TaskPriority } from '../engine';
import type { ColumnMapping, CsvFormat, CsvOverrides, CustomerField, ProblemGroup, ProblemsCsvHeader } from '../io';
import type { ImportSummary } from '../data/db';
import type { OutcomeStatus, CalibrationReport, BacktestReport } from '../engine/calibration/types';

export type { ImportSummary };

/**
 * Where the portfolio in the worker came from: the embedded demo (never stored), or the user's
 * own data stored on this device (possibly none yet).
 */
export type PortfolioSource = 'demo' | 'local';

export interface PortfolioSummary {
  readonly source: PortfolioSource;
  readonly modelName: string;
  /** The model revision the scores come from (a content hash of the model file, stable across devices). */
  readonly revision: string;
  /** Below this coverage (0–1) a customer's band is `insufficient`. */
  readonly minCoverage: number;
  /** The day the current scores are for. */
  readonly asOf: EpochDay;
  /** Customers in the current portfolio (churned customers are not in it). */
  readonly size: number;
  /** Days of the snapshots kept, oldest first (import days, and the latest manual entry's day if later). */
  readonly snapshots: readonly EpochDay[];
  /** Imports stored (0 for the demo). */
  readonly imports: number;
}

/** The current scores, one entry per customer in the order of `CustomerTable`. */
export interface ScoresView {
  readonly asOf: EpochDay;
  /** Integer score, `NaN` with no score. */
  readonly score: Float64Array;
  /** Score at the previous snapshot (`NaN` where there was none). */
  readonly previousScore: Float64Array;
  readonly coverage: Float64Array;
  /**
   * The band shown: the active override's (a band set by hand, see `overridden`) where there is
   * one, else the computed band. Index into `bands`; the last band is `insufficient`.
   */
  readonly band: Uint8Array;
  /** The band the model computed (index into `bands`), whether or not an override replaces it. */
  readonly computedBand: Uint8Array;
  /** 1 where an active override sets the band shown (`band`) by hand, else 0. */
  readonly overridden: Uint8Array;
  /** Band at the previous snapshot (index into `bands`), `NO_BAND` where the customer was not in it or there is none. */
  readonly previousBand: Uint8Array;
  readonly bands: readonly BandInfo[];
}

/** In `ScoresView.previousBand`: the customer was not in the previous snapshot. */
export const NO_BAND = 255;

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

// ---------------------------------------------------------------------------------------------
// Events

/**
 * Something the UI must tell the user about, pushed by the worker.
 * - `database-closed`: another tab (or a new version of Pulso) upgraded the database; this tab's
 *   connection is closed for good. Say so and offer "Reload" — nothing was lost.
 * - `database-blocked`: this tab waits for other tabs with an older Pulso to close.
 */
export type EngineEvent = { readonly type: 'database-closed' } | { readonly type: 'database-blocked' };

// ---------------------------------------------------------------------------------------------
// Import

/** A metric of the current model, as the import wizard offers it for mapping. */
export interface ImportMetric {
  readonly id: string;
  /** The model's label for it (fallback: id). */
  readonly label: string;
  /** The column name the model reads (`source`, default the id). */
  readonly source: string;
  /** The kind the model reads it as. */
  readonly kind: ColumnKind;
}

/** The file as read: its format, header, a preview, and a suggested mapping. */
export interface ImportInspection {
  readonly fileName: string;
  /** `null` when the file could not be read at all (see `problems`). */
  readonly format: CsvFormat | null;
  readonly header: readonly string[];
  /** Per header, the kind its cells look like. */
  readonly kinds: readonly ColumnKind[];
  /** The first (up to 10) data rows, cells as written. */
  readonly preview: readonly (readonly string[])[];
  /** Spreadsheet row number of each preview row. */
  readonly previewRows: readonly number[];
  /** Data rows in the file. */
  readonly rowCount: number;
  /** File-level problems (an error here means nothing can be imported from this file). */
  readonly problems: readonly ProblemGroup[];
  /** The model's metrics, to map columns to. */
  readonly metrics: readonly ImportMetric[];
  /** The mapping remembered for this file layout (same headers), else one suggested by name. */
  readonly mapping: ImportMapping;
  /** `true` if `mapping` is the one remembered from an earlier file with the same layout. */
  readonly remembered: boolean;
  /** Header indexes whose cells are dates: candidates for "the as-of date is in a column". */
  readonly dateColumns: readonly number[];
}

/** Which header (by index) holds each customer field and each metric. Unmapped headers are stored as extra attributes. */
export type ImportMapping = Pick<ColumnMapping, 'fields' | 'metrics'>;

export type { CustomerField, CsvOverrides, CsvFormat, ProblemGroup, ProblemsCsvHeader };

/** What to import, as the user set it up in the wizard. */
export interface ImportPlan {
  readonly mapping: ImportMapping;
  /**
   * The day the values are as of: one day for the whole file, or a date column (a long file
   * with one row per customer per month becomes one snapshot per date).
   */
  readonly asOf: { readonly day: EpochDay } | { readonly column: number };
  /** Leave out rows that cannot be used (reported) instead of refusing the file. */
  readonly skipBadRows: boolean;
}

/** Validation of a plan against the whole file, before anything is written. */
export interface ImportCheck {
  /** Data rows in the file. */
  readonly rows: number;
  /** Rows that would be imported. */
  readonly usable: number;
  /** Rows that cannot be used (too many cells, empty id, no readable as-of date, duplicate id). */
  readonly bad: number;
  /** The as-of days the import would create, ascending. */
  readonly days: readonly EpochDay[];
  /** Every problem, grouped (blocking errors first). */
  readonly problems: readonly ProblemGroup[];
  /**
   * - `ok`: can be imported as planned;
   * - `needs-choice`: some rows are bad: import without them (`skipBadRows: true`) or cancel;
   * - `blocked`: cannot be imported until the file or the mapping is fixed (no id column mapped,
   *   the same id twice with different values, nothing usable…).
   */
  readonly verdict: 'ok' | 'needs-choice' | 'blocked';
  /** Values entered by hand that this file's newer values would supersede (customers × indicators). */
  readonly supersedesManual: number;
}

export interface ImportProgress {
  readonly phase: 'reading' | 'checking' | 'saving' | 'scoring';
  /** Rows of the file done in this phase, of `total` (the file's data rows). */
  readonly done: number;
  readonly total: number;
  /** The phase's pace: rows done in it per second so far. */
  readonly rowsPerSecond: number;
}

export interface ImportOutcome {
  /** Summed over the days imported; `skipped` = rows left out. */
  readonly summary: ImportSummary;
  /** The same content was already stored for every day: nothing was written. */
  readonly duplicate: boolean;
  readonly days: readonly EpochDay[];
  /** The portfolio now loaded (own data, rescored). */
  readonly portfolio: PortfolioSummary;
  readonly rows: number;
  /** Wall time from `commitImport` to stored and rescored, ms. */
  readonly ms: number;
}

/** An import as listed on the data screen. */
export interface ImportInfo {
  readonly id: number;
  readonly fileName: string;
  /** ms since the epoch. */
  readonly importedAt: number;
  readonly asOf: EpochDay;
  readonly rowCount: number;
  readonly customerCount: number;
  readonly columnCount: number;
  readonly summary: ImportSummary;
  readonly problemCount: number;
}

// ---------------------------------------------------------------------------------------------
// Manual entries

/** What can be entered by hand on a customer. */
export interface EntryTarget {
  /** The column it is stored under (the model's source name, or an imported column's name). */
  readonly column: string;
  /** Label to show: the model metric's label, else the column name. */
  readonly label: string;
  readonly kind: ColumnKind;
  /** For labels (a `map` rule): the labels the model knows, in the model's order. */
  readonly labels?: readonly string[];
  /** A suggested input: `nps` 0–10, `csat` 1–5, `sentiment` labels, else free. */
  readonly input: 'nps' | 'csat' | 'sentiment' | 'number' | 'boolean' | 'date' | 'text';
}

/** A hand-typed value, a note, or both. */
export interface NewEntry {
  /** The customer's id (as in `CustomerTable.ids`). */
  readonly customerId: string;
  readonly day: EpochDay;
  /** With `value`: the indicator it is a value of. */
  readonly column?: string;
  readonly value?: number | boolean | string;
  readonly note?: string;
}

export interface EntryInfo extends NewEntry {
  readonly id: number;
  /** ms since the epoch. */
  readonly createdAt: number;
  /** A later value (imported, or typed by hand later) has superseded this value: it no longer counts. */
  readonly superseded: boolean;
}

// ---------------------------------------------------------------------------------------------
// History

export interface CustomerHistoryPoint {
  readonly day: EpochDay;
  /** `NaN` with no score. */
  readonly score: number;
  /** Index into the bands of `ScoresView`. */
  readonly band: number;
  readonly coverage: number;
}

/** Why a customer's score moved since the previous snapshot: each part's whole points, largest first. */
export interface CustomerMove extends ScoreChange {
  /** The previous snapshot's day. */
  readonly since: EpochDay;
}

/** The model in use, as a file to save or hand out. */
export interface ModelFileInfo {
  readonly name: string;
  readonly revision: string;
  /** The starter model it is, if it is one unchanged. */
  readonly starter: string | null;
  readonly fileName: string;
  /** The `health-model/v1` file's text (re-importing it gives the same model and revision). */
  readonly text: string;
}

/** A model to use: a file, a starter by id, a model edited in the app (checked like a file), or a revision of `revisions()` again. */
export type ModelChoice =
  | { readonly file: { readonly name: string; readonly data: ArrayBuffer } }
  | { readonly starter: string }
  | { readonly model: HealthModel }
  | { readonly revision: string };

/** The portfolio as a draft model would score it, nothing kept (the weights screen, while dragging). */
export interface ModelPreview {
  /** Customers per band under the draft, in the order of `bands`. */
  readonly bandCounts: readonly number[];
  /** Customers per band now (the model in use). */
  readonly currentCounts: readonly number[];
  /** Customers whose band the draft would change. */
  readonly changed: number;
  readonly bands: readonly BandInfo[];
  /** Time the worker took to score, ms. */
  readonly ms: number;
  /** Up to 50 customers whose band the draft changes, the biggest score change first (a lost score first of all). */
  readonly movers: readonly BandMover[];
}

/** A customer whose band a draft model changes. */
export interface BandMover {
  /** In `CustomerTable` order. */
  readonly row: number;
  /** Band now, and with the draft (indexes into `bands`). */
  readonly from: number;
  readonly to: number;
  /** Score with the draft, and now (`NaN`: no score). */
  readonly score: number;
  readonly previousScore: number;
}

/** What choosing a model gave: in use and rescored, or refused with every problem (by JSON path), nothing changed. */
export type UseModelResult =
  | { readonly ok: true; readonly portfolio: PortfolioSummary; readonly warnings: readonly ModelProblem[] }
  | { readonly ok: false; readonly problems: readonly ModelProblem[] };

/** Where the user is in the method wizard, kept on this device so that it resumes there. */
export interface MethodProgress {
  /** 0 categorize, 1 weigh, 2 measure, 3 execute. */
  readonly step: number;
  /** The model being built: possibly not valid yet (no indicator so far…). */
  readonly draft: HealthModel;
  /** ms since the epoch. */
  readonly savedAt: number;
}

/** What the team does for each band: band id → the text written for it. */
export type BandActions = Readonly<Record<string, string>>;
/** A model revision put in use on this device (newest first in `revisions()`). */
export interface RevisionInfo {
  readonly revision: string;
  readonly name: string;
  /** When it was put in use, ms since the epoch; `null` for the model in use before any choice was recorded. */
  readonly savedAt: number | null;
  readonly inUse: boolean;
}

/** One side of a comparison: a revision scored on the current portfolio. */
export interface RevisionScores {
  readonly revision: string;
  readonly name: string;
  readonly bands: readonly BandInfo[];
  /** Customers per band, in the order of `bands` (the model's order, `insufficient` last). */
  readonly bandCounts: readonly number[];
  /** Mean score of the customers with a score; `NaN` with none. */
  readonly mean: number;
}

/** A customer whose band differs between the two revisions, and why. */
export interface ChangedCustomer {
  /** In `CustomerTable` order. */
  readonly row: number;
  readonly id: string;
  readonly name: string;
  /** Indexes into `a.bands` and `b.bands`. */
  readonly bandA: number;
  readonly bandB: number;
  /** `NaN`: no score. */
  readonly scoreA: number;
  readonly scoreB: number;
  /** The (up to 3) metrics whose contribution moved most from A to B, in whole points ("usage −8"). */
  readonly why: readonly { readonly label: string; readonly points: number }[];
}

export interface RevisionComparison {
  readonly a: RevisionScores;
  readonly b: RevisionScores;
  /** Customers whose band differs (by band id). */
  readonly changed: number;
  /** The first 200 of them, the worst falls from A to B first. */
  readonly customers: readonly ChangedCustomer[];
  /** What differs from model A to model B. */
  readonly differences: readonly ModelDifference[];
}

export interface TrendPoint {
  readonly day: EpochDay;
  /** Mean score of customers with a score; `NaN` with none. */
  readonly mean: number;
  /** Customers per band, in the order of `ScoresView.bands`. */
  readonly bandCounts: readonly number[];
}

// ---------------------------------------------------------------------------------------------
// Export, backup, storage

export interface ExportScoresRequest {
  readonly dialect: 'standard' | 'locale';
  readonly locale: string;
  /** Translated column titles (categories in model order are filled by the worker from the model's labels when absent). */
  readonly header: {
    readonly id: string; readonly name: string; readonly score: string; readonly band: string;
    readonly coverage: string; readonly delta: string;
    /** The column saying the band was set by hand (default English). */
    readonly overridden?: string;
    /** The column of the computed band, beside it (default English). */
    readonly computedBand?: string;
  };
  /** Translated yes and no, for the "set by hand" column in the `locale` dialect (default English). */
  readonly yesNo?: readonly [string, string];
  /** Translated band labels, in the order of `ScoresView.bands`. */
  readonly bandLabels: readonly string[];
  /** Only these rows (in `CustomerTable` order), e.g. a filtered list; default every customer. */
  readonly rows?: readonly number[];
}

export type RestoreCheck =
  | {
    readonly ok: true;
    readonly schemaVersion: number;
    readonly createdAt: string;
    /** Rows per table in the file. */
    readonly tables: Readonly<Record<string, number>>;
    readonly imports: number;
    readonly entries: number;
  }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface RestoreResult {
  readonly mode: 'replace' | 'merge';
  readonly portfolio: PortfolioSummary;
  /** Rows written per table. */
  readonly written: Readonly<Record<string, number>>;
}

// ---------------------------------------------------------------------------------------------
// The method wizard's Categorize step

/** A model file read and checked in full, nothing put in use (the wizard starts a draft from it). */
export type ModelFileRead =
  | { readonly ok: true; readonly model: HealthModel; readonly warnings: readonly ModelProblem[] }
  | { readonly ok: false; readonly problems: readonly ModelProblem[] };

/** One bar of a number histogram: values in [from, to) (the last bin includes `to`). */
export interface DistributionBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/**
 * How the current customers' latest values of one column are spread, as a rule would read them:
 * numbers (a date column through `daysSince`: whole days to the portfolio's as-of day), yes/no, or
 * labels; `absent` when the portfolio has no such column (or a date column without `daysSince`).
 * `missing` counts customers without a usable value.
 */
export type IndicatorDistribution =
  | {
    readonly kind: 'number';
    readonly customers: number;
    readonly missing: number;
    /** About 20 bins from `min` to `max` (one per whole number when the values are a few whole numbers); empty with no value. */
    readonly bins: readonly DistributionBin[];
    /** `NaN` with no value. */
    readonly min: number;
    readonly max: number;
    readonly median: number;
    /** The 10th and 90th percentiles (nearest rank): where "most customers" are. */
    readonly p10: number;
    readonly p90: number;
  }
  | { readonly kind: 'boolean'; readonly customers: number; readonly missing: number; readonly yes: number; readonly no: number }
  | { readonly kind: 'text'; readonly customers: number; readonly missing: number; readonly labels: readonly { readonly label: string; readonly count: number }[] }
  | { readonly kind: 'absent'; readonly customers: number };

/** A column of the current portfolio that an indicator could read (customer fields such as name and owner left out). */
export interface DataColumn {
  readonly column: string;
  readonly kind: ColumnKind;
  /** Current customers with a value in it. */
  readonly customers: number;
}

export interface EngineApi {
  /** Tells the UI about database events (a comlink proxy on the UI side). */
  subscribe(listener: (event: EngineEvent) => void): Promise<void>;

  /** Loads the embedded demo portfolio, with its last snapshot on `asOf`, and scores it. */
  loadDemo(options: { readonly asOf: EpochDay }): Promise<PortfolioSummary>;
  /** Loads the user's own data from this device (possibly none) and scores it as of its latest day. */
  loadLocal(options: { readonly asOf: EpochDay }): Promise<PortfolioSummary>;
  summary(): Promise<PortfolioSummary>;
  /** The current scores (transferred: each call gives fresh buffers). */
  scores(): Promise<ScoresView>;
  customers(): Promise<CustomerTable>;
  /** Why customer `row` (in `CustomerTable` order) has the score it has. */
  explain(row: number): Promise<CustomerExplanation>;
  /** Why customer `row`'s score moved since the previous snapshot; `null` when they were not in it (or there is none). */
  explainMove(row: number): Promise<CustomerMove | null>;
  /** Mean score and band counts per stored score snapshot of the current model revision, oldest first. */
  trend(): Promise<TrendPoint[]>;
  /** Customer `row`'s score at each stored snapshot of the current model revision, oldest first. */
  customerHistory(row: number): Promise<CustomerHistoryPoint[]>;

  // Import (one file at a time; the file stays in the worker between calls)
  /** Reads a CSV/TSV file (bytes as picked) and suggests a mapping. */
  openImport(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<ImportInspection>;
  /** Reads the open file again with the user's format overrides. */
  reformatImport(overrides: CsvOverrides): Promise<ImportInspection>;
  checkImport(plan: ImportPlan): Promise<ImportCheck>;
  /**
   * Stores the file as planned, all or nothing, remembers the mapping for the file's layout, and
   * loads the user's data (source `local`). Rejects with an `Error` named `QuotaExceededError`
   * when the disk is full (nothing written), `ImportBlockedError` when the plan does not pass
   * `checkImport`.
   */
  commitImport(plan: ImportPlan, onProgress?: (progress: ImportProgress) => void): Promise<ImportOutcome>;
  /**
   * The open file's problems (for the last checked plan) as a CSV file's text; `header` and
   * `severities` translate the titles (default English). The problem texts are English.
   */
  problemsCsv(options: {
    readonly dialect: 'standard' | 'locale';
    readonly locale: string;
    readonly header?: ProblemsCsvHeader;
    readonly severities?: { readonly error: string; readonly warning: string };
  }): Promise<string>;
  /** Forgets the open file. */
  closeImport(): Promise<void>;
  listImports(): Promise<ImportInfo[]>;
  /** Deletes one import (its values), then reloads the user's data. */
  deleteImport(id: number): Promise<PortfolioSummary>;
  /** Deletes every import, entry and score snapshot on this device (settings kept), then loads the empty portfolio. */
  deleteAllData(): Promise<PortfolioSummary>;

  // The model
  /** The model in use as a file. */
  modelFile(): Promise<ModelFileInfo>;
  /**
   * Uses a model file (checked in full first) or a starter model, remembers it on this device
   * (with the settings, so backups carry it) and rescores the portfolio with it.
   */
  useModel(choice: ModelChoice): Promise<UseModelResult>;
  /** The model in use itself (to edit a draft of it). */
  model(): Promise<HealthModel>;
  /**
   * Scores the current portfolio with a draft model without keeping anything; rejects saying what is wrong. Checked in full,
   * except a draft that differs from the last one that passed only in weights: then only its weights (and it is re-aggregated, not rescored).
   */
  previewModel(model: HealthModel): Promise<ModelPreview>;
  /** The model revisions put in use on this device, newest first (`useModel` records each). */
  revisions(): Promise<RevisionInfo[]>;
  /** Scores revisions `a` and `b` on the current portfolio and compares them; rejects naming a revision not in `revisions()`. */
  compareRevisions(a: string, b: string): Promise<RevisionComparison>;

  /** Every problem `model` has (by JSON path), as a model file would; none means it can be used. */
  checkModel(model: HealthModel): Promise<ModelProblem[]>;

  // The method wizard
  /** The wizard's saved progress, or `null` when none (or it no longer reads). */
  methodProgress(): Promise<MethodProgress | null>;
  /** Keeps the wizard's progress (`null` forgets it). */
  saveMethodProgress(progress: MethodProgress | null): Promise<void>;
  /** The action text written for each band (bands without are absent: the UI shows its default). */
  bandActions(): Promise<BandActions>;
  /** Keeps the action texts (blank ones are dropped, so the default shows again). */
  setBandActions(actions: BandActions): Promise<BandActions>;

  // Manual entries
  /** What can be entered by hand (the model's metrics, then other known columns). */
  entryTargets(): Promise<EntryTarget[]>;
  /** Stores a hand-typed value and/or note and rescores. */
  addEntry(entry: NewEntry): Promise<PortfolioSummary>;
  /** A customer's entries, newest first. */
  listEntries(customerId: string): Promise<EntryInfo[]>;
  deleteEntry(id: number): Promise<PortfolioSummary>;

  // Export, backup, storage
  /** The current scores as a CSV file's text (formula-neutralised). */
  exportScores(request: ExportScoresRequest): Promise<string>;
  /** Every table as one backup file (`pulso-backup/v1`, UTF-8 JSON bytes), and a file name for it. */
  backup(): Promise<{ readonly fileName: string; readonly data: Uint8Array }>;
  /** Validates a backup file in full; keeps it in the worker for `restore`. Nothing is written. */
  checkRestore(data: ArrayBuffer): Promise<RestoreCheck>;
  /** Restores the checked backup in one transaction (replace everything, or merge), then loads the user's data. */
  restore(mode: 'replace' | 'merge'): Promise<RestoreResult>;

  /**
   * How long the worker's last steps took, ms, by name (`load.read`, `load.score`,
   * `import.read`…): for the benchmarks and for support, never shown as a feature.
   */
  timings(): Promise<Readonly<Record<string, number>>>;

  /** The latest values of one column across the current customers (for a rule's chart while the model is drafted). */
  indicatorDistribution(source: string, transform?: 'daysSince'): Promise<IndicatorDistribution>;
  /** Reads and checks a `health-model/v1` file (bytes as picked) like `useModel`, but puts nothing in use. */
  readModelFile(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<ModelFileRead>;
  /** The columns of the current portfolio an indicator could read, in the data's order, with how many customers have a value. */
  dataColumns(): Promise<DataColumn[]>;
}

// ---------------------------------------------------------------------------------------------
// Overrides (bands set by hand)

/** A band to set by hand on a customer (DESIGN "Overrides"). */
export interface NewOverride {
  /** The customer's id (as in `CustomerTable.ids`). */
  readonly customerId: string;
  /** A band id of the model in use, not `insufficient`. */
  readonly band: string;
  /** Why: mandatory. */
  readonly reason: string;
  /** The last day it applies (included); today or later. */
  readonly expiresOn: EpochDay;
}

/**
 * An override as the customer page lists it.
 * - `active`: applies to the scores shown (`ScoresView.overridden`);
 * - `ended`: ended early by hand; `expired`: its expiry day is past (at the scores' day or today);
 * - `pending`: the scores shown are from before it starts;
 * - `band-gone`: the model in use has no band with its id (the model changed): not applied.
 */
export type OverrideStatus = 'active' | 'ended' | 'expired' | 'pending' | 'band-gone';

export interface OverrideInfo {
  readonly id: number;
  readonly customerId: string;
  /** The band id set. */
  readonly band: string;
  /** Its index in `ScoresView.bands`, `-1` when the model in use has no such band. */
  readonly bandIndex: number;
  readonly reason: string;
  readonly startsOn: EpochDay;
  readonly expiresOn: EpochDay;
  /** ms since the epoch. */
  readonly createdAt: number;
  /** ms since the epoch, when ended early by hand. */
  readonly endedAt?: number;
  readonly active: boolean;
  readonly status: OverrideStatus;
}

export interface EngineApi {
  /**
   * Sets a customer's band by hand from the scores' day (or today, if earlier) to `expiresOn`;
   * the customer's previous active override, if any, ends. Rejects with a message saying what to
   * fix: a blank reason, an expiry before today, a band the model does not have (or
   * `insufficient`), an unknown customer. Scores do not change; the band shown does.
   */
  setOverride(override: NewOverride): Promise<PortfolioSummary>;
  /** Ends an override now (it no longer applies). */
  endOverride(id: number): Promise<PortfolioSummary>;
  /** A customer's overrides, newest first, each saying whether it applies. */
  listOverrides(customerId: string): Promise<OverrideInfo[]>;
}

// ---------------------------------------------------------------------------------------------
// Indicator values through time

/** One value of an indicator as recorded: on `day`, from an import or typed by hand. */
export interface IndicatorPoint {
  readonly day: EpochDay;
  /** A number (a `date` column's value is an `EpochDay`), a yes/no, or a label. */
  readonly value: number | boolean | string;
  readonly from: 'import' | 'entry';
}

/** A model metric's values for one customer, and whether the latest is too old to count. */
export interface IndicatorHistory {
  readonly metricId: string;
  /** The model's label (fallback: id). */
  readonly label: string;
  /** The column it reads. */
  readonly source: string;
  /** The kind the column holds (`date`: values are days). */
  readonly kind: ColumnKind;
  readonly maxAgeDays?: number;
  /** Each value recorded (one per day), oldest first. */
  readonly points: readonly IndicatorPoint[];
  /** The day of the value in effect at the scores' day; `null` without one. */
  readonly latestDay: EpochDay | null;
  /** The value in effect is older than `maxAgeDays` at the scores' day: it counts as missing. */
  readonly stale: boolean;
}

export interface EngineApi {
  /** Customer `row`'s values of every model metric (model order) through the history, with staleness at the scores' day. */
  indicatorHistory(row: number): Promise<IndicatorHistory[]>;
}

// ---------------------------------------------------------------------------------------------
// Playbooks and tasks (the method's Execute step turned into work)

export type { Playbook, PlaybookTrigger, PlaybookAction, TaskPriority, DefaultPlaybookId, DefaultPlaybookTexts } from '../engine';

/** A playbook as the playbooks screen lists it. */
export interface PlaybookInfo {
  readonly playbook: Playbook;
  /** Current customers it matches now (0 when disabled). */
  readonly matching: number;
  /** Its tasks still open. */
  readonly openTasks: number;
  /** Columns or bands its triggers name that the current data or model does not have (it can never match on them). */
  readonly unknown: readonly string[];
}

/** What a playbook run did. */
export interface PlaybookRun {
  /** Tasks created, in all. */
  readonly created: number;
  /** Tasks created per playbook id (playbooks that created none are absent). */
  readonly byPlaybook: Readonly<Record<string, number>>;
}

export type TaskStatus = 'open' | 'done' | 'dismissed';

/** A task: created by a playbook (with its cause) or added by hand on the customer page. */
export interface TaskInfo {
  readonly id: number;
  readonly customerId: string;
  /** The customer's name in the current data (their id when unknown). */
  readonly customerName: string;
  /** The customer's row in `CustomerTable`, `-1` when they are not in the current portfolio. */
  readonly row: number;
  /** Assigned to: the customer's owner when it was created ('' when none). */
  readonly owner: string;
  readonly title: string;
  readonly description: string;
  readonly priority: TaskPriority;
  /** The playbook that created it (`null`: added by hand). */
  readonly playbookId: string | null;
  /** The playbook's name when it was created ('' when added by hand). */
  readonly playbookName: string;
  /** The first snapshot day of the run of matches that caused it (`null`: added by hand). */
  readonly since: EpochDay | null;
  /** The day it was created (the device's today). */
  readonly createdOn: EpochDay;
  readonly dueOn: EpochDay;
  readonly status: TaskStatus;
  /** The outcome note written when it was done or dismissed ('' while open). */
  readonly note: string;
  /** When it was done or dismissed, ms since the epoch. */
  readonly closedAt?: number;
}

/** A task added by hand on the customer page. */
export interface NewTask {
  readonly customerId: string;
  readonly title: string;
  readonly description: string;
  readonly priority: TaskPriority;
  readonly dueOn: EpochDay;
}

export interface TaskQuery {
  /** One customer's tasks only. */
  readonly customerId?: string;
  /** Default `open`. */
  readonly status?: TaskStatus | 'closed' | 'all';
}

export interface EngineApi {
  /**
   * The playbooks, in their order, with what each matches now. On the first call ever (no
   * playbook stored and none ever deleted) `defaults` are stored first: the UI gives the default
   * playbooks in the user's language (`defaultPlaybooks`).
   */
  playbooks(defaults: readonly Playbook[]): Promise<PlaybookInfo[]>;
  /**
   * Stores `defaults` (the default playbooks in the user's language) if no playbook was ever
   * stored on this device, and runs them; resolves to whether it stored them. Cheap otherwise:
   * the app calls it at start-up.
   */
  ensureDefaultPlaybooks(defaults: readonly Playbook[]): Promise<boolean>;
  /** Adds or replaces a playbook (by id; new ones go last) and runs the playbooks. Rejects with what to fix (`playbookProblems`). */
  savePlaybook(playbook: Playbook): Promise<PlaybookInfo[]>;
  /** Replaces every playbook with `playbooks` (in that order) in one write, all checked first, then runs them (a method file uses it). */
  replacePlaybooks(playbooks: readonly Playbook[]): Promise<PlaybookInfo[]>;
  /** Deletes a playbook; its tasks stay. */
  deletePlaybook(id: string): Promise<PlaybookInfo[]>;
  /** Runs the enabled playbooks on the current portfolio (also run by every import, entry, override and model change). */
  runPlaybooks(): Promise<PlaybookRun>;
  /** Tasks, soonest due first (open), or latest closed first. */
  tasks(query?: TaskQuery): Promise<TaskInfo[]>;
  /** How many open tasks are due on `today` or before (overdue): the navigation's badge, without sending every task across. */
  dueTasks(today: EpochDay): Promise<number>;
  /** Marks a task done or dismissed with an outcome note (`note` may be blank for done, not for dismissed). */
  closeTask(id: number, outcome: { readonly status: 'done' | 'dismissed'; readonly note: string }): Promise<TaskInfo>;
  /** Opens a closed task again. */
  reopenTask(id: number): Promise<TaskInfo>;
  /** Adds a task by hand. Rejects with what to fix (blank title, unknown customer). */
  addTask(task: NewTask): Promise<TaskInfo>;
}

// ---------------------------------------------------------------------------------------------
// Opportunity and risk lists, and alerts (what changed since the last visit)

export type { ListColumnRole, UpsellEntry, AdvocateEntry, CollectionEntry, RenewalSum, RenewalWindow, RenewalForecast } from '../engine/lists';
import type { ListColumnRole, UpsellEntry, AdvocateEntry, CollectionEntry, RenewalForecast } from '../engine/lists';

export type ListId = 'upsell' | 'advocates' | 'collections' | 'renewals';

/** The column a list reads for one figure. */
export interface ListColumn {
  readonly role: ListColumnRole;
  /** The column read, `null` when the data has none that fits (the list then says so). */
  readonly column: string | null;
  /** What the model calls it (its label), else the column's name ('' with none). */
  readonly label: string;
  /** The user chose it (else it is the app's guess). */
  readonly chosen: boolean;
}

/** A number column the user may choose for a figure. */
export interface ListColumnOption {
  readonly column: string;
  readonly label: string;
}

/** The four lists of the current portfolio; rows are in `CustomerTable` order, bands the ones shown (overrides applied). */
export interface OpportunityLists {
  readonly asOf: EpochDay;
  /** The device's today (the renewal windows count from it). */
  readonly today: EpochDay;
  /** The previous snapshot's day (growth in usage is since then); `null` with one snapshot. */
  readonly since: EpochDay | null;
  readonly columns: Readonly<Record<ListColumnRole, ListColumn>>;
  /** Number columns of the data, to choose from. */
  readonly options: readonly ListColumnOption[];
  /** The data has a renewal-date column. */
  readonly hasRenewals: boolean;
  readonly upsell: readonly UpsellEntry[];
  readonly advocates: readonly AdvocateEntry[];
  readonly collections: readonly CollectionEntry[];
  readonly renewals: RenewalForecast;
}

export interface ExportListRequest {
  readonly list: ListId;
  /** Only this owner's customers ('' = customers with no owner); absent: everyone. */
  readonly owner?: string;
  readonly dialect: 'standard' | 'locale';
  readonly locale: string;
  /** Translated column titles (the figures' columns take the model's labels). */
  readonly header: {
    readonly id: string; readonly name: string; readonly band: string; readonly score: string; readonly owner: string; readonly mrr: string;
    readonly before: string; readonly change: string; readonly renewal: string; readonly daysToRenewal: string;
  };
  /** Translated band labels, in the order of `ScoresView.bands`. */
  readonly bandLabels: readonly string[];
}

/** Why a customer is on the alerts list. */
export type AlertKind = 'band-drop' | 'score-fall' | 'at-risk-renewal';

/** A customer who changed for the worse since the scores last seen. */
export interface Alert {
  readonly row: number;
  readonly customerId: string;
  /** Worst first: band drop, score fall, at risk with a renewal soon. */
  readonly kinds: readonly AlertKind[];
  /** Band then (index into `ScoresView.bands`), `NO_BAND` when the customer was not known then. */
  readonly fromBand: number;
  /** Band shown now. */
  readonly toBand: number;
  /** Score then (`NaN` none). */
  readonly before: number;
  /** Score now (`NaN` none). */
  readonly score: number;
  /** Renewal day (`NaN` unknown). */
  readonly renewal: number;
}

export interface AlertsView {
  /** The day of the scores compared with (last seen, or the previous snapshot on a first visit); `null`: nothing to compare with. */
  readonly since: EpochDay | null;
  /** No scores were marked as seen yet on this device (for this data source). */
  readonly firstVisit: boolean;
  readonly asOf: EpochDay;
  /** Customers with an alert, in all. */
  readonly count: number;
  /** The first `ALERTS_LISTED` of them, worst first. */
  readonly alerts: readonly Alert[];
  /** A score fall of this many points or more is an alert. */
  readonly fallThreshold: number;
  /** Renewal within this many days (with the lowest band) is an alert. */
  readonly renewalDays: number;
}

export interface EngineApi {
  /** The upsell, advocates, collections and renewal lists of the current portfolio. */
  opportunityLists(): Promise<OpportunityLists>;
  /** Makes a figure read `column` (remembered on this device); `null` goes back to the app's guess. Rejects an unknown or non-number column. */
  setListColumn(role: ListColumnRole, column: string | null): Promise<OpportunityLists>;
  /** A list (optionally one owner's part) as a CSV file's text, cells formula-neutralised, in the export dialects. */
  exportList(request: ExportListRequest): Promise<string>;
  /** What changed for the worse since the scores last marked as seen (first visit: since the previous snapshot). */
  alerts(): Promise<AlertsView>;
  /** Marks the current scores (day and model revision) as seen: the alerts empty until new data or a new model. */
  markAlertsSeen(): Promise<AlertsView>;
}

// ---------------------------------------------------------------------------------------------
// Method files (a complete method as a trainer hands it out: model, playbooks, band actions)

/** What a good method file holds, shown before it is put in use. */
export interface MethodSummary {
  readonly modelName: string;
  /** The playbooks' names, in the file's order. */
  readonly playbooks: readonly string[];
  /** Bands with an action text. */
  readonly bandActions: number;
}

/** A method file read and checked in full, nothing put in use. */
export type MethodFileRead =
  | { readonly ok: true; readonly summary: MethodSummary; readonly warnings: readonly ModelProblem[] }
  | { readonly ok: false; readonly problems: readonly ModelProblem[] };

/** What using a method file gave: all of it in use (model rescored, playbooks replaced, band actions set), or refused with every problem, nothing changed. */
export type UseMethodResult =
  | { readonly ok: true; readonly summary: MethodSummary; readonly portfolio: PortfolioSummary; readonly playbooks: readonly PlaybookInfo[]; readonly warnings: readonly ModelProblem[] }
  | { readonly ok: false; readonly problems: readonly ModelProblem[] };

export interface EngineApi {
  /**
   * The method in use as a `pulso-method/v1` file: the model in use, the playbooks (`defaults`
   * stored first on first use, as `playbooks` does) and the band action texts.
   */
  methodFile(defaults?: readonly Playbook[]): Promise<{ readonly fileName: string; readonly text: string }>;
  /** Reads and checks a method file (bytes as picked) in full; puts nothing in use. Problems by JSON path. */
  readMethodFile(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<MethodFileRead>;
  /**
   * Checks a method file in full first (a wrong one changes nothing), then replaces every
   * playbook with the file's, puts its model in use (as `useModel`, rescoring) and sets its band
   * action texts.
   */
  useMethodFile(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<UseMethodResult>;
}

// ---------------------------------------------------------------------------------------------
// Outcomes and calibration (issue #7): who churned or renewed, and how well the score tells them apart

export type {
  AucInfo,
  BacktestBand,
  BacktestCustomer,
  BacktestReport,
  BandCalibration,
  CalibrationReport,
  ChecklistId,
  ChecklistItem,
  ChurnRate,
  CrossValidatedAuc,
  Direction,
  IndicatorCalibration,
  OutcomeStatus,
  PointsBandRate,
  WeightSuggestion,
  WeightSuggestionRow,
} from '../engine/calibration/types';

/** A recorded outcome: one per customer (a newer one replaces it). */
export interface OutcomeInfo {
  readonly customerId: string;
  /** The customer's name where the data has one, else the id. */
  readonly name: string;
  readonly status: OutcomeStatus;
  /** The day it churned or renewed. */
  readonly day: EpochDay;
  readonly source: 'import' | 'manual';
  /** The file it came from (imports). */
  readonly fileName?: string;
  readonly note: string;
  /** ms since the epoch. */
  readonly recordedAt: number;
  /** `false` when no customer of the data has this id (kept: the customer may be imported later). */
  readonly known: boolean;
}

/** An outcome entered on the customer page. */
export interface NewOutcome {
  readonly customerId: string;
  readonly status: OutcomeStatus;
  readonly day: EpochDay;
  readonly note?: string;
}

export interface OutcomeCounts {
  readonly churned: number;
  readonly renewed: number;
  /** Outcomes whose id is not a customer of the data. */
  readonly unknown: number;
}

/** Which header (by index) holds what, in an outcomes file. */
export interface OutcomeMapping {
  /** The customer id column. */
  readonly id: number | null;
  /** The column saying churned or not. */
  readonly status: number | null;
  /** The column with the day it happened; `null`: every row on `OutcomePlan.day`. */
  readonly date: number | null;
}

/** An outcomes file as read: its format, a preview and a suggested mapping. */
export interface OutcomeFileInspection {
  readonly fileName: string;
  /** `null` when the file could not be read at all (see `problems`). */
  readonly format: CsvFormat | null;
  readonly header: readonly string[];
  readonly kinds: readonly ColumnKind[];
  readonly preview: readonly (readonly string[])[];
  readonly previewRows: readonly number[];
  readonly rowCount: number;
  readonly problems: readonly ProblemGroup[];
  /** Guessed by header names (id: the data's id column name or `id`/`customer`…, status: `churn`/`status`/`outcome`…, date: a date column). */
  readonly mapping: OutcomeMapping;
  /** Header indexes whose cells are dates. */
  readonly dateColumns: readonly number[];
}

/** A distinct cell of the status column, how often it appears, and what it reads as by default. */
export interface OutcomeValue {
  readonly value: string;
  readonly count: number;
  /**
   * Guess: `Yes`/`Sim`/`Sí`/`1`/`true`/`churned`/`cancelled`… → churned; `No`/`Não`/`0`/`false`/`renewed`/`active`… → renewed; else `null` (left out).
   * In a column of dates (a cancellation date), a date → churned and a blank → renewed.
   */
  readonly reads: OutcomeStatus | null;
}

/** `outcomeValues` lists at most this many values; with more, `OutcomePlan.others` says what the rest mean. */
export const OUTCOME_VALUES_LISTED = 50;

export interface OutcomePlan {
  readonly mapping: OutcomeMapping;
  /** Status cells (as written, trimmed) that mean churned, and those that mean renewed/stayed; any other value is left out and counted. */
  readonly churned: readonly string[];
  readonly renewed: readonly string[];
  /** The day for rows without a date column (or an empty date cell). */
  readonly day: EpochDay;
  /**
   * What a non-blank status in neither list means (default: left out): for a column with more
   * values than `outcomeValues` lists — e.g. a `cancelled_at` date, blank for those who stayed.
   */
  readonly others?: OutcomeStatus | null;
}

export interface OutcomeCheck {
  readonly rows: number;
  /** Rows that would be recorded, by status. */
  readonly churned: number;
  readonly renewed: number;
  /** Rows left out: a status value in neither list (e.g. blank). */
  readonly leftOut: number;
  /** Rows whose id is not a customer of the data (recorded all the same). */
  readonly unknownIds: number;
  /** Every problem (empty id, unreadable date, the same id twice with different outcomes…), with rows. */
  readonly problems: readonly ProblemGroup[];
  /** `blocked`: nothing can be recorded until the mapping is fixed (no id or status column, nothing usable). */
  readonly verdict: 'ok' | 'blocked';
}

export interface OutcomeImportResult {
  readonly recorded: number;
  readonly churned: number;
  readonly renewed: number;
  /** Outcomes that replaced one recorded before for the same customer. */
  readonly replaced: number;
  readonly counts: OutcomeCounts;
}

export interface BacktestRequest {
  readonly revision: string;
  /** A snapshot day of the data (see `backtestDays`). */
  readonly day: EpochDay;
}

export interface EngineApi {
  /** Reads an outcomes CSV (any dialect the data import reads) and suggests a mapping; replaces any outcomes file open. */
  openOutcomeFile(file: { readonly name: string; readonly data: ArrayBuffer }): Promise<OutcomeFileInspection>;
  /** The distinct values of one column of the open outcomes file (up to `OUTCOME_VALUES_LISTED`, most frequent first), with what each reads as. */
  outcomeValues(column: number): Promise<OutcomeValue[]>;
  /** Checks a plan against the whole open file; writes nothing. */
  checkOutcomes(plan: OutcomePlan): Promise<OutcomeCheck>;
  /** Records the plan's outcomes in one transaction (all or nothing); rejects when blocked. Closes the file. */
  commitOutcomes(plan: OutcomePlan): Promise<OutcomeImportResult>;
  closeOutcomeFile(): Promise<void>;
  /** Outcomes recorded, newest first; for one customer when `customerId` is given; the first `limit` (default all). */
  outcomes(customerId?: string, limit?: number): Promise<OutcomeInfo[]>;
  outcomeCounts(): Promise<OutcomeCounts>;
  /** Records (or replaces) one customer's outcome by hand; rejects with a message for a bad day or an unknown customer. */
  setOutcome(outcome: NewOutcome): Promise<OutcomeInfo>;
  /** Forgets one customer's outcome. */
  clearOutcome(customerId: string): Promise<OutcomeCounts>;
  /** Forgets every outcome. */
  clearOutcomes(): Promise<OutcomeCounts>;
  /**
   * Calibrates the model in use against the outcomes; `null` with no outcome recorded. With outcomes of which none could be
   * scored, a report with 0 churned and 0 retained that counts them as `unmatched` / `unscored`.
   */
  calibration(): Promise<CalibrationReport | null>;
  /** Snapshot days a backtest can start from (every snapshot day but the latest, newest first). */
  backtestDays(): Promise<EpochDay[]>;
  /** Scores the snapshot of `day` with `revision` and says how each band's customers ended after it. */
  backtest(request: BacktestRequest): Promise<BacktestReport>;
}
