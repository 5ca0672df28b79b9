/**
 * The calibration statistics (issue #7) against values computed independently, in Python, by
 * other methods: brute-force pair counting for the AUC, the placement-value matrix for DeLong's
 * variance, the closed Wilson formula, and scipy's BFGS on the penalised logistic objective
 * (tests/fixtures/calibration/reference.py writes reference.json). Plus properties that must hold
 * whatever the data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitLogistic, linearPredictor, proportion, rocAuc, rocCurve, seededRandom, stratifiedFolds } from '../../../src/engine';

interface Dataset {
  readonly scores?: readonly (number | null)[];
  readonly labels: readonly (number | null)[];
  readonly p?: number;
  readonly x?: readonly (readonly number[])[];
}
interface Reference {
  readonly datasets: Record<string, Dataset>;
  readonly auc: readonly {
    readonly dataset: string;
    readonly level: number;
    readonly auc: number;
    readonly se: number;
    readonly low: number;
    readonly high: number;
    readonly positives: number;
    readonly negatives: number;
  }[];
  readonly wilson: readonly { readonly count: number; readonly trials: number; readonly level: number; readonly rate: number; readonly low: number; readonly high: number }[];
  readonly logistic: readonly {
    readonly dataset: string;
    readonly lambda: number;
    readonly rows: readonly number[] | null;
    readonly intercept: number;
    readonly coefficients: readonly number[];
  }[];
}

const reference = JSON.parse(readFileSync(new URL('../../fixtures/calibration/reference.json', import.meta.url), 'utf8')) as Reference;

/** null in the JSON is a NaN score or an unknown label. */
const numbers = (values: readonly (number | null)[]) => Float64Array.from(values, (v) => v ?? NaN);
const dataset = (name: string) => reference.datasets[name]!;
const matrix = (d: Dataset) => Float64Array.from(d.x!.flat());

/** |a − b| ≤ tolerance, with a readable failure. */
function near(actual: number, expected: number, tolerance: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** The penalised objective, to check that a fit is a minimum (not just close to Python's). */
function objective(x: Float64Array, p: number, y: ArrayLike<number>, lambda: number, b0: number, beta: ArrayLike<number>): number {
  let total = 0;
  for (let r = 0; r < y.length; r++) {
    let eta = b0;
    for (let j = 0; j < p; j++) eta += x[r * p + j]! * beta[j]!;
    total += Math.log1p(Math.exp(-Math.abs(eta))) + Math.max(eta, 0) - y[r]! * eta;
  }
  for (let j = 0; j < p; j++) total += 0.5 * lambda * beta[j]! * beta[j]!;
  return total;
}

describe('rocAuc against brute-force pair counting and the DeLong placement matrix', () => {
  it.each(reference.auc.map((c) => [`${c.dataset} @ ${c.level}`, c] as const))('%s', (_name, c) => {
    const d = dataset(c.dataset);
    const got = rocAuc(numbers(d.scores!), numbers(d.labels), { level: c.level });
    expect(got.positives).toBe(c.positives);
    expect(got.negatives).toBe(c.negatives);
    near(got.auc, c.auc, 1e-12, 'auc');
    near(got.se, c.se, 1e-9, 'se');
    near(got.low, c.low, 1e-9, 'low');
    near(got.high, c.high, 1e-9, 'high');
  });

  it('gives the Hanley & McNeil (1982) radiologist data its published area, 0.893', () => {
    const d = dataset('hanley-mcneil-1982');
    const got = rocAuc(numbers(d.scores!), numbers(d.labels));
    expect(got).toMatchObject({ positives: 51, negatives: 58 });
    expect(got.auc.toFixed(3)).toBe('0.893');
    // Their own SE (0.032) comes from an exponential approximation; DeLong's is 0.0307.
    expect(got.se).toBeCloseTo(0.0307, 4);
  });

  it('defaults to a 95% interval, clamped to [0, 1]', () => {
    const d = dataset('ties-small');
    const got = rocAuc(numbers(d.scores!), numbers(d.labels));
    const want = reference.auc.find((c) => c.dataset === 'ties-small' && c.level === 0.95)!;
    near(got.low, want.low, 1e-9, 'low');
    expect(got.high).toBe(1); // 0.78 + 1.96 × 0.154 > 1
  });

  it('is 1 − AUC for reversed scores, with the same standard error', () => {
    for (const name of ['ties-integers', 'medium', 'with-missing']) {
      const d = dataset(name);
      const scores = numbers(d.scores!);
      const forward = rocAuc(scores, numbers(d.labels));
      const reversed = rocAuc(scores.map((s) => -s), numbers(d.labels));
      near(reversed.auc, 1 - forward.auc, 1e-12, `${name} auc`);
      near(reversed.se, forward.se, 1e-12, `${name} se`);
    }
  });

  it('restricted by `rows` equals the AUC of the filtered arrays (duplicates counted twice)', () => {
    const d = dataset('medium');
    const scores = numbers(d.scores!);
    const labels = numbers(d.labels);
    const rows = [...Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 3 !== 1), 7, 7];
    const restricted = rocAuc(scores, labels, { rows });
    const filtered = rocAuc(
      rows.map((r) => scores[r]!),
      rows.map((r) => labels[r]!),
    );
    expect(restricted).toEqual(filtered);
    expect(restricted.positives + restricted.negatives).toBe(rows.length);
  });

  it('is 1 for perfect separation, 0 for perfect inversion, ½ when every score ties', () => {
    expect(rocAuc([1, 2, 3, 4], [0, 0, 1, 1]).auc).toBe(1);
    expect(rocAuc([1, 2, 3, 4], [1, 1, 0, 0]).auc).toBe(0);
    const ties = rocAuc([5, 5, 5, 5, 5], [0, 1, 0, 1, 1]);
    expect(ties.auc).toBe(0.5);
    expect(ties.se).toBe(0);
  });

  it('handles infinite scores, and -0 tied with 0', () => {
    expect(rocAuc([-Infinity, 0, Infinity, 1], [0, 0, 1, 1]).auc).toBe(1);
    expect(rocAuc([-0, 0], [1, 0]).auc).toBe(0.5);
  });

  it('is NaN without a positive or a negative, and has no SE with only one of either', () => {
    for (const [scores, labels] of [
      [[], []],
      [[1, 2], [0, 0]],
      [[1, 2], [1, 1]],
      [[NaN, 2, 3], [1, 0, 0]],
      [[1, 2], [2, NaN]],
    ] as const) {
      const got = rocAuc(scores, labels);
      expect(got.auc).toBeNaN();
      expect(got.se).toBeNaN();
      expect(got.low).toBeNaN();
      expect(got.high).toBeNaN();
    }
    const single = rocAuc([1, 2, 3], [0, 1, 0]);
    expect(single.auc).toBe(0.5);
    expect(single.se).toBeNaN();
    expect(rocAuc([1, 2, 3], [0, 0, 1], { rows: [] }).auc).toBeNaN();
  });

  it('rejects a level outside (0, 1) and arrays of different lengths', () => {
    expect(() => rocAuc([1, 2], [0, 1], { level: 1 })).toThrow(RangeError);
    expect(() => rocAuc([1, 2], [0, 1], { level: 0 })).toThrow(RangeError);
    expect(() => rocAuc([1, 2, 3], [0, 1])).toThrow(RangeError);
  });

  it('runs on 100k rows in well under a second', () => {
    const random = seededRandom(7);
    const n = 100_000;
    const labels = new Float64Array(n);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = random() < 0.2 ? 1 : 0;
      scores[i] = Math.round(100 * random() + 20 * labels[i]!);
    }
    const start = performance.now();
    const got = rocAuc(scores, labels);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(got.auc).toBeGreaterThan(0.6);
    expect(got.se).toBeGreaterThan(0);
  });
});

describe('rocCurve', () => {
  /** Trapezoidal area under a curve. */
  const area = ({ fpr, tpr }: { fpr: readonly number[]; tpr: readonly number[] }) => {
    let total = 0;
    for (let i = 1; i < fpr.length; i++) total += ((fpr[i]! - fpr[i - 1]!) * (tpr[i]! + tpr[i - 1]!)) / 2;
    return total;
  };

  it.each(['ties-small', 'ties-integers', 'with-missing', 'hanley-mcneil-1982', 'medium'])(
    '%s: from (0,0) to (1,1), monotone, one point per distinct score, its area the AUC',
    (name) => {
      const d = dataset(name);
      const scores = numbers(d.scores!);
      const labels = numbers(d.labels);
      const curve = rocCurve(scores, labels, 10_000);
      const distinct = new Set(Array.from(scores).filter((s, i) => !Number.isNaN(s) && (labels[i] === 0 || labels[i] === 1))).size;
      expect(curve.fpr).toHaveLength(distinct + 1);
      expect([curve.fpr[0], curve.tpr[0]]).toEqual([0, 0]);
      expect([curve.fpr.at(-1), curve.tpr.at(-1)]).toEqual([1, 1]);
      for (let i = 1; i < curve.fpr.length; i++) {
        expect(curve.fpr[i]).toBeGreaterThanOrEqual(curve.fpr[i - 1]!);
        expect(curve.tpr[i]).toBeGreaterThanOrEqual(curve.tpr[i - 1]!);
      }
      near(area(curve), reference.auc.find((c) => c.dataset === name)!.auc, 1e-12, 'area');
    },
  );

  it('gives the threshold points of a small example exactly', () => {
    // Thresholds ≥ 0.9, ≥ 0.8, ≥ 0.4, ≥ 0.1 over positives {0.9, 0.4} and negatives {0.8, 0.4, 0.1}.
    expect(rocCurve([0.9, 0.8, 0.4, 0.4, 0.1], [1, 0, 1, 0, 0])).toEqual({ fpr: [0, 0, 1 / 3, 2 / 3, 1], tpr: [0, 0.5, 0.5, 1, 1] });
  });

  it('thins to at most maxPoints (101 by default), keeping the ends and monotone', () => {
    const d = dataset('medium');
    const scores = numbers(d.x!.map((row) => row[2]!)); // continuous: ~500 distinct
    const labels = numbers(d.labels);
    const full = rocCurve(scores, labels, Infinity);
    const thin = rocCurve(scores, labels);
    expect(full.fpr.length).toBe(501);
    expect(thin.fpr).toHaveLength(101);
    expect([thin.fpr[0], thin.tpr[0], thin.fpr.at(-1), thin.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    for (let i = 1; i < thin.fpr.length; i++) {
      expect(thin.fpr[i]).toBeGreaterThanOrEqual(thin.fpr[i - 1]!);
      expect(thin.tpr[i]).toBeGreaterThanOrEqual(thin.tpr[i - 1]!);
    }
    expect(rocCurve(scores, labels, 2).fpr).toEqual([0, 1]);
    expect(Math.abs(area(thin) - area(full))).toBeLessThan(0.01);
  });

  it('is empty without a positive or a negative', () => {
    expect(rocCurve([1, 2], [0, 0])).toEqual({ fpr: [], tpr: [] });
    expect(rocCurve([], [])).toEqual({ fpr: [], tpr: [] });
  });
});

describe('proportion (Wilson score interval) against the closed formula', () => {
  it.each(reference.wilson.map((c) => [`${c.count}/${c.trials} @ ${c.level}`, c] as const))('%s', (_name, c) => {
    const got = proportion(c.count, c.trials, c.level);
    expect(got.count).toBe(c.count);
    expect(got.trials).toBe(c.trials);
    near(got.rate, c.rate, 1e-15, 'rate');
    near(got.low, c.low, 1e-12, 'low');
    near(got.high, c.high, 1e-12, 'high');
  });

  it('is exactly 0 or 1 at the edges, NaN in [0, 1] without trials, and 95% by default', () => {
    expect(proportion(0, 10).low).toBe(0);
    expect(proportion(10, 10).high).toBe(1);
    expect(proportion(0, 0)).toEqual({ count: 0, trials: 0, rate: NaN, low: 0, high: 1 });
    expect(proportion(3, 10)).toEqual(proportion(3, 10, 0.95));
  });

  it('rejects a count outside [0, trials] and a level outside (0, 1)', () => {
    expect(() => proportion(11, 10)).toThrow(RangeError);
    expect(() => proportion(-1, 10)).toThrow(RangeError);
    expect(() => proportion(NaN, 10)).toThrow(RangeError);
    expect(() => proportion(1, 10, 1.5)).toThrow(RangeError);
  });
});

describe('fitLogistic against scipy BFGS on the penalised objective', () => {
  it.each(reference.logistic.map((c) => [`${c.dataset}, lambda ${c.lambda}${c.rows ? `, ${c.rows.length} rows` : ''}`, c] as const))('%s', (_name, c) => {
    const d = dataset(c.dataset);
    const p = d.p!;
    const fit = fitLogistic(matrix(d), p, numbers(d.labels), { lambda: c.lambda, ...(c.rows ? { rows: c.rows } : {}) });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(50);
    expect(fit.coefficients).toHaveLength(p);
    near(fit.intercept, c.intercept, 1e-6, 'intercept');
    for (let j = 0; j < p; j++) near(fit.coefficients[j]!, c.coefficients[j]!, 1e-6, `coefficient ${j}`);
  });

  it('restricted by `rows` equals the fit on the filtered rows', () => {
    const d = dataset('medium');
    const x = matrix(d);
    const y = numbers(d.labels);
    const rows = Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 5 !== 0);
    const restricted = fitLogistic(x, 4, y, { lambda: 2, rows });
    const filtered = fitLogistic(
      Float64Array.from(rows.flatMap((r) => d.x![r]!)),
      4,
      rows.map((r) => y[r]!),
      { lambda: 2 },
    );
    expect(restricted.intercept).toBeCloseTo(filtered.intercept, 12);
    for (let j = 0; j < 4; j++) expect(restricted.coefficients[j]).toBeCloseTo(filtered.coefficients[j]!, 12);
  });

  it('skips rows whose label is not 0 or 1', () => {
    const d = dataset('medium');
    const y = numbers(d.labels);
    const withUnknown = Float64Array.from(y, (v, i) => (i % 7 === 0 ? NaN : v));
    const rows = Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 7 !== 0);
    const skipped = fitLogistic(matrix(d), 4, withUnknown, { lambda: 1 });
    const restricted = fitLogistic(matrix(d), 4, y, { lambda: 1, rows });
    expect(skipped.intercept).toBeCloseTo(restricted.intercept, 12);
  });

  it('converges to finite coefficients on perfectly separable data (L2), and says so when lambda is 0', () => {
    const d = dataset('separable');
    const x = matrix(d);
    const y = numbers(d.labels);
    for (const lambda of [1e-3, 1e-6]) {
      const fit = fitLogistic(x, 2, y, { lambda });
      expect(fit.converged).toBe(true);
      expect(Number.isFinite(fit.intercept) && fit.coefficients.every(Number.isFinite)).toBe(true);
      // It is the minimum: nudging any parameter raises the objective.
      const at = objective(x, 2, y, lambda, fit.intercept, fit.coefficients);
      for (let j = 0; j < 3; j++) {
        for (const h of [-1e-3, 1e-3]) {
          const b = [fit.intercept, ...fit.coefficients];
          b[j]! += h;
          expect(objective(x, 2, y, lambda, b[0]!, b.slice(1))).toBeGreaterThan(at);
        }
      }
      expect(rocAuc(Array.from({ length: 30 }, (_, r) => linearPredictor(fit, x, 2, r)), y).auc).toBe(1);
    }
    expect(fitLogistic(x, 2, y, { lambda: 0 }).converged).toBe(false);
  });

  it('fits n < p with lambda > 0, and survives the singular system of lambda 0', () => {
    const d = dataset('wide');
    const x = matrix(d);
    const y = numbers(d.labels);
    const fit = fitLogistic(x, 10, y, { lambda: 0 });
    expect(fit.coefficients.every(Number.isFinite)).toBe(true);
    expect(fit.converged).toBe(false); // six points in 10 dimensions are separable: no finite optimum
  });

  it('fits exactly collinear columns (a duplicated feature) with the same predictions, lambda 0 included', () => {
    // Real data has them: "No internet service" in six one-hot columns, daily = monthly / 30.
    const d = dataset('medium');
    const x = matrix(d);
    const y = numbers(d.labels);
    const doubled = Float64Array.from(d.x!.flatMap((row) => [...row, row[2]!]));
    for (const lambda of [0, 1e-6]) {
      const plain = fitLogistic(x, 4, y, { lambda });
      const fit = fitLogistic(doubled, 5, y, { lambda });
      expect(fit.converged).toBe(true);
      for (const r of [0, 1, 99, 499]) expect(linearPredictor(fit, doubled, 5, r)).toBeCloseTo(linearPredictor(plain, x, 4, r), 5);
      // Any ridge, however small, splits the shared weight evenly; without one, any split is a minimum.
      if (lambda > 0) expect(fit.coefficients[2]).toBeCloseTo(fit.coefficients[4]!, 10);
      expect(fit.coefficients[2]! + fit.coefficients[4]!).toBeCloseTo(plain.coefficients[2]!, 5);
    }
  });

  it('reports a single class and no rows as not converged, and p = 0 as the log-odds of the base rate', () => {
    const d = dataset('medium');
    const x = matrix(d);
    const allZero = new Float64Array(500);
    const single = fitLogistic(x, 4, allZero, { lambda: 1 });
    expect(single.converged).toBe(false);
    expect(single.intercept).toBeLessThan(-10);
    const none = fitLogistic(x, 4, numbers(d.labels), { lambda: 1, rows: [] });
    expect(none).toMatchObject({ intercept: 0, iterations: 0, converged: false });
    expect(Array.from(none.coefficients)).toEqual([0, 0, 0, 0]);
    const y = numbers(d.labels);
    const positives = y.reduce((s, v) => s + v, 0);
    const baseRate = fitLogistic(new Float64Array(0), 0, y, { lambda: 1 });
    expect(baseRate.converged).toBe(true);
    expect(baseRate.intercept).toBeCloseTo(Math.log(positives / (500 - positives)), 10);
  });

  it('honours maxIterations and tolerance', () => {
    const d = dataset('medium');
    const once = fitLogistic(matrix(d), 4, numbers(d.labels), { lambda: 1, maxIterations: 1 });
    expect(once).toMatchObject({ iterations: 1, converged: false });
    const loose = fitLogistic(matrix(d), 4, numbers(d.labels), { lambda: 1, tolerance: 1e-2 });
    const tight = fitLogistic(matrix(d), 4, numbers(d.labels), { lambda: 1 });
    expect(loose.converged).toBe(true);
    expect(loose.iterations).toBeLessThan(tight.iterations);
  });

  it('rejects a negative lambda and an x of the wrong size', () => {
    const d = dataset('medium');
    expect(() => fitLogistic(matrix(d), 4, numbers(d.labels), { lambda: -1 })).toThrow(RangeError);
    expect(() => fitLogistic(matrix(d), 3, numbers(d.labels), { lambda: 1 })).toThrow(RangeError);
  });

  it('fits 100k rows × 10 features in a few seconds at most', () => {
    const random = seededRandom(11);
    const n = 100_000;
    const p = 10;
    const x = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let eta = -1;
      for (let j = 0; j < p; j++) {
        x[r * p + j] = random() * 2 - 1;
        eta += ((j % 3) - 1) * x[r * p + j]!;
      }
      y[r] = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    const start = performance.now();
    const fit = fitLogistic(x, p, y, { lambda: 1 });
    expect(performance.now() - start).toBeLessThan(5000);
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(-1, 0);
    expect(fit.coefficients[1]).toBeCloseTo(0, 0);
    expect(fit.coefficients[2]).toBeCloseTo(1, 0);
  });

  it('linearPredictor is b0 + x·β', () => {
    const fit = { intercept: 0.5, coefficients: Float64Array.of(2, -1), iterations: 0, converged: true };
    const x = Float64Array.of(1, 1, 3, 4);
    expect(linearPredictor(fit, x, 2, 0)).toBe(1.5);
    expect(linearPredictor(fit, x, 2, 1)).toBe(2.5);
  });
});

describe('stratifiedFolds', () => {
  const labels = Float64Array.from({ length: 1003 }, (_, i) => (i % 11 === 0 ? NaN : i % 4 === 0 ? 1 : i % 97 === 0 ? 2 : 0));
  const count = (folds: Int8Array, label: number, fold: number) => Array.from(folds).filter((f, i) => f === fold && labels[i] === label).length;

  it('gives each fold the same number of positives and of negatives, give or take one', () => {
    for (const k of [2, 5, 10]) {
      const folds = stratifiedFolds(labels, k, 42);
      for (const label of [0, 1]) {
        const sizes = Array.from({ length: k }, (_, f) => count(folds, label, f));
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(Array.from(labels).filter((l) => l === label).length);
      }
      const totals = Array.from({ length: k }, (_, f) => Array.from(folds).filter((g) => g === f).length);
      expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
    }
  });

  it('gives −1 to rows with an unknown label', () => {
    const folds = stratifiedFolds(labels, 5, 1);
    for (let i = 0; i < labels.length; i++) expect(folds[i]! === -1).toBe(labels[i] !== 0 && labels[i] !== 1);
  });

  it('is deterministic for a seed, and another seed shuffles differently', () => {
    expect(stratifiedFolds(labels, 5, 42)).toEqual(stratifiedFolds(labels, 5, 42));
    expect(stratifiedFolds(labels, 5, 43)).not.toEqual(stratifiedFolds(labels, 5, 42));
  });

  it('handles fewer rows of a class than folds, empty input, and rejects a bad k', () => {
    const folds = stratifiedFolds([1, 0, 0, 0, 0, 0, 0], 5, 3);
    expect(Array.from(folds).filter((f) => f >= 0)).toHaveLength(7);
    expect(stratifiedFolds([], 5, 3)).toHaveLength(0);
    expect(() => stratifiedFolds([0, 1], 0, 3)).toThrow(RangeError);
    expect(() => stratifiedFolds([0, 1], 2.5, 3)).toThrow(RangeError);
    expect(() => stratifiedFolds([0, 1], 128, 3)).toThrow(RangeError);
  });
});
