/**
 * Scoring a portfolio in one pass over columns, and explaining one customer's score.
 */
import { bandInfos, fixedBandTable, nearestRankQuartiles, quantileBand } from './bands';
import { MODEL_DEFAULTS, QUANTILE_BANDS, type BandCut, type HealthModel } from './model';
import { compilePlan, fillPoints, isStale, metricValueAt, type FlatWeights, type ScoringPlan } from './plan';
import type { Portfolio } from './portfolio';
import type {
  AdjustmentExplanation,
  CategoryExplanation,
  CustomerExplanation,
  MetricExplanation,
  MetricStatus,
  PortfolioScores,
  ScoreOptions,
} from './results';
import { round6, roundScore } from './rounding';
import { cellValue } from './values';

/**
 * Rows scored per block: small enough for the points of every metric to stay in cache.
 * This and the aggregation and band helpers below are exported for `reweigh.ts`, which must give
 * exactly what `scorePortfolio` gives (not from the engine's index).
 */
export const BLOCK = 4096;

/** One customer's aggregation, written in place so that the pass allocates nothing per customer. */
export interface RowTotals {
  /** Weighted mean of category scores (before adjustments); `NaN` without data. */
  weighted: number;
  coverage: number;
  /** Whether any metric had data: without one there is no score. */
  anyData: boolean;
  /** Sum of the weights of the categories that entered the score. */
  categoryWeight: number;
  /**
   * Per category and customer of the block, at `c × stride + j`: the category score (`NaN` if left
   * out) and the summed weight of its metrics that counted. Kept for the whole block so that the
   * portfolio pass copies each category's scores out in one go.
   */
  readonly categoryScore: Float64Array;
  readonly categoryCounted: Float64Array;
  readonly stride: number;
}

export function newRowTotals(categories: number, stride: number): RowTotals {
  return {
    weighted: Number.NaN,
    coverage: 0,
    anyData: false,
    categoryWeight: 0,
    categoryScore: new Float64Array(categories * stride),
    categoryCounted: new Float64Array(categories * stride),
    stride,
  };
}

/**
 * Aggregates one customer (mutates `t`): each category score is the weighted mean of its metrics'
 * points (a missing one filled in or left out by its policy), the weighted score is the weighted
 * mean of category scores, and coverage the share of weight that had data.
 * `points[m × stride + j]` holds metric m's points for this customer (`NaN`: missing or stale).
 */
export function aggregateRow(flat: FlatWeights, points: Float64Array, stride: number, j: number, slot: number, t: RowTotals): void {
  const { categoryWeight: catWeight, categoryStart, metricWeight, fill } = flat;
  const weightBase = slot * flat.metricCount;
  let weightedSum = 0;
  let categoryWeight = 0;
  let covered = 0;
  let participating = 0;
  let anyData = false;
  for (let c = 0; c < catWeight.length; c++) {
    const at = c * t.stride + j;
    t.categoryScore[at] = Number.NaN;
    t.categoryCounted[at] = 0;
    const W = catWeight[c]!;
    if (W === 0) continue;
    let all = 0;
    let available = 0;
    let counted = 0;
    let sum = 0;
    for (let m = categoryStart[c]!, last = categoryStart[c + 1]!; m < last; m++) {
      const w = metricWeight[weightBase + m]!;
      if (w === 0) continue;
      all += w;
      let p = points[m * stride + j]!;
      if (p !== p) {
        p = fill[m]!;
        if (p !== p) continue;
      } else {
        available += w;
        anyData = true;
      }
      counted += w;
      sum += w * p;
    }
    if (all === 0) continue;
    participating += W;
    covered += W * (available / all);
    if (counted === 0) continue;
    const score = sum / counted;
    t.categoryScore[at] = score;
    t.categoryCounted[at] = counted;
    weightedSum += W * score;
    categoryWeight += W;
  }
  t.anyData = anyData;
  t.categoryWeight = categoryWeight;
  t.coverage = anyData && participating > 0 ? covered / participating : 0;
  t.weighted = anyData && categoryWeight > 0 ? weightedSum / categoryWeight : Number.NaN;
}

interface Adjusted {
  points: number;
  cap: number;
  raw: number;
}

/** Adds applicable points, then the lowest applicable cap, then clamps to [0, 100]. */
function adjustRow(plan: ScoringPlan, row: number, weighted: number, out: Adjusted): void {
  let points = 0;
  let cap = Number.POSITIVE_INFINITY;
  for (const a of plan.adjustments) {
    if (!a.meets(row)) continue;
    if (a.adjustment.points !== undefined) points += a.adjustment.points;
    if (a.adjustment.cap !== undefined && a.adjustment.cap < cap) cap = a.adjustment.cap;
  }
  const capped = Math.min(weighted + points, cap);
  out.points = points;
  out.cap = cap;
  out.raw = capped < 0 ? 0 : capped > 100 ? 100 : capped;
}

function isSufficient(score: number, coverage: number, minCoverage: number): boolean {
  return !Number.isNaN(score) && round6(coverage) >= minCoverage;
}

/**
 * Scores every customer of a portfolio with a (validated) model at `options.asOf`.
 *
 * One pass over the columns in blocks; no per-customer objects. Pure: reads its inputs only.
 */
export function scorePortfolio(model: HealthModel, portfolio: Portfolio, options: ScoreOptions): PortfolioScores {
  const plan = compilePlan(model, portfolio, options.asOf);
  const n = portfolio.size;
  const score = new Float64Array(n);
  const raw = new Float64Array(n);
  const coverage = new Float64Array(n);
  const categoryScores = plan.categories.map(() => new Float64Array(n));
  const blockPoints = new Float64Array(plan.metrics.length * BLOCK);
  const totals = newRowTotals(plan.categories.length, BLOCK);
  const adjusted: Adjusted = { points: 0, cap: 0, raw: 0 };
  const slots = plan.segmentSlot;

  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (const metric of plan.metrics) fillPoints(plan, metric, blockPoints.subarray(metric.index * BLOCK, (metric.index + 1) * BLOCK), start, end);
    for (let row = start; row < end; row++) {
      aggregateRow(plan.flat, blockPoints, BLOCK, row - start, slots ? slots[row]! : 0, totals);
      coverage[row] = totals.coverage;
      if (!totals.anyData) {
        score[row] = Number.NaN;
        raw[row] = Number.NaN;
        // Without data there are no category scores either, whatever a fill policy put in.
        for (let c = 0; c < categoryScores.length; c++) totals.categoryScore[c * BLOCK + row - start] = Number.NaN;
        continue;
      }
      adjustRow(plan, row, totals.weighted, adjusted);
      raw[row] = adjusted.raw;
      score[row] = roundScore(adjusted.raw);
    }
    for (let c = 0; c < categoryScores.length; c++) categoryScores[c]!.set(totals.categoryScore.subarray(c * BLOCK, c * BLOCK + end - start), start);
  }

  const bands = model.bands ?? MODEL_DEFAULTS.bands;
  const ok = sufficiency(score, coverage, plan.minCoverage);
  const { band, quantiles } = bands.mode === 'fixed' ? { band: assignFixedBands(bands.cuts, score, ok), quantiles: undefined } : assignQuantileBands(score, ok);
  return {
    size: n,
    score,
    raw,
    coverage,
    band,
    bands: bandInfos(model),
    categoryIds: plan.categories.map((c) => c.id),
    categoryScores,
    ...(quantiles ? { quantiles } : {}),
  };
}

/** Whether each customer counts for bands: has a score and enough coverage. */
export function sufficiency(score: Float64Array, coverage: Float64Array, minCoverage: number): Uint8Array {
  const ok = new Uint8Array(score.length);
  for (let i = 0; i < score.length; i++) ok[i] = +isSufficient(score[i]!, coverage[i]!, minCoverage);
  return ok;
}

/** Fixed bands by lookup of the integer score; `insufficient` is the index after the cuts. */
export function assignFixedBands(cuts: readonly BandCut[], score: Float64Array, ok: Uint8Array): Uint8Array {
  const table = fixedBandTable(cuts);
  const insufficient = cuts.length;
  const band = new Uint8Array(score.length);
  for (let i = 0; i < score.length; i++) band[i] = ok[i] ? table[score[i]!]! : insufficient;
  return band;
}

/** Quantile bands from the nearest-rank p25 and p75 of the sufficient customers' scores. */
export function assignQuantileBands(score: Float64Array, ok: Uint8Array): { band: Uint8Array; quantiles: { p25: number; p75: number } } {
  const counts = new Uint32Array(101);
  for (let i = 0; i < score.length; i++) if (ok[i]) counts[score[i]!]!++;
  const quantiles = nearestRankQuartiles(counts);
  const band = new Uint8Array(score.length);
  for (let i = 0; i < score.length; i++) band[i] = ok[i] ? quantileBand(score[i]!, quantiles.p25, quantiles.p75) : QUANTILE_BANDS.length;
  return { band, quantiles };
}

/**
 * Explains one customer's score: every metric's value, status, points, effective weight and
 * contribution; every category; every adjustment and which cap applied.
 *
 * For quantile bands pass the portfolio's `quantiles` (from `scorePortfolio`); without them they
 * are computed by scoring the whole portfolio.
 */
export function explainCustomer(
  model: HealthModel,
  portfolio: Portfolio,
  row: number,
  options: ScoreOptions & { readonly quantiles?: { readonly p25: number; readonly p75: number } },
): CustomerExplanation {
  if (!Number.isInteger(row) || row < 0 || row >= portfolio.size) throw new RangeError(`row ${row} is outside the portfolio (0–${portfolio.size - 1})`);
  const plan = compilePlan(model, portfolio, options.asOf);
  // The same path as the portfolio pass, over one customer.
  const points = new Float64Array(plan.metrics.length);
  for (const metric of plan.metrics) fillPoints(plan, metric, points.subarray(metric.index, metric.index + 1), row, row + 1);
  const slot = plan.segmentSlot ? plan.segmentSlot[row]! : 0;
  const totals = newRowTotals(plan.categories.length, 1);
  aggregateRow(plan.flat, points, 1, 0, slot, totals);
  const { anyData, weighted, coverage, categoryWeight: totalCategoryWeight } = totals;
  const adjusted: Adjusted = { points: 0, cap: Number.POSITIVE_INFINITY, raw: Number.NaN };
  if (anyData) adjustRow(plan, row, weighted, adjusted);
  const score = anyData ? roundScore(adjusted.raw) : null;
  const bands = bandInfos(model);

  const categories: CategoryExplanation[] = plan.categories.map((category) => {
    const catScore = anyData ? totals.categoryScore[category.index]! : Number.NaN;
    const effectiveWeight = Number.isNaN(catScore) ? 0 : category.weight / totalCategoryWeight;
    return {
      categoryId: category.id,
      label: category.label,
      weight: category.weight,
      score: Number.isNaN(catScore) ? null : catScore,
      effectiveWeight,
      contribution: Number.isNaN(catScore) ? 0 : effectiveWeight * catScore,
    };
  });

  const metrics: MetricExplanation[] = plan.metrics.map((metric) => {
    const category = plan.categories[metric.categoryIndex]!;
    const weight = metric.weights[slot]!;
    const own = points[metric.index]!;
    const value = metricValueAt(metric, row, plan.asOf);
    const status: MetricStatus =
      weight === 0 ? 'unweighted' : !Number.isNaN(own) ? 'scored' : value !== null && isStale(metric, row, plan.asOf) ? 'stale' : 'missing';
    const counted = status === 'scored' ? own : status === 'unweighted' ? Number.NaN : metric.fill;
    const catScore = anyData ? totals.categoryScore[category.index]! : Number.NaN;
    const inScore = !Number.isNaN(counted) && !Number.isNaN(catScore);
    const effectiveWeight = inScore ? (category.weight / totalCategoryWeight) * (weight / totals.categoryCounted[category.index]!) : 0;
    const override = slot > 0 && (metric.weights[slot] !== metric.weights[0] || metric.rules[slot] !== metric.rules[0]);
    return {
      metricId: metric.metric.id,
      categoryId: category.id,
      label: metric.metric.label ?? metric.metric.id,
      source: metric.source,
      value: value ?? cellValue(metric.column, row),
      status,
      missingPolicy: metric.policy,
      points: Number.isNaN(counted) || !anyData ? null : counted,
      weight,
      effectiveWeight,
      contribution: inScore ? effectiveWeight * counted : 0,
      ...(override ? { segmentOverride: plan.segmentKeys[slot - 1]! } : {}),
    };
  });

  const applicable = anyData ? plan.adjustments.filter((a) => a.meets(row)) : [];
  const cap = applicable.some((a) => a.adjustment.cap !== undefined) ? adjusted.cap : null;
  const bindingCap = cap === null ? undefined : applicable.find((a) => a.adjustment.cap === cap);
  const adjustments: AdjustmentExplanation[] = plan.adjustments.map((a) => {
    const applied = applicable.includes(a);
    return {
      adjustmentId: a.adjustment.id,
      label: a.adjustment.label ?? a.adjustment.id,
      source: a.adjustment.source,
      op: a.adjustment.when.op,
      threshold: a.adjustment.when.value,
      value: cellValue(a.column, row),
      applied,
      ...(a.adjustment.points !== undefined ? { points: a.adjustment.points } : {}),
      ...(a.adjustment.cap !== undefined ? { cap: a.adjustment.cap } : {}),
      capBinding: applied && a === bindingCap,
    };
  });

  return {
    row,
    customerId: portfolio.ids[row] ?? String(row),
    score,
    band: bands[bandIndexOf(model, plan.minCoverage, score, coverage, options.quantiles ?? null, portfolio, options)]!,
    coverage,
    weightedScore: anyData ? weighted : null,
    adjustmentPoints: applicable.reduce((sum, a) => sum + (a.adjustment.points ?? 0), 0),
    cap,
    raw: anyData ? adjusted.raw : null,
    segment: slot > 0 ? plan.segmentKeys[slot - 1]! : null,
    categories,
    metrics,
    adjustments,
  };
}

function bandIndexOf(
  model: HealthModel,
  minCoverage: number,
  score: number | null,
  coverage: number,
  quantiles: { p25: number; p75: number } | null,
  portfolio: Portfolio,
  options: ScoreOptions,
): number {
  const bands = model.bands ?? MODEL_DEFAULTS.bands;
  const insufficient = bands.mode === 'fixed' ? bands.cuts.length : QUANTILE_BANDS.length;
  if (score === null || !isSufficient(score, coverage, minCoverage)) return insufficient;
  if (bands.mode === 'fixed') return fixedBandTable(bands.cuts)[score]!;
  const q = quantiles ?? scorePortfolio(model, portfolio, options).quantiles!;
  return quantileBand(score, q.p25, q.p75);
}
