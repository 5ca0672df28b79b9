/**
 * The calibration screen's state: the report of the model in use against the outcomes (the
 * answer to the latest load only), putting the suggested weights in use (a new revision), or
 * folding the suggestion away.
 */
import type { CalibrationReport, EngineApi, PortfolioSummary } from '../../worker/api';

export class CalibrationState {
  /** `undefined` until the first answer; `null`: no outcome of a customer in the data. */
  report = $state.raw<CalibrationReport | null | undefined>(undefined);
  loading = $state(false);
  error = $state<string | null>(null);
  applying = $state(false);
  applyError = $state<string | null>(null);
  /** The name of the model put in use with the suggested weights, to say so. */
  applied = $state<string | null>(null);
  /** The revision whose suggestion the user chose to keep the current weights over. */
  kept = $state<string | null>(null);

  readonly #api: EngineApi;
  readonly #onUsed: (portfolio: PortfolioSummary) => Promise<void>;
  #asked = 0;

  constructor(options: { api: EngineApi; onUsed: (portfolio: PortfolioSummary) => Promise<void> }) {
    this.#api = options.api;
    this.#onUsed = options.onUsed;
  }

  async load(): Promise<void> {
    const asked = ++this.#asked;
    this.loading = true;
    try {
      const report = await this.#api.calibration();
      if (asked !== this.#asked) return;
      this.report = report;
      this.error = null;
    } catch (e) {
      if (asked === this.#asked) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (asked === this.#asked) this.loading = false;
    }
  }

  /** Whether the suggestion of the report shown is folded away. */
  get suggestionKept(): boolean {
    return this.report != null && this.kept === this.report.revision;
  }

  keep(): void {
    if (this.report) this.kept = this.report.revision;
    this.applied = null;
  }

  /** Shows the folded suggestion again. */
  reopen(): void {
    this.kept = null;
  }

  /** Puts the suggested weights in use as a new revision, then the app rescored (which calibrates the new revision). */
  async apply(): Promise<void> {
    const suggestion = this.report?.suggestion;
    if (!suggestion || this.applying) return;
    this.applying = true;
    this.applyError = null;
    this.applied = null;
    try {
      const result = await this.#api.useModel({ model: suggestion.model });
      if (!result.ok) {
        this.applyError = result.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        return;
      }
      await this.#onUsed(result.portfolio);
      // Said once the report shown is the new revision's.
      await this.load();
      this.applied = result.portfolio.modelName;
    } catch (e) {
      this.applyError = e instanceof Error ? e.message : String(e);
    } finally {
      this.applying = false;
    }
  }
}
