/**
 * The weights screen's state: a draft of the model in use whose category and indicator weights
 * the user moves, each change rescored in the worker (`previewModel`) — at most one request in
 * flight, the latest draft sent as soon as the previous answer is back, so dragging a slider never
 * queues stale work. Saving makes the draft the model in use (a new revision).
 */
import type { HealthModel } from '../../engine';
import type { EngineApi, ModelPreview, PortfolioSummary } from '../../worker/api';

export interface WeightShare {
  readonly weight: number;
  /** Share of its level's total weight, 0–1 (0 when the level weighs nothing). */
  readonly share: number;
}

/** Each category's weight and share of the score, and each of its indicators' within it. */
export function weightShares(model: HealthModel): { category: WeightShare; metrics: WeightShare[] }[] {
  const total = model.categories.reduce((sum, c) => sum + c.weight, 0);
  return model.categories.map((c) => {
    const inside = c.metrics.reduce((sum, m) => sum + m.weight, 0);
    return {
      category: { weight: c.weight, share: total > 0 ? c.weight / total : 0 },
      metrics: c.metrics.map((m) => ({ weight: m.weight, share: inside > 0 ? m.weight / inside : 0 })),
    };
  });
}

/** `model` with one weight changed (`metric` absent: the category's own), as a new object. */
export function withWeight(model: HealthModel, category: number, metric: number | null, weight: number): HealthModel {
  return {
    ...model,
    categories: model.categories.map((c, ci) => {
      if (ci !== category) return c;
      if (metric === null) return { ...c, weight };
      return { ...c, metrics: c.metrics.map((m, mi) => (mi === metric ? { ...m, weight } : m)) };
    }),
  };
}

/** Runs `work` after the next frame is painted (soon after, where there are no frames). */
function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(work, 0));
  else setTimeout(work, 0);
}

export class WeightsEditor {
  original = $state.raw<HealthModel | null>(null);
  draft = $state.raw<HealthModel | null>(null);
  preview = $state.raw<ModelPreview | null>(null);
  /**
   * The preview whose customers who would move are listed: it follows `preview` once the page has
   * painted, so that a slider's move draws the new distribution first and the list a frame later.
   */
  listed = $state.raw<ModelPreview | null>(null);
  error = $state<string | null>(null);
  saving = $state(false);
  /** Set once the draft became the model in use. */
  saved = $state(false);

  readonly #api: EngineApi;
  readonly #onSaved: (portfolio: PortfolioSummary) => Promise<void>;
  #inFlight = false;
  #pending: HealthModel | null = null;

  constructor(options: { api: EngineApi; onSaved: (portfolio: PortfolioSummary) => Promise<void> }) {
    this.#api = options.api;
    this.#onSaved = options.onSaved;
  }

  /** Starts from the model in use. */
  async load(): Promise<void> {
    await this.begin(await this.#api.model());
  }

  /**
   * Starts from `model` (a draft of the caller's, e.g. a method wizard's) instead of the model in
   * use: it is what "Undo the changes" goes back to, and every preview compares with the model in use.
   */
  async begin(model: HealthModel): Promise<void> {
    this.original = model;
    this.#originalText = JSON.stringify(model);
    this.draft = model;
    this.saved = false;
    this.error = null;
    await this.#preview(model);
  }

  /** The starting model as JSON, written once per start rather than on every check of `changed`. */
  #originalText = '';

  get changed(): boolean {
    return this.draft !== null && this.original !== null && this.draft !== this.original && JSON.stringify(this.draft) !== this.#originalText;
  }

  /** Moves one weight (whole numbers, at least 0) and rescores. */
  setWeight(category: number, metric: number | null, weight: number): void {
    if (!this.draft || !Number.isFinite(weight)) return;
    this.draft = withWeight(this.draft, category, metric, Math.max(0, Math.round(weight)));
    this.saved = false;
    void this.#preview(this.draft);
  }

  reset(): void {
    if (!this.original) return;
    this.draft = this.original;
    void this.#preview(this.original);
  }

  async save(): Promise<void> {
    if (!this.draft) return;
    this.saving = true;
    this.error = null;
    try {
      const result = await this.#api.useModel({ model: this.draft });
      if (!result.ok) {
        this.error = result.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        return;
      }
      await this.#onSaved(result.portfolio);
      await this.load();
      this.saved = true;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.saving = false;
    }
  }

  async #preview(model: HealthModel): Promise<void> {
    if (this.#inFlight) {
      this.#pending = model;
      return;
    }
    this.#inFlight = true;
    try {
      this.preview = await this.#api.previewModel(model);
      this.error = null;
      afterPaint(() => (this.listed = this.preview));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.#inFlight = false;
    }
    const next = this.#pending;
    this.#pending = null;
    if (next) await this.#preview(next);
  }
}
