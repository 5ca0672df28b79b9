/**
 * Calibration: how well a model's score, and each indicator's points, tell the customers who
 * churned from those who stayed; a validity checklist; and weights fitted to the outcomes.
 * Pure: the worker gathers the sample (one row per customer with an outcome and a score) and
 * lends its own scoring (`scoreWith`), so that suggested weights are judged by the very scores the
 * app would give. Semantics: docs/scoring.md, C1–C12.
 */
import { apportion } from '../change';
import { seededRandom } from '../random';
import type { HealthModel } from '../model';
import type { BandInfo } from '../results';
import { fitLogistic, proportion, rocAuc, rocCurve, stratifiedFolds, type AucResult, type LogisticFit, type Proportion } from './stats';
import type {
  AucInfo,
  BacktestBand,
  BacktestCustomer,
  BacktestReport,
  BandCalibration,
  CalibrationReport,
  ChecklistItem,
  ChurnRate,
  CrossValidatedAuc,
  Direction,
  IndicatorCalibration,
  OutcomeStatus,
  PointsBandRate,
  WeightSuggestion,
  WeightSuggestionRow,
} from './types';

/** Fewer churned (or retained) customers than this: every figure is flagged as uncertain (C9). */
export const SMALL_SAMPLE = 30;
/** Fewer churned (or retained) customers than this: no AUC is shown for an indicator, and no weights are fitted. */
export const MIN_FOR_AUC = 5;
export const MIN_FOR_FIT = 10;
/** Cross-validation folds and the L2 penalty of the fit (on points scaled to 0–1). */
export const CV_FOLDS = 5;
export const LAMBDA = 1;
const CV_SEED = 20_261_203;
/**
 * A fit uses at most this many customers (a seeded random subset of its rows): ~20 coefficients
 * are estimated as well from 20,000 customers as from 100,000, at a fifth of the time. Every
 * customer is still scored and counted.
 */
export const MAX_FIT_ROWS = 20_000;
/** The checklist's thresholds. */
export const LOWEST_BAND_RATIO = 3;
export const BELOW_TOP_SHARE = 2 / 3;
export const TOP_BAND_MAX_SHARE = 0.8;
/** Points bands an indicator's churn is shown by. */
const POINTS_BANDS: readonly (readonly [number, number])[] = [[0, 24], [25, 49], [50, 74], [75, 100]];

export interface CalibrationInput {
  /** The model in use (validated); its metrics in model order are the columns of `points`. */
  readonly model: HealthModel;
  readonly revision: string;
  /** The bands of the scores, lowest first, `insufficient` last. */
  readonly bands: readonly BandInfo[];
  /** The sample, one row per customer with an outcome and a score: 1 churned, 0 stayed. */
  readonly churned: Uint8Array;
  /** The integer score each had (C2). */
  readonly score: Float64Array;
  /** Its computed band (an override is not used), an index into `bands`. */
  readonly band: Uint8Array;
  /** 1 where a band set by hand was in force for the customer. */
  readonly overridden: Uint8Array;
  /** Row-major n × metrics: each metric's points, `NaN` where missing or stale. */
  readonly points: Float64Array;
  /** Per metric, what a missing value counts as (`NaN`: left out), as the score fills it. */
  readonly fill: Float64Array;
  /** Per row: for churned customers, their band 60–90 days before they left (−1: no snapshot then). */
  readonly bandBefore: Int16Array;
  /** The sample's scores under another set of weights for the same model, by the app's own scoring. */
  readonly scoreWith: (candidate: HealthModel) => Float64Array;
  /** Outcomes left out: id not in the data; no score at or before the outcome. */
  readonly unmatched: number;
  readonly unscored: number;
  /** Customers per band (same order as `bands`) in the whole portfolio as of the latest data. */
  readonly portfolioBands: readonly number[];
}

function aucInfo(result: AucResult): AucInfo | null {
  if (!Number.isFinite(result.auc) || result.positives < MIN_FOR_AUC || result.negatives < MIN_FOR_AUC) return null;
  return { auc: result.auc, low: result.low, high: result.high, se: result.se };
}

function rate(p: Proportion): ChurnRate {
  return { customers: p.trials, churned: p.count, rate: p.rate, low: p.low, high: p.high };
}

/** Higher score = healthier, so churn is told by low scores: the AUC of the negated score (C3). */
function negated(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = -values[i]!;
  return out;
}

function metricsOf(model: HealthModel) {
  return model.categories.flatMap((c) => c.metrics.map((m) => ({ metric: m, category: c })));
}

/** Each metric's share of the whole score with full data: category share × share within the category (C7). */
export function metricShares(model: HealthModel): number[] {
  const total = model.categories.reduce((a, c) => a + c.weight, 0);
  return model.categories.flatMap((c) => {
    const inside = c.metrics.reduce((a, m) => a + m.weight, 0);
    return c.metrics.map((m) => (total > 0 && inside > 0 ? (c.weight / total) * (m.weight / inside) : 0));
  });
}

function indicatorReport(input: CalibrationInput, shares: readonly number[]): IndicatorCalibration[] {
  const n = input.churned.length;
  const metrics = metricsOf(input.model);
  const p = metrics.length;
  const column = new Float64Array(n);
  return metrics.map(({ metric, category }, m) => {
    const counts = POINTS_BANDS.map(() => [0, 0]);
    let missing = 0;
    let missingChurned = 0;
    for (let i = 0; i < n; i++) {
      const points = input.points[i * p + m]!;
      column[i] = -points;
      if (Number.isNaN(points)) {
        missing++;
        missingChurned += input.churned[i]!;
        continue;
      }
      const k = POINTS_BANDS.findIndex(([, to]) => points < to + 1);
      const cell = counts[k === -1 ? POINTS_BANDS.length - 1 : k]!;
      cell[0]!++;
      cell[1]! += input.churned[i]!;
    }
    const auc = aucInfo(rocAuc(column, input.churned));
    const direction: Direction = !auc ? 'no-data' : auc.low > 0.5 ? 'agrees' : auc.high < 0.5 ? 'contradicts' : 'unclear';
    const byPoints: PointsBandRate[] = POINTS_BANDS.map(([from, to], k) => ({ from, to, ...rate(proportion(counts[k]![1]!, counts[k]![0]!)) }));
    return {
      metricId: metric.id,
      categoryId: category.id,
      label: metric.label ?? metric.id,
      source: metric.source ?? metric.id,
      customers: n - missing,
      missing,
      auc,
      byPoints,
      missingRate: missing > 0 ? rate(proportion(missingChurned, missing)) : null,
      direction,
      share: shares[m]!,
    };
  });
}

function bandReport(input: CalibrationInput): BandCalibration[] {
  const scored = input.bands.length - 1;
  const customers = new Array<number>(scored).fill(0);
  const churned = new Array<number>(scored).fill(0);
  for (let i = 0; i < input.band.length; i++) {
    const b = input.band[i]!;
    if (b >= scored) continue;
    customers[b]!++;
    churned[b]! += input.churned[i]!;
  }
  return input.bands.slice(0, scored).map((band, b) => ({ bandId: band.id, label: band.label, color: band.color, ...rate(proportion(churned[b]!, customers[b]!)) }));
}

/** Churn among the quarter with the highest and the quarter with the lowest scores (by rank; ties by sample order). */
function quartileReport(input: CalibrationInput): { top: ChurnRate; bottom: ChurnRate } | null {
  const n = input.score.length;
  const quarter = Math.floor(n / 4);
  if (quarter < 2) return null;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => input.score[a]! - input.score[b]! || a - b);
  const churnIn = (rows: number[]) => rows.reduce((a, i) => a + input.churned[i]!, 0);
  return {
    bottom: rate(proportion(churnIn(order.slice(0, quarter)), quarter)),
    top: rate(proportion(churnIn(order.slice(n - quarter)), quarter)),
  };
}

function checklist(input: CalibrationInput, bands: readonly BandCalibration[], indicators: readonly IndicatorCalibration[], churned: number, retained: number): ChecklistItem[] {
  const base = churned / (churned + retained);
  const lowest = bands[0];
  const ratio = lowest && lowest.customers > 0 && base > 0 ? lowest.rate / base : null;
  const top = input.bands.length - 2;
  let before = 0;
  let belowTop = 0;
  for (let i = 0; i < input.churned.length; i++) {
    const b = input.bandBefore[i]!;
    if (input.churned[i] !== 1 || b < 0 || b > top) continue;
    before++;
    if (b < top) belowTop++;
  }
  const scoredNow = input.portfolioBands.slice(0, top + 1).reduce((a, c) => a + c, 0);
  const topShare = scoredNow > 0 ? input.portfolioBands[top]! / scoredNow : null;
  const judged = indicators.filter((i) => i.direction !== 'no-data');
  const contradicting = indicators.filter((i) => i.direction === 'contradicts');
  return [
    { id: 'sample', status: churned >= SMALL_SAMPLE && retained >= SMALL_SAMPLE ? 'pass' : 'fail', value: churned, target: SMALL_SAMPLE, basis: churned + retained },
    {
      id: 'lowest-band-3x',
      status: ratio === null ? 'unknown' : ratio >= LOWEST_BAND_RATIO ? 'pass' : 'fail',
      value: ratio,
      target: LOWEST_BAND_RATIO,
      basis: lowest?.customers ?? 0,
      names: lowest ? [lowest.label] : [],
    },
    {
      id: 'below-top-before',
      status: before === 0 ? 'unknown' : belowTop / before >= BELOW_TOP_SHARE - 1e-12 ? 'pass' : 'fail',
      value: before === 0 ? null : belowTop / before,
      target: BELOW_TOP_SHARE,
      basis: before,
      names: top >= 0 ? [input.bands[top]!.label] : [],
    },
    {
      id: 'top-band-share',
      status: topShare === null ? 'unknown' : topShare <= TOP_BAND_MAX_SHARE + 1e-12 ? 'pass' : 'fail',
      value: topShare,
      target: TOP_BAND_MAX_SHARE,
      basis: scoredNow,
      names: top >= 0 ? [input.bands[top]!.label] : [],
    },
    {
      id: 'directions',
      status: judged.length === 0 ? 'unknown' : contradicting.length === 0 ? 'pass' : 'fail',
      value: judged.length === 0 ? null : contradicting.length,
      target: 0,
      basis: judged.length,
      names: contradicting.map((i) => i.label),
    },
  ];
}

/**
 * The fit's features: each metric's points / 100, a missing value as the score fills it, or —
 * where the score leaves it out — the metric's mean over the customers with a value (C6).
 * Metrics no customer of the sample has a value for are not fitted (`usable` false).
 */
function features(input: CalibrationInput): { x: Float64Array; usable: boolean[] } {
  const n = input.churned.length;
  const p = input.fill.length;
  const x = new Float64Array(n * p);
  const usable: boolean[] = [];
  for (let m = 0; m < p; m++) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const v = input.points[i * p + m]!;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    usable.push(count >= MIN_FOR_FIT);
    const fill = Number.isNaN(input.fill[m]!) ? (count > 0 ? sum / count : 0) : input.fill[m]!;
    for (let i = 0; i < n; i++) {
      const v = input.points[i * p + m]!;
      x[i * p + m] = (Number.isNaN(v) ? fill : v) / 100;
    }
  }
  return { x, usable };
}

/** `rows` itself, or a seeded random `max` of them (in their order) when there are more. */
function subset(rows: Int32Array, max: number): Int32Array {
  if (rows.length <= max) return rows;
  const pick = Int32Array.from(rows);
  const rand = seededRandom(CV_SEED + rows.length);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rand() * (pick.length - i));
    const t = pick[i]!;
    pick[i] = pick[j]!;
    pick[j] = t;
  }
  return pick.subarray(0, max).sort();
}

/**
 * Fits the weights on `rows`: L2 logistic regression of churn on the usable metrics' points; a
 * metric whose coefficient says more points go with MORE churn is dropped (all such at once) and
 * the rest refitted, until every one left protects (C6). Returns per metric the weight it earns: −coefficient, 0 if dropped.
 */
function fitWeights(x: Float64Array, p: number, y: Uint8Array, usable: readonly boolean[], all: Int32Array | undefined): { weights: Float64Array; fit: LogisticFit | null } {
  const active = usable.map((u, m) => (u ? m : -1)).filter((m) => m >= 0);
  const rows = subset(all ?? Int32Array.from(y, (_, i) => i), MAX_FIT_ROWS);
  const count = rows.length;
  while (active.length > 0) {
    const q = active.length;
    const sub = new Float64Array(count * q);
    for (let r = 0; r < count; r++) {
      const i = rows[r]!;
      for (let k = 0; k < q; k++) sub[r * q + k] = x[i * p + active[k]!]!;
    }
    const labels = Uint8Array.from(rows, (i) => y[i]!);
    const fit = fitLogistic(sub, q, labels, { lambda: LAMBDA });
    // Every metric whose coefficient has the wrong sign leaves at once (one at a time costs a fit
    // per metric dropped, and the order seldom matters: those left are refitted and checked again).
    const wrong = new Set<number>();
    for (let k = 0; k < q; k++) if (fit.coefficients[k]! > 0) wrong.add(k);
    if (wrong.size === 0) {
      const weights = new Float64Array(p);
      active.forEach((m, k) => (weights[m] = -fit.coefficients[k]!));
      return { weights, fit };
    }
    for (let k = q - 1; k >= 0; k--) if (wrong.has(k)) active.splice(k, 1);
  }
  return { weights: new Float64Array(p), fit: null };
}

/**
 * The model with weights set from per-metric fitted weights (C7): each category's weight its
 * metrics' share of the total, each metric's its share within the category, both whole numbers
 * that add up to 100 (largest remainder). A category with no fitted weight gets 0 and keeps its
 * metrics' weights. Everything else is unchanged. `null` if no metric earned any weight.
 */
export function modelWithWeights(model: HealthModel, weights: ArrayLike<number>): HealthModel | null {
  let at = 0;
  const perCategory = model.categories.map((c) => {
    const own = c.metrics.map(() => Math.max(0, weights[at++]!));
    return { own, sum: own.reduce((a, b) => a + b, 0) };
  });
  const total = perCategory.reduce((a, c) => a + c.sum, 0);
  if (!(total > 0)) return null;
  const categoryWeights = apportion(perCategory.map((c) => (100 * c.sum) / total), 100);
  return {
    ...model,
    categories: model.categories.map((c, k) => {
      const { own, sum } = perCategory[k]!;
      if (!(sum > 0)) return { ...c, weight: 0 };
      const metricWeights = apportion(own.map((w) => (100 * w) / sum), 100);
      return { ...c, weight: categoryWeights[k]!, metrics: c.metrics.map((m, j) => ({ ...m, weight: metricWeights[j]! })) };
    }),
  };
}

function crossValidated(scores: Float64Array, churned: Uint8Array, folds: Int8Array, k: number): CrossValidatedAuc {
  const all = rocAuc(negated(scores), churned);
  const perFold: number[] = [];
  for (let f = 0; f < k; f++) {
    const rows: number[] = [];
    for (let i = 0; i < folds.length; i++) if (folds[i] === f) rows.push(i);
    perFold.push(rocAuc(negated(scores), churned, { rows }).auc);
  }
  return { auc: all.auc, low: all.low, high: all.high, se: all.se, folds: perFold };
}

function suggestionRows(model: HealthModel, suggested: HealthModel): { categories: WeightSuggestionRow[]; metrics: WeightSuggestionRow[] } {
  const nowShares = metricShares(model);
  const newShares = metricShares(suggested);
  const categoryShare = (m: HealthModel, k: number) => {
    const total = m.categories.reduce((a, c) => a + c.weight, 0);
    return total > 0 ? m.categories[k]!.weight / total : 0;
  };
  let at = 0;
  const metrics: WeightSuggestionRow[] = [];
  model.categories.forEach((c, k) =>
    c.metrics.forEach((m, j) => {
      metrics.push({
        id: m.id,
        label: m.label ?? m.id,
        categoryId: c.id,
        current: m.weight,
        suggested: suggested.categories[k]!.metrics[j]!.weight,
        currentShare: nowShares[at]!,
        suggestedShare: newShares[at]!,
      });
      at++;
    }),
  );
  return {
    categories: model.categories.map((c, k) => ({
      id: c.id,
      label: c.label ?? c.id,
      current: c.weight,
      suggested: suggested.categories[k]!.weight,
      currentShare: categoryShare(model, k),
      suggestedShare: categoryShare(suggested, k),
    })),
    metrics,
  };
}

function suggestion(input: CalibrationInput, churned: number, retained: number): { suggestion: WeightSuggestion | null; noSuggestion?: 'too-few' | 'no-signal' } {
  if (churned < MIN_FOR_FIT || retained < MIN_FOR_FIT) return { suggestion: null, noSuggestion: 'too-few' };
  const y = input.churned;
  const n = y.length;
  const p = input.fill.length;
  const { x, usable } = features(input);
  const whole = fitWeights(x, p, y, usable, undefined);
  const model = modelWithWeights(input.model, whole.weights);
  if (!model) return { suggestion: null, noSuggestion: 'no-signal' };
  const k = CV_FOLDS;
  const folds = stratifiedFolds(y, k, CV_SEED);
  const outOfFold = new Float64Array(n).fill(Number.NaN);
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    for (let i = 0; i < n; i++) if (folds[i] !== f) train.push(i);
    const fitted = fitWeights(x, p, y, usable, Int32Array.from(train));
    const candidate = modelWithWeights(input.model, fitted.weights);
    // A fold whose fit finds nothing: its customers score as the model in use scores them.
    const scores = candidate ? input.scoreWith(candidate) : input.score;
    for (let i = 0; i < n; i++) if (folds[i] === f) outOfFold[i] = scores[i]!;
  }
  let at = 0;
  const dropped: string[] = [];
  input.model.categories.forEach((c) =>
    c.metrics.forEach((m) => {
      if (!(whole.weights[at]! > 0)) dropped.push(m.label ?? m.id);
      at++;
    }),
  );
  const inUse = input.model.categories.every((c, i) => c.weight === model.categories[i]!.weight && c.metrics.every((m, j) => m.weight === model.categories[i]!.metrics[j]!.weight));
  const suggested = crossValidated(outOfFold, y, folds, k);
  return {
    suggestion: {
      ...suggestionRows(input.model, model),
      dropped,
      current: inUse ? suggested : crossValidated(input.score, y, folds, k),
      suggested,
      inUse,
      model,
      folds: k,
      lambda: LAMBDA,
    },
  };
}

/** The calibration report of a model against the outcomes in `input`'s sample. */
export function calibrate(input: CalibrationInput): CalibrationReport {
  const n = input.churned.length;
  let churned = 0;
  let overridden = 0;
  let overriddenChurned = 0;
  for (let i = 0; i < n; i++) {
    churned += input.churned[i]!;
    if (input.overridden[i]) {
      overridden++;
      overriddenChurned += input.churned[i]!;
    }
  }
  const retained = n - churned;
  const shares = metricShares(input.model);
  const indicators = indicatorReport(input, shares);
  const bands = bandReport(input);
  const negatedScore = negated(input.score);
  const fitted = suggestion(input, churned, retained);
  return {
    revision: input.revision,
    modelName: input.model.name,
    churned,
    retained,
    unmatched: input.unmatched,
    unscored: input.unscored,
    overridden: { customers: overridden, churned: overriddenChurned },
    baseRate: n > 0 ? churned / n : Number.NaN,
    small: churned < SMALL_SAMPLE || retained < SMALL_SAMPLE,
    score: {
      auc: aucInfo(rocAuc(negatedScore, input.churned)),
      roc: churned > 0 && retained > 0 ? rocCurve(negatedScore, input.churned) : { fpr: [], tpr: [] },
      bands,
      quartiles: quartileReport(input),
    },
    indicators,
    checklist: checklist(input, bands, indicators, churned, retained),
    suggestion: fitted.suggestion,
    ...(fitted.noSuggestion ? { noSuggestion: fitted.noSuggestion } : {}),
  };
}

export interface BacktestInput {
  readonly revision: string;
  readonly modelName: string;
  readonly day: number;
  readonly bands: readonly BandInfo[];
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly score: Float64Array;
  readonly band: Uint8Array;
  /** Per customer: 1 churned after `day`, 0 renewed after it, −1 no outcome after it. */
  readonly status: Int8Array;
  /** The outcome's day (`NaN` without one). */
  readonly outcomeDay: Float64Array;
}

/** How the customers of one snapshot, scored by one revision, ended after it (C11). */
export function backtestReport(input: BacktestInput, flaggedLimit = 200): BacktestReport {
  const counts = input.bands.map(() => ({ customers: 0, churned: 0, renewed: 0, unknown: 0 }));
  const labels = new Float64Array(input.ids.length);
  const flaggedRows: number[] = [];
  for (let i = 0; i < input.ids.length; i++) {
    const c = counts[input.band[i]!]!;
    c.customers++;
    const s = input.status[i]!;
    if (s === 1) c.churned++;
    else if (s === 0) c.renewed++;
    else c.unknown++;
    labels[i] = s === -1 ? Number.NaN : s;
    if (input.band[i] === 0 && input.bands.length > 1) flaggedRows.push(i);
  }
  flaggedRows.sort((a, b) => input.score[a]! - input.score[b]! || a - b);
  const status = (s: number): OutcomeStatus | null => (s === 1 ? 'churned' : s === 0 ? 'renewed' : null);
  const flagged: BacktestCustomer[] = flaggedRows.slice(0, flaggedLimit).map((i) => ({
    customerId: input.ids[i]!,
    name: input.names[i]!,
    score: Number.isNaN(input.score[i]!) ? null : input.score[i]!,
    bandId: input.bands[input.band[i]!]!.id,
    status: status(input.status[i]!),
    day: Number.isNaN(input.outcomeDay[i]!) ? null : input.outcomeDay[i]!,
  }));
  const bands: BacktestBand[] = input.bands.map((b, k) => ({ bandId: b.id, label: b.label, color: b.color, ...counts[k]! }));
  return {
    revision: input.revision,
    modelName: input.modelName,
    day: input.day,
    bands,
    flagged,
    flaggedTotal: flaggedRows.length,
    auc: aucInfo(rocAuc(negated(input.score), labels)),
  };
}
