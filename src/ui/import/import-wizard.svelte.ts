/**
 * The import wizard's state and steps, as runes: the components only show it and call its
 * methods. Every read, check and save happens in the worker (`EngineApi`); nothing is written
 * until `commitImport`, which is all or nothing.
 */
import type { EpochDay } from '../../engine';
import type {
  CsvOverrides, CustomerField, EngineApi, ImportCheck, ImportInspection, ImportOutcome, ImportPlan, ImportProgress,
  PortfolioSummary, ProblemGroup,
} from '../../worker/api';
import { downloadCsv, fileDate } from '../download';
import { dayFromIso, fileStem, isoDay } from './import-text';

/** The steps, in order: the indicator numbers them from 1. */
export const WIZARD_STEPS = ['file', 'format', 'columns', 'check', 'import'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** What the wizard is waiting for, if anything (controls that would start another call are disabled meanwhile). */
export type WizardBusy = 'reading' | 'formatting' | 'checking' | 'importing' | 'downloading';

/**
 * A call that failed:
 * - `quota`: the device is out of storage space (the commit wrote nothing);
 * - `commit`: the commit failed for another reason (it wrote nothing either);
 * - `call`: reading, re-reading, checking or downloading failed.
 */
export type WizardFailure =
  | { readonly kind: 'quota' }
  | { readonly kind: 'commit'; readonly message: string }
  | { readonly kind: 'call'; readonly message: string };

/** Why the Columns step cannot go on yet. */
export type ColumnsProblem = 'id-missing' | 'date-invalid' | 'date-column-missing';

/** A file the worker could not read at all: what it said, to show before the user picks another. */
export interface UnreadableFile {
  readonly fileName: string;
  readonly problems: readonly ProblemGroup[];
}

/** The choices of each format setting the user may force. */
export const FORMAT_CHOICES = {
  delimiter: [',', ';', '\t', '|'],
  decimal: [',', '.'],
  dateOrder: ['dmy', 'mdy'],
  encoding: ['utf-8', 'windows-1252'],
} as const satisfies { readonly [K in keyof CsvOverrides]-?: readonly NonNullable<CsvOverrides[K]>[] };

export type FormatSetting = keyof typeof FORMAT_CHOICES;

/** A header index in a select: `NOT_MAPPED` is "Not in this file". */
export const NOT_MAPPED = -1;

export interface ImportWizardOptions {
  readonly api: EngineApi;
  /** The device's today: the default as-of date for the whole file. */
  readonly today: EpochDay;
  /** Called once an import is stored, with the portfolio the worker now holds (the app reloads its scores). */
  readonly onImported: (portfolio: PortfolioSummary) => void | Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors cross the worker boundary as plain objects carrying `name` (comlink), so the name is read, not the class. */
function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError';
}

function sameHeader(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

export class ImportWizard {
  step = $state<WizardStep>('file');
  busy = $state<WizardBusy | null>(null);
  failure = $state.raw<WizardFailure | null>(null);
  /** The open file as the worker last read it (`null` on the File step). */
  inspection = $state.raw<ImportInspection | null>(null);
  unreadable = $state.raw<UnreadableFile | null>(null);
  /** The user cancelled the last import: said on the File step (nothing was written). */
  cancelled = $state(false);

  /** Format settings the user changed (the rest stays detected). */
  overrides = $state.raw<CsvOverrides>({});

  /** Header index per customer field and per metric id, as the user set them up. */
  fields = $state<Partial<Record<CustomerField, number>>>({});
  metrics = $state<Record<string, number>>({});
  asOfMode = $state<'day' | 'column'>('day');
  /** The date input's value for "one date for the whole file". */
  asOfDate = $state('');
  asOfColumn = $state<number | null>(null);
  columnsProblem = $state<ColumnsProblem | null>(null);

  check = $state.raw<ImportCheck | null>(null);
  /** Whether `check` was made leaving bad rows out (the user chose to import without them). */
  skipBadRows = $state(false);
  progress = $state.raw<ImportProgress | null>(null);
  outcome = $state.raw<ImportOutcome | null>(null);

  /** 0-based position of the current step. */
  stepIndex = $derived(WIZARD_STEPS.indexOf(this.step));

  /** Headers nothing is mapped to (nor the as-of date): they are kept as extra information on each customer. */
  extraHeaders = $derived.by(() => {
    const header = this.inspection?.header ?? [];
    const used: number[] = [...Object.values(this.fields), ...Object.values(this.metrics)];
    if (this.asOfMode === 'column' && this.asOfColumn !== null) used.push(this.asOfColumn);
    return header.map((_, index) => index).filter((index) => !used.includes(index));
  });

  readonly #api: EngineApi;
  readonly #today: EpochDay;
  readonly #onImported: ImportWizardOptions['onImported'];
  /** Bumped whenever the wizard moves or starts over: an answer for an older generation is dropped. */
  #generation = 0;

  constructor(options: ImportWizardOptions) {
    this.#api = options.api;
    this.#today = options.today;
    this.#onImported = options.onImported;
    this.asOfDate = isoDay(options.today);
  }

  // -------------------------------------------------------------------------------------------
  // Step 1: the file

  /** Reads the picked file and opens it in the worker; an unreadable file stays on this step with its problems. */
  async openFile(file: File): Promise<void> {
    const generation = this.#start('reading');
    this.unreadable = null;
    this.cancelled = false;
    try {
      const data = await file.arrayBuffer();
      const inspection = await this.#api.openImport({ name: file.name, data });
      if (generation !== this.#generation) return;
      if (inspection.format === null || inspection.problems.some((p) => p.severity === 'error')) {
        this.unreadable = { fileName: inspection.fileName || file.name, problems: inspection.problems };
        return;
      }
      this.overrides = {};
      this.#takeInspection(inspection, true);
      this.#go('format');
    } catch (error) {
      if (generation === this.#generation) this.failure = { kind: 'call', message: messageOf(error) };
    } finally {
      this.#done(generation);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Step 2: the format

  /** Forces one format setting (one of `FORMAT_CHOICES`; anything else is ignored) and reads the file again with it. */
  async setFormat(setting: FormatSetting, value: string): Promise<void> {
    if (!(FORMAT_CHOICES[setting] as readonly string[]).includes(value)) return;
    const overrides: CsvOverrides = { ...this.overrides, [setting]: value };
    this.overrides = overrides;
    // A newer generation: the answer to an earlier change still on its way is dropped.
    this.#generation++;
    const generation = this.#start('formatting');
    try {
      const inspection = await this.#api.reformatImport(overrides);
      if (generation !== this.#generation) return;
      this.#takeInspection(inspection, false);
    } catch (error) {
      if (generation === this.#generation) this.failure = { kind: 'call', message: messageOf(error) };
    } finally {
      this.#done(generation);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Step 3: the columns

  /** The header index a field is read from, `NOT_MAPPED` if none. */
  fieldHeader(field: CustomerField): number {
    return this.fields[field] ?? NOT_MAPPED;
  }

  setField(field: CustomerField, header: number): void {
    if (header === NOT_MAPPED) delete this.fields[field];
    else this.fields[field] = header;
    if (field === 'id' && this.columnsProblem === 'id-missing' && header !== NOT_MAPPED) this.columnsProblem = null;
  }

  metricHeader(metricId: string): number {
    return this.metrics[metricId] ?? NOT_MAPPED;
  }

  setMetric(metricId: string, header: number): void {
    if (header === NOT_MAPPED) delete this.metrics[metricId];
    else this.metrics[metricId] = header;
  }

  /** "Each row's date is in a column": the first date column is the default. */
  setAsOfMode(mode: 'day' | 'column'): void {
    this.asOfMode = mode;
    if (mode === 'column' && this.asOfColumn === null) this.asOfColumn = this.inspection?.dateColumns[0] ?? null;
    this.columnsProblem = null;
  }

  /** The plan as set up, or why it is not complete yet. */
  plan(skipBadRows: boolean): ImportPlan | ColumnsProblem {
    if (this.fields.id === undefined) return 'id-missing';
    let asOf: ImportPlan['asOf'];
    if (this.asOfMode === 'column') {
      if (this.asOfColumn === null || !(this.inspection?.dateColumns ?? []).includes(this.asOfColumn)) return 'date-column-missing';
      asOf = { column: this.asOfColumn };
    } else {
      const day = dayFromIso(this.asOfDate);
      if (day === null) return 'date-invalid';
      asOf = { day };
    }
    return { mapping: { fields: { ...this.fields }, metrics: { ...this.metrics } }, asOf, skipBadRows };
  }

  // -------------------------------------------------------------------------------------------
  // Moving between steps

  /** Goes to the next step: from Columns, only with a complete plan, and the check starts at once. */
  async next(): Promise<void> {
    if (this.step === 'format') this.#go('columns');
    else if (this.step === 'columns') {
      const plan = this.plan(false);
      if (typeof plan === 'string') {
        this.columnsProblem = plan;
        return;
      }
      this.columnsProblem = null;
      this.#go('check');
      await this.#check(plan);
    }
  }

  /** One step back; back to the File step forgets the open file. */
  async back(): Promise<void> {
    if (this.busy === 'importing') return;
    switch (this.step) {
      case 'format':
        await this.startOver();
        break;
      case 'columns':
        this.#go('format');
        break;
      case 'check':
        this.#go('columns');
        break;
      case 'import':
        // Only after a failed import (a successful one has nothing to go back to).
        if (this.outcome === null) this.#go('check');
        break;
      case 'file':
        break;
    }
  }

  /** Forgets the file (in the worker too) and returns to the File step. */
  async startOver(): Promise<void> {
    this.#reset();
    await this.close();
  }

  /** Gives up this import without writing anything. */
  async cancel(): Promise<void> {
    await this.startOver();
    this.cancelled = true;
  }

  /** Tells the worker to forget the open file (leaving the screen, cancelling). Never fails. */
  async close(): Promise<void> {
    try {
      await this.#api.closeImport();
    } catch {
      // The worker may be gone already (the tab is closing); there is nothing left to forget.
    }
  }

  // -------------------------------------------------------------------------------------------
  // Step 4: the check

  /** Checks the plan again (after a failure to check). */
  async recheck(): Promise<void> {
    const plan = this.plan(this.skipBadRows);
    if (typeof plan !== 'string') await this.#check(plan);
  }

  /** The user's choice on `needs-choice`: check again leaving the bad rows out, and import if that passes. */
  async importWithoutBadRows(): Promise<void> {
    const plan = this.plan(true);
    if (typeof plan === 'string') return;
    const check = await this.#check(plan);
    if (check?.verdict === 'ok') await this.importNow();
  }

  /** The open file's problems as a CSV download (`request`: the dialect and translated titles, see `problemsCsvRequest`). */
  async downloadProblems(request: Parameters<EngineApi['problemsCsv']>[0]): Promise<void> {
    const inspection = this.inspection;
    if (inspection === null) return;
    const generation = this.#start('downloading');
    try {
      const text = await this.#api.problemsCsv(request);
      downloadCsv(`${fileStem(inspection.fileName)}-problems-${fileDate()}.csv`, text);
    } catch (error) {
      if (generation === this.#generation) this.failure = { kind: 'call', message: messageOf(error) };
    } finally {
      this.#done(generation);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Step 5: the import

  /** Stores the checked plan (all or nothing), following the worker's progress. */
  async importNow(): Promise<void> {
    const check = this.check;
    const plan = this.plan(this.skipBadRows);
    if (check === null || check.verdict !== 'ok' || typeof plan === 'string') return;
    this.#go('import');
    const generation = this.#start('importing');
    this.progress = { phase: 'reading', done: 0, total: check.rows, rowsPerSecond: 0 };
    try {
      const outcome = await this.#api.commitImport(plan, (progress) => {
        if (generation === this.#generation) this.progress = progress;
      });
      this.outcome = outcome;
      // The result shows now; the app's screens take the new portfolio meanwhile.
      this.progress = null;
      await this.#onImported(outcome.portfolio);
    } catch (error) {
      this.failure = isQuotaError(error) ? { kind: 'quota' } : { kind: 'commit', message: messageOf(error) };
    } finally {
      this.progress = null;
      this.#done(generation);
    }
  }

  // -------------------------------------------------------------------------------------------

  async #check(plan: ImportPlan): Promise<ImportCheck | null> {
    const generation = this.#start('checking');
    this.check = null;
    try {
      const check = await this.#api.checkImport(plan);
      if (generation !== this.#generation) return null;
      this.check = check;
      this.skipBadRows = plan.skipBadRows;
      return check;
    } catch (error) {
      if (generation === this.#generation) this.failure = { kind: 'call', message: messageOf(error) };
      return null;
    } finally {
      this.#done(generation);
    }
  }

  /** Takes what the worker read; the user's mapping stays while the header is the same. */
  #takeInspection(inspection: ImportInspection, fresh: boolean): void {
    const previous = this.inspection;
    this.inspection = inspection;
    if (fresh || previous === null || !sameHeader(previous.header, inspection.header)) {
      this.fields = { ...inspection.mapping.fields };
      this.metrics = { ...inspection.mapping.metrics };
    }
    if (this.asOfColumn !== null && !inspection.dateColumns.includes(this.asOfColumn)) this.asOfColumn = null;
    if (this.asOfMode === 'column' && this.asOfColumn === null) {
      this.asOfColumn = inspection.dateColumns[0] ?? null;
      if (this.asOfColumn === null) this.asOfMode = 'day';
    }
  }

  #go(step: WizardStep): void {
    this.#generation++;
    this.busy = null;
    this.failure = null;
    if (step !== 'check' && step !== 'import') {
      this.check = null;
      this.skipBadRows = false;
    }
    this.step = step;
  }

  #reset(): void {
    this.#go('file');
    this.inspection = null;
    this.unreadable = null;
    this.cancelled = false;
    this.overrides = {};
    this.fields = {};
    this.metrics = {};
    this.asOfMode = 'day';
    this.asOfDate = isoDay(this.#today);
    this.asOfColumn = null;
    this.columnsProblem = null;
    this.outcome = null;
    this.progress = null;
  }

  #start(busy: WizardBusy): number {
    this.busy = busy;
    this.failure = null;
    return this.#generation;
  }

  #done(generation: number): void {
    if (generation === this.#generation) this.busy = null;
  }
}
