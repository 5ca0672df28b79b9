/**
 * The "import outcomes from a CSV" flow of the outcomes section, apart from its markup: the file
 * read by the worker, the mapping (id, status and date columns, or one day for every row), what
 * each value of the status column means, the check, and the recording. Every worker call that
 * fails leaves a message (`failure`), never a half-done state; an answer to an older request
 * (another file, another status column) is dropped.
 */
import type { EpochDay } from '../../engine';
import type {
  EngineApi,
  OutcomeCheck,
  OutcomeFileInspection,
  OutcomeImportResult,
  OutcomeMapping,
  OutcomePlan,
  OutcomeStatus,
  OutcomeValue,
  ProblemGroup,
} from '../../worker/api';
import { OUTCOME_VALUES_LISTED } from '../../worker/api';
import { isoDay, parseDay } from '../customer/entry-form';

/** What a value of the status column is taken to mean. */
export type ValueChoice = OutcomeStatus | 'out';

export type OutcomeStep = 'idle' | 'file' | 'map' | 'check' | 'done';

export type OutcomeBusy = 'reading' | 'values' | 'checking' | 'recording' | 'closing';

/** Problems of the mapping the page says before asking the worker. */
export type MappingProblem = 'id' | 'status' | 'day' | 'same';

/** The message of a rejected call. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class OutcomeImport {
  step = $state<OutcomeStep>('idle');
  busy = $state<OutcomeBusy | null>(null);
  /** A worker call that failed: what it said. */
  failure = $state<string | null>(null);
  /** The last file could not be read at all: its name and why. */
  unreadable = $state.raw<{ readonly fileName: string; readonly problems: readonly ProblemGroup[] } | null>(null);
  inspection = $state.raw<OutcomeFileInspection | null>(null);
  mapping = $state<{ id: number | null; status: number | null; date: number | null }>({ id: null, status: null, date: null });
  /** The date input's `YYYY-MM-DD`: the day of rows without a date. */
  day = $state('');
  /** The status column's distinct values, once asked for. */
  values = $state.raw<readonly OutcomeValue[] | null>(null);
  /** Per value (as written), what it means. */
  choices = $state<Record<string, ValueChoice>>({});
  /** What the values the worker did not list mean (only asked when the list was cut). */
  others = $state<ValueChoice>('out');
  check = $state.raw<OutcomeCheck | null>(null);
  result = $state.raw<OutcomeImportResult | null>(null);
  /** Problems found on "check", by field. */
  problems = $state<readonly MappingProblem[]>([]);

  readonly #api: EngineApi;
  readonly #today: () => EpochDay;
  readonly #recorded: (result: OutcomeImportResult) => void;
  /** Bumped by every new file, column or cancel: answers to older requests are dropped. */
  #generation = 0;
  #valuesGeneration = 0;
  /** A file was handed to the worker since the flow last closed. */
  #opened = false;

  constructor(options: { api: EngineApi; today: () => EpochDay; onrecorded?: (result: OutcomeImportResult) => void }) {
    this.#api = options.api;
    this.#today = options.today;
    this.#recorded = options.onrecorded ?? (() => undefined);
    this.day = isoDay(this.#today());
  }

  /** Opens the flow at "pick a file". */
  begin(): void {
    this.#generation++;
    this.#reset();
    this.result = null;
    this.step = 'file';
  }

  async openFile(file: File): Promise<void> {
    const generation = ++this.#generation;
    this.busy = 'reading';
    this.failure = null;
    this.unreadable = null;
    this.#opened = true;
    try {
      const data = await file.arrayBuffer();
      const inspection = await this.#api.openOutcomeFile({ name: file.name, data });
      if (generation !== this.#generation) return;
      if (inspection.format === null || inspection.problems.some((p) => p.severity === 'error')) {
        this.unreadable = { fileName: inspection.fileName || file.name, problems: inspection.problems };
        return;
      }
      this.inspection = inspection;
      this.mapping = { ...inspection.mapping };
      this.day = isoDay(this.#today());
      this.check = null;
      this.problems = [];
      this.values = null;
      this.choices = {};
      this.step = 'map';
      if (inspection.mapping.status !== null) await this.#loadValues(inspection.mapping.status);
    } catch (error) {
      if (generation === this.#generation) this.failure = messageOf(error);
    } finally {
      if (generation === this.#generation && this.busy === 'reading') this.busy = null;
    }
  }

  setColumn(field: keyof OutcomeMapping, column: number | null): void {
    this.mapping = { ...this.mapping, [field]: column };
    this.check = null;
    this.problems = this.problems.filter((p) => p !== field && p !== 'same' && !(field === 'date' && p === 'day'));
    if (field === 'status') {
      this.values = null;
      this.choices = {};
      if (column === null) this.#valuesGeneration++;
      else void this.#loadValues(column);
    }
  }

  setDay(day: string): void {
    this.day = day;
    this.check = null;
    this.problems = this.problems.filter((p) => p !== 'day');
  }

  /** The worker listed as many values as it lists: the column may hold more. */
  get valuesCut(): boolean {
    return (this.values?.length ?? 0) >= OUTCOME_VALUES_LISTED;
  }

  chooseOthers(choice: ValueChoice): void {
    this.others = choice;
    this.check = null;
  }

  choose(value: string, choice: ValueChoice): void {
    this.choices = { ...this.choices, [value]: choice };
    this.check = null;
  }

  async #loadValues(column: number): Promise<void> {
    const generation = this.#generation;
    const mine = ++this.#valuesGeneration;
    this.busy = 'values';
    this.failure = null;
    try {
      const values = await this.#api.outcomeValues(column);
      if (generation !== this.#generation || mine !== this.#valuesGeneration) return;
      this.values = values;
      this.choices = Object.fromEntries(values.map((v) => [v.value, v.reads ?? 'out']));
      // The rest read as the listed non-blank values all do (the dates of a cancellation column: churned), else left out.
      const reads = values.filter((v) => v.value !== '').map((v) => v.reads);
      const only = reads[0];
      this.others = only && reads.every((r) => r === only) ? only : 'out';
    } catch (error) {
      if (generation === this.#generation && mine === this.#valuesGeneration) this.failure = messageOf(error);
    } finally {
      if (generation === this.#generation && mine === this.#valuesGeneration && this.busy === 'values') this.busy = null;
    }
  }

  /** The plan as the page has it, or the problems to fix first. */
  plan(): { ok: true; plan: OutcomePlan } | { ok: false; problems: MappingProblem[] } {
    const problems: MappingProblem[] = [];
    const { id, status, date } = this.mapping;
    if (id === null) problems.push('id');
    if (status === null) problems.push('status');
    if (id !== null && (id === status || id === date)) problems.push('same');
    else if (status !== null && status === date) problems.push('same');
    const day = parseDay(this.day);
    if (day === undefined) problems.push('day');
    if (problems.length > 0) return { ok: false, problems };
    const pick = (choice: OutcomeStatus) => (this.values ?? []).filter((v) => this.choices[v.value] === choice).map((v) => v.value);
    const others = this.valuesCut && this.others !== 'out' ? { others: this.others } : {};
    return { ok: true, plan: { mapping: { id, status, date }, churned: pick('churned'), renewed: pick('renewed'), day: day!, ...others } };
  }

  /** Asks the worker what the plan would record ("check" step). */
  async runCheck(): Promise<void> {
    const planned = this.plan();
    if (!planned.ok) {
      this.problems = planned.problems;
      return;
    }
    this.problems = [];
    const generation = this.#generation;
    this.busy = 'checking';
    this.failure = null;
    try {
      const check = await this.#api.checkOutcomes(planned.plan);
      if (generation !== this.#generation) return;
      this.check = check;
      this.step = 'check';
    } catch (error) {
      if (generation === this.#generation) this.failure = messageOf(error);
    } finally {
      if (generation === this.#generation && this.busy === 'checking') this.busy = null;
    }
  }

  /** Back from the check to the mapping. */
  back(): void {
    this.check = null;
    this.failure = null;
    this.step = 'map';
  }

  async record(): Promise<void> {
    const planned = this.plan();
    if (!planned.ok || !this.check || this.check.verdict === 'blocked') return;
    const generation = this.#generation;
    this.busy = 'recording';
    this.failure = null;
    try {
      const result = await this.#api.commitOutcomes(planned.plan);
      if (generation !== this.#generation) return;
      this.#opened = false;
      this.#reset();
      this.result = result;
      this.step = 'done';
      this.#recorded(result);
    } catch (error) {
      if (generation === this.#generation) this.failure = messageOf(error);
    } finally {
      if (generation === this.#generation && this.busy === 'recording') this.busy = null;
    }
  }

  /** Leaves the flow at any step; the worker closes the file. */
  async cancel(): Promise<void> {
    // Any file handed to the worker (even one it could not read) is closed.
    const hadFile = this.#opened;
    this.#opened = false;
    this.#generation++;
    this.#reset();
    this.result = null;
    this.step = 'idle';
    if (!hadFile) return;
    try {
      await this.#api.closeOutcomeFile();
    } catch {
      // Nothing the user can do about it; the next file replaces it anyway.
    }
  }

  #reset(): void {
    this.busy = null;
    this.failure = null;
    this.unreadable = null;
    this.inspection = null;
    this.mapping = { id: null, status: null, date: null };
    this.day = isoDay(this.#today());
    this.values = null;
    this.choices = {};
    this.check = null;
    this.problems = [];
  }
}
