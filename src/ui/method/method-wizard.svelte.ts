/**
 * The method wizard's state: the four steps (categorize, weigh, measure, execute), the model
 * being built (a draft, kept on the device at every change so the wizard resumes where the user
 * left it, even after closing the tab), and putting it in use (a new revision). The action text
 * per band is the app's (`AppState.bandActions`). Every call goes to the worker; nothing here scores or validates by itself.
 */
import type { HealthModel, ModelProblem } from '../../engine';
import type { EngineApi, PortfolioSummary, TrendPoint } from '../../worker/api';

export const METHOD_STEPS = ['categorize', 'weigh', 'measure', 'execute'] as const;
export type MethodStep = (typeof METHOD_STEPS)[number];

/** How long edits wait before the progress is written (a slider sends many). */
const SAVE_DELAY_MS = 400;

export class MethodWizard {
  /** `false` until the saved progress (if any) was read. */
  loaded = $state(false);
  stepIndex = $state(0);
  /** The model being built; `null` until the user chose where to start. */
  draft = $state.raw<HealthModel | null>(null);
  /** The draft's problems (by JSON path), as of its last change. */
  problems = $state.raw<readonly ModelProblem[]>([]);
  /** Set when the draft was put in use; cleared by any later change. */
  measured = $state.raw<PortfolioSummary | null>(null);
  /** The scores per snapshot under the model in use, for "as of" in the measure step. */
  trend = $state.raw<readonly TrendPoint[]>([]);
  busy = $state(false);
  error = $state<string | null>(null);
  /** When the progress was last written (ms since the epoch), to say "saved". */
  savedAt = $state<number | null>(null);
  /** A change waits to be written. */
  pending = $state(false);

  readonly #api: EngineApi;
  readonly #onMeasured: (portfolio: PortfolioSummary) => Promise<void>;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #checks = 0;

  constructor(options: { api: EngineApi; onMeasured: (portfolio: PortfolioSummary) => Promise<void> }) {
    this.#api = options.api;
    this.#onMeasured = options.onMeasured;
  }

  get step(): MethodStep {
    return METHOD_STEPS[this.stepIndex]!;
  }

  /** The draft has no error: it can be scored and put in use. */
  get valid(): boolean {
    return this.draft !== null && !this.problems.some((p) => p.severity === 'error');
  }

  /** Reads the saved progress. */
  async load(): Promise<void> {
    try {
      const progress = await this.#api.methodProgress();
      if (progress) {
        this.stepIndex = progress.step;
        this.draft = progress.draft;
        this.savedAt = progress.savedAt;
        await this.#check(progress.draft);
      }
    } catch (e) {
      this.error = message(e);
    } finally {
      this.loaded = true;
    }
  }

  /** Starts (over) from a template, a blank model, a file or the model in use, at the first step. */
  start(draft: HealthModel): void {
    this.stepIndex = 0;
    this.update(draft);
  }

  /** Starts from the model in use (to change it step by step). */
  async startFromCurrent(): Promise<void> {
    try {
      this.start(await this.#api.model());
    } catch (e) {
      this.error = message(e);
    }
  }

  /** A new version of the draft: checked, and saved shortly after. */
  update(draft: HealthModel): void {
    if (draft === this.draft) return;
    this.draft = draft;
    this.measured = null;
    void this.#check(draft);
    this.#saveSoon();
  }

  /** Opens step `index`; where the user is gets written at once. */
  go(index: number): void {
    if (index < 0 || index >= METHOD_STEPS.length || !this.draft) return;
    this.stepIndex = index;
    this.#cancelSave();
    void this.#save();
  }

  next(): void {
    this.go(this.stepIndex + 1);
  }

  back(): void {
    this.go(this.stepIndex - 1);
  }

  /** Puts the draft in use (a new model revision) and rescores the portfolio. */
  async measure(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    this.busy = true;
    this.error = null;
    try {
      const result = await this.#api.useModel({ model: draft });
      if (!result.ok) {
        this.problems = result.problems;
        return;
      }
      await this.#onMeasured(result.portfolio);
      this.measured = result.portfolio;
      this.trend = await this.#api.trend();
    } catch (e) {
      this.error = message(e);
    } finally {
      this.busy = false;
    }
  }

  /** The wizard is done: its progress is forgotten (the model in use and the actions stay). */
  async finish(): Promise<void> {
    this.#cancelSave();
    await this.#api.saveMethodProgress(null);
    this.draft = null;
    this.stepIndex = 0;
    this.savedAt = null;
  }

  /** Writes any pending progress now (leaving the screen). */
  async flush(): Promise<void> {
    if (this.#timer === null) return;
    this.#cancelSave();
    await this.#save();
  }

  async #check(draft: HealthModel): Promise<void> {
    const mine = ++this.#checks;
    try {
      const problems = await this.#api.checkModel(draft);
      if (mine === this.#checks) this.problems = problems;
    } catch (e) {
      if (mine === this.#checks) this.error = message(e);
    }
  }

  #saveSoon(): void {
    this.#cancelSave();
    this.pending = true;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#save();
    }, SAVE_DELAY_MS);
  }

  #cancelSave(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.pending = false;
  }

  async #save(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    const savedAt = Date.now();
    this.pending = true;
    try {
      await this.#api.saveMethodProgress({ step: this.stepIndex, draft: $state.snapshot(draft) as HealthModel, savedAt });
      this.savedAt = savedAt;
      if (this.#timer === null) this.pending = false;
    } catch (e) {
      this.error = message(e);
    }
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
