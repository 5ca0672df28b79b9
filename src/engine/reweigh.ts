/**
 * Rescoring a portfolio when only weights changed (the weights screen, while a slider moves).
 *
 * A metric's points for a customer depend on its source, transform, rule (and segment rules),
 * `maxAgeDays`, missing policy and the as-of day — never on a weight. So are the adjustments'
 * points and caps. `preparePoints` computes all of those once; `reweighPortfolio` then only
 * aggregates them again with a model's weights, with the very same arithmetic as
 * `scorePortfolio` (the same `aggregateRow`, the same order of additions), so it gives exactly
 * the scores, coverage and bands `scorePortfolio` gives for that model.
 */
import { bandInfos } from './bands';
import { MODEL_DEFAULTS, type HealthModel } from './model';
import { compilePlan, fillPoints, type FlatWeights } from './plan';
import type { Portfolio } from './portfolio';
import type { PortfolioScores, ScoreOptions } from './results';
import { roundScore } from './rounding';
import { assignFixedBands, assignQuantileBands, BLOCK, sufficiency } from './score';

/**
 * What scoring a portfolio with a model computed that no weight changes: per metric the points of
 * every customer, per customer the adjustment points and cap, the segment slots. Read-only.
 */
export interface PreparedPoints {
  /** `pointsKey` of the model it was prepared with: a model with the same key can be reweighed. */
  readonly key: string;
  readonly portfolio: Portfolio;
  readonly asOf: number;
  /** Metrics in model order. */
  readonly metricCount: number;
  /** Points of metric m for customer `row` at `row × metricCount + m`; `NaN` where missing or stale (before the policy's fill). */
  readonly points: Float64Array;
  /** Points a missing value of metric m counts with (`NaN`: left out), by its missing policy. */
  readonly fill: Float64Array;
  /** Segment slot per customer (0: none), or `null` without segments. */
  readonly segmentSlot: Uint8Array | Uint16Array | null;
  readonly segmentKeys: readonly string[];
  /** Per customer: the sum of the points of the adjustments that apply, and the lowest cap (`Infinity`: none). */
  readonly adjustmentPoints: Float64Array;
  readonly adjustmentCap: Float64Array;
}

/**
 * A key of everything in a model that decides the points a `PreparedPoints` holds: the categories'
 * and metrics' ids and order, sources, transforms, rules, `maxAgeDays`, missing policies, the
 * segment field and rules, the adjustments. Weights, names, `minCoverage` and bands are not in it:
 * two models with the same key differ at most in those, and one can be reweighed from the other's points.
 */
export function pointsKey(model: HealthModel): string {
  const segments = model.segments
    ? {
        field: model.segments.field,
        overrides: Object.entries(model.segments.overrides).map(([key, byMetric]) => [key, Object.entries(byMetric).map(([id, o]) => [id, o.scoring ?? null])]),
      }
    : null;
  return JSON.stringify({
    missing: model.missing ?? MODEL_DEFAULTS.missing,
    categories: model.categories.map((c) => [c.id, c.metrics.map((m) => [m.id, m.source ?? null, m.transform ?? null, m.missing ?? null, m.maxAgeDays ?? null, m.scoring])]),
    segments,
    adjustments: model.adjustments ?? [],
  });
}

/**
 * Computes, for a (validated) model, everything about scoring `portfolio` at `options.asOf` that
 * does not depend on a weight. Costs about what one `scorePortfolio` costs; keep it while only
 * weights change.
 */
export function preparePoints(model: HealthModel, portfolio: Portfolio, options: ScoreOptions): PreparedPoints {
  const plan = compilePlan(model, portfolio, options.asOf);
  const n = portfolio.size;
  const metricCount = plan.metrics.length;
  // Row by row, so that re-aggregating reads each customer's points from one place.
  const points = new Float64Array(n * metricCount);
  const column = new Float64Array(BLOCK);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (const metric of plan.metrics) {
      fillPoints(plan, metric, column, start, end);
      for (let row = start, at = start * metricCount + metric.index; row < end; row++, at += metricCount) points[at] = column[row - start]!;
    }
  }
  const adjustmentPoints = new Float64Array(n);
  const adjustmentCap = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (const a of plan.adjustments) {
    const { points: add, cap } = a.adjustment;
    for (let row = 0; row < n; row++) {
      if (!a.meets(row)) continue;
      if (add !== undefined) adjustmentPoints[row] = adjustmentPoints[row]! + add;
      if (cap !== undefined && cap < adjustmentCap[row]!) adjustmentCap[row] = cap;
    }
  }
  return {
    key: pointsKey(model),
    portfolio,
    asOf: options.asOf,
    metricCount,
    points,
    fill: plan.flat.fill,
    segmentSlot: plan.segmentSlot,
    segmentKeys: plan.segmentKeys,
    adjustmentPoints,
    adjustmentCap,
  };
}

/** The model's weights laid out as `compilePlan` lays them out, for the prepared segment slots. */
function flatWeights(model: HealthModel, prepared: PreparedPoints): FlatWeights {
  const metrics = model.categories.flatMap((c) => c.metrics);
  const metricCount = metrics.length;
  const slots = prepared.segmentKeys.length + 1;
  const metricWeight = new Float64Array(slots * metricCount);
  metrics.forEach((metric, m) => {
    metricWeight[m] = metric.weight;
    prepared.segmentKeys.forEach((key, k) => {
      metricWeight[(k + 1) * metricCount + m] = model.segments?.overrides[key]?.[metric.id]?.weight ?? metric.weight;
    });
  });
  const categoryStart = new Int32Array(model.categories.length + 1);
  model.categories.forEach((c, k) => (categoryStart[k + 1] = categoryStart[k]! + c.metrics.length));
  return { metricCount, categoryWeight: Float64Array.from(model.categories, (c) => c.weight), categoryStart, metricWeight, fill: prepared.fill };
}

/** One customer's totals, written in place (no allocation per customer). */
interface Totals {
  weighted: number;
  coverage: number;
  anyData: boolean;
}

/**
 * What the last reweigh of one `PreparedPoints` computed per customer and category, so that the
 * next one (a slider moved: one category's weights changed) recomputes only the categories whose
 * weights changed and re-adds the others from here — in the same order, so every sum is still the
 * very float `scorePortfolio` computes. Mutable; create one with `newCategoryCache()` per prepared
 * points and pass it to every `reweighPortfolio` of them.
 */
export interface CategoryCache {
  prepared: PreparedPoints | null;
  /** The weights the cached values were computed with (as `FlatWeights` lays them out). */
  categoryWeight: Float64Array;
  metricWeight: Float64Array;
  /** At `row × categories + c`: the category's score (`NaN`: none), available / all weight (`NaN`: it takes no part), real data in it (1). */
  score: Float64Array;
  ratio: Float64Array;
  data: Uint8Array;
  /** The arrays the last reweigh returned as `score`, `raw` and `coverage`, written over by the next (no 100k allocations per slider step). */
  out: { score: Float64Array; raw: Float64Array; coverage: Float64Array };
}

export function newCategoryCache(): CategoryCache {
  return {
    prepared: null, categoryWeight: new Float64Array(0), metricWeight: new Float64Array(0), score: new Float64Array(0), ratio: new Float64Array(0), data: new Uint8Array(0),
    out: { score: new Float64Array(0), raw: new Float64Array(0), coverage: new Float64Array(0) },
  };
}

/** Which categories' weights differ from those `cache` holds values for (all, when it holds none for `prepared`). */
function staleCategories(cache: CategoryCache, prepared: PreparedPoints, flat: FlatWeights): Uint8Array {
  const categories = flat.categoryWeight.length;
  const stale = new Uint8Array(categories);
  const n = prepared.portfolio.size;
  if (cache.prepared !== prepared || cache.categoryWeight.length !== categories || cache.metricWeight.length !== flat.metricWeight.length) {
    cache.prepared = prepared;
    cache.score = new Float64Array(n * categories);
    cache.ratio = new Float64Array(n * categories);
    cache.data = new Uint8Array(n * categories);
    return stale.fill(1);
  }
  const slots = flat.metricWeight.length / flat.metricCount;
  for (let c = 0; c < categories; c++) {
    // A category's own weight does not change its score or coverage ratio, only whether it is computed at all (0).
    if ((cache.categoryWeight[c] === 0) !== (flat.categoryWeight[c] === 0)) {
      stale[c] = 1;
      continue;
    }
    for (let slot = 0; slot < slots && !stale[c]; slot++) {
      for (let m = flat.categoryStart[c]!, last = flat.categoryStart[c + 1]!; m < last; m++) {
        const at = slot * flat.metricCount + m;
        if (cache.metricWeight[at] !== flat.metricWeight[at]) {
          stale[c] = 1;
          break;
        }
      }
    }
  }
  return stale;
}

/**
 * `aggregateRow` of `score.ts` for the customer in `row`, reading the row-major prepared points:
 * the categories marked `stale` are computed from the points (and kept in `cache`), the others
 * read from it; then all are added up with the same additions in the same order as `aggregateRow`
 * (metrics in model order within a category, categories in model order), so every sum is the very
 * float `scorePortfolio` computes. Writes the row's category scores into `categoryScore` (index:
 * category) and its totals into `t`.
 */
function aggregateCustomer(flat: FlatWeights, points: Float64Array, row: number, slot: number, categoryScore: Float64Array, t: Totals, cache: CategoryCache, stale: Uint8Array): void {
  const { categoryWeight: catWeight, categoryStart, metricWeight, fill, metricCount } = flat;
  const categories = catWeight.length;
  const base = row * metricCount;
  const weightBase = slot * metricCount;
  const { score: cachedScore, ratio: cachedRatio, data: cachedData } = cache;
  let weightedSum = 0;
  let categoryWeight = 0;
  let covered = 0;
  let participating = 0;
  let anyData = false;
  for (let c = 0; c < categories; c++) {
    const at = row * categories + c;
    const W = catWeight[c]!;
    if (stale[c]) {
      let ratio = Number.NaN;
      let score = Number.NaN;
      let data = 0;
      if (W !== 0) {
        let all = 0;
        let available = 0;
        let counted = 0;
        let sum = 0;
        for (let m = categoryStart[c]!, last = categoryStart[c + 1]!; m < last; m++) {
          const w = metricWeight[weightBase + m]!;
          if (w === 0) continue;
          all += w;
          let p = points[base + m]!;
          if (p !== p) {
            p = fill[m]!;
            if (p !== p) continue;
          } else {
            available += w;
            data = 1;
          }
          counted += w;
          sum += w * p;
        }
        if (all !== 0) {
          ratio = available / all;
          if (counted !== 0) score = sum / counted;
        }
      }
      cachedRatio[at] = ratio;
      cachedScore[at] = score;
      cachedData[at] = data;
    }
    categoryScore[c] = Number.NaN;
    const ratio = cachedRatio[at]!;
    if (ratio !== ratio) continue;
    if (cachedData[at]) anyData = true;
    participating += W;
    covered += W * ratio;
    const score = cachedScore[at]!;
    if (score !== score) continue;
    categoryScore[c] = score;
    weightedSum += W * score;
    categoryWeight += W;
  }
  t.anyData = anyData;
  t.coverage = anyData && participating > 0 ? covered / participating : 0;
  t.weighted = anyData && categoryWeight > 0 ? weightedSum / categoryWeight : Number.NaN;
}

export interface ReweighOptions {
  /** `false`: leave `categoryScores` empty (length 0), for callers that only need scores and bands. Default `true`. */
  readonly categories?: boolean;
  /**
   * Kept between reweighs of the same prepared points: only the categories whose weights changed
   * are recomputed. With it, the `score`, `raw` and `coverage` arrays returned are the cache's:
   * read them before the next reweigh with the same cache (copy what must be kept).
   */
  readonly cache?: CategoryCache;
}

/**
 * Scores the prepared portfolio with `model`'s weights, `minCoverage` and bands: exactly what
 * `scorePortfolio(model, prepared.portfolio, {asOf: prepared.asOf})` gives. `model` (validated)
 * must have the key the points were prepared with (`pointsKey`); a `RangeError` says when not.
 * Pure: reads its inputs only.
 */
export function reweighPortfolio(prepared: PreparedPoints, model: HealthModel, options: ReweighOptions = {}): PortfolioScores {
  if (pointsKey(model) !== prepared.key) throw new RangeError('reweighPortfolio(): the model differs from the prepared one in more than weights, labels, minCoverage or bands');
  const flat = flatWeights(model, prepared);
  const n = prepared.portfolio.size;
  const out = options.cache?.out;
  if (out && out.score.length !== n) {
    out.score = new Float64Array(n);
    out.raw = new Float64Array(n);
    out.coverage = new Float64Array(n);
  }
  // Every row of all three is written below.
  const score = out ? out.score : new Float64Array(n);
  const raw = out ? out.raw : new Float64Array(n);
  const coverage = out ? out.coverage : new Float64Array(n);
  const withCategories = options.categories ?? true;
  const categoryScores = model.categories.map(() => new Float64Array(withCategories ? n : 0));
  const categoryScore = new Float64Array(model.categories.length);
  const totals: Totals = { weighted: Number.NaN, coverage: 0, anyData: false };
  const slots = prepared.segmentSlot;
  const { adjustmentPoints, adjustmentCap, points } = prepared;

  // Without a cache of the caller's, a fresh one: every category is computed, the same way.
  const cache = options.cache ?? newCategoryCache();
  const stale = staleCategories(cache, prepared, flat);
  for (let row = 0; row < n; row++) {
    aggregateCustomer(flat, points, row, slots ? slots[row]! : 0, categoryScore, totals, cache, stale);
    if (withCategories) for (let c = 0; c < categoryScore.length; c++) categoryScores[c]![row] = totals.anyData ? categoryScore[c]! : Number.NaN;
    coverage[row] = totals.coverage;
    if (!totals.anyData) {
      score[row] = Number.NaN;
      raw[row] = Number.NaN;
      continue;
    }
    // The arithmetic of `adjustRow`: all points first, then the lowest cap, then the clamp.
    const capped = Math.min(totals.weighted + adjustmentPoints[row]!, adjustmentCap[row]!);
    const clamped = capped < 0 ? 0 : capped > 100 ? 100 : capped;
    raw[row] = clamped;
    score[row] = roundScore(clamped);
  }

  cache.categoryWeight = flat.categoryWeight.slice();
  cache.metricWeight = flat.metricWeight.slice();

  const bands = model.bands ?? MODEL_DEFAULTS.bands;
  const ok = sufficiency(score, coverage, model.minCoverage ?? MODEL_DEFAULTS.minCoverage);
  const { band, quantiles } = bands.mode === 'fixed' ? { band: assignFixedBands(bands.cuts, score, ok), quantiles: undefined } : assignQuantileBands(score, ok);
  return {
    size: n,
    score,
    raw,
    coverage,
    band,
    bands: bandInfos(model),
    categoryIds: model.categories.map((c) => c.id),
    categoryScores,
    ...(quantiles ? { quantiles } : {}),
  };
}
