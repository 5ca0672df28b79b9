/**
 * Statistics for calibration (issue #7: does the health score tell churned customers from
 * retained ones?): ROC AUC with a DeLong confidence interval, the ROC curve, Wilson intervals for
 * rates, L2-regularised logistic regression and stratified folds for cross-validation.
 *
 * Everything here is pure and runs in the Web Worker on up to 100k customers, so the hot loops
 * work on typed arrays and allocate nothing per row: sorting is the native numeric sort of a
 * `Float64Array` (no comparator), O(n log n); the rest is linear passes. Inputs are never mutated.
 *
 * Conventions shared by every function: a label is 1 (positive: churned) or 0 (negative:
 * retained); any other label (NaN, 2, undefined past the end…) means "outcome unknown" and the row
 * is skipped. A higher score means "more likely positive".
 */
import { seededRandom } from '../random';

/** ROC AUC of `scores` for telling `labels` 1 (positives) from 0 (negatives): P(score of a positive > score of a negative) + ½ P(tie), by mid-ranks (Mann–Whitney). Rows whose score is NaN or whose label is not 0 or 1 are skipped. `rows`, when given, restricts to those row indexes. 95% CI (or `level`) from DeLong et al. (1988) variance (structural components), normal approximation, clamped to [0,1]. With no positive or no negative: auc NaN, se NaN, low/high NaN. */
export interface AucResult {
  readonly auc: number;
  readonly se: number;
  readonly low: number;
  readonly high: number;
  readonly positives: number;
  readonly negatives: number;
}

/** The ROC curve (same conventions: higher score = more likely positive): points from (0,0) to (1,1), one per distinct threshold, thinned to at most `maxPoints` (default 101) keeping the first and last; fpr and tpr ascending. */
export interface RocCurve {
  readonly fpr: readonly number[];
  readonly tpr: readonly number[];
}

/** A proportion with its Wilson score interval (95% default). trials 0 → rate NaN, low 0, high 1. */
export interface Proportion {
  readonly count: number;
  readonly trials: number;
  readonly rate: number;
  readonly low: number;
  readonly high: number;
}

/** A fitted logistic regression: P(y = 1 | x) = 1 / (1 + exp(−(intercept + x·coefficients))). */
export interface LogisticFit {
  readonly intercept: number;
  readonly coefficients: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/** The scores of the positive and of the negative rows, each sorted ascending (NaN scores and unknown labels left out). */
interface SortedClasses {
  readonly positives: Float64Array;
  readonly negatives: Float64Array;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1 (got ${level})`);
}

/**
 * Splits the (restricted) rows into the sorted scores of positives and of negatives. Two passes
 * over the rows (count, then fill) so that each class gets one exact-size typed array.
 */
function sortedClasses(scores: ArrayLike<number>, labels: ArrayLike<number>, rows: ArrayLike<number> | undefined): SortedClasses {
  if (scores.length !== labels.length) throw new RangeError(`scores and labels differ in length (${scores.length} and ${labels.length})`);
  const count = rows ? rows.length : labels.length;
  let m = 0;
  let n = 0;
  for (let k = 0; k < count; k++) {
    const r = rows ? rows[k]! : k;
    const label = labels[r];
    // `s !== s` is the NaN test. A row past the end has an undefined label, which the label test drops.
    const s = scores[r]!;
    if (s !== s) continue;
    if (label === 1) m++;
    else if (label === 0) n++;
  }
  const positives = new Float64Array(m);
  const negatives = new Float64Array(n);
  m = 0;
  n = 0;
  for (let k = 0; k < count; k++) {
    const r = rows ? rows[k]! : k;
    const label = labels[r];
    const s = scores[r]!;
    if (s !== s) continue;
    if (label === 1) positives[m++] = s;
    else if (label === 0) negatives[n++] = s;
  }
  // TypedArray#sort without a comparator sorts numerically; -0 and +0 are then compared with
  // `===` below, which treats them as the same score.
  positives.sort();
  negatives.sort();
  return { positives, negatives };
}

/**
 * Walks the distinct scores of both classes in ascending order (a merge of the two sorted arrays)
 * and calls `visit` once per tie group with: the positives and negatives strictly below the
 * group, and the positives and negatives in it. No allocation.
 */
function forEachTieGroup(
  { positives, negatives }: SortedClasses,
  visit: (positivesBelow: number, negativesBelow: number, positivesTied: number, negativesTied: number) => void,
): void {
  const m = positives.length;
  const n = negatives.length;
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    const v = j >= n || (i < m && positives[i]! <= negatives[j]!) ? positives[i]! : negatives[j]!;
    let i2 = i;
    while (i2 < m && positives[i2] === v) i2++;
    let j2 = j;
    while (j2 < n && negatives[j2] === v) j2++;
    visit(i, j, i2 - i, j2 - j);
    i = i2;
    j = j2;
  }
}

/**
 * ROC AUC with its DeLong standard error and interval; see {@link AucResult}. `scores` and
 * `labels` have the same length; a row listed twice in `rows` counts twice. With a single
 * positive or a single negative the AUC is given but se, low and high are NaN (DeLong's variance
 * needs two of each). Throws RangeError for a level outside (0, 1).
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>, options?: { readonly rows?: ArrayLike<number>; readonly level?: number }): AucResult {
  const level = options?.level ?? 0.95;
  checkLevel(level);
  const classes = sortedClasses(scores, labels, options?.rows);
  const m = classes.positives.length;
  const n = classes.negatives.length;
  if (m === 0 || n === 0) return { auc: NaN, se: NaN, low: NaN, high: NaN, positives: m, negatives: n };

  // Mann–Whitney U: each positive counts the negatives below it, and half those tied with it.
  // U is a sum of half-integers, exact in doubles far beyond 100k × 100k pairs.
  let u = 0;
  forEachTieGroup(classes, (_pb, negativesBelow, positivesTied, negativesTied) => {
    u += positivesTied * (negativesBelow + 0.5 * negativesTied);
  });
  const auc = u / (m * n);

  // DeLong's structural components (placement values): for a positive, the share of negatives
  // it beats (ties ½), V10; for a negative, the share of positives that beat it, V01. Both have
  // mean `auc`; Var(AUC) ≈ S10/m + S01/n with S the sample variances. Every row of a tie group
  // has the same placement, so one term per group suffices. A second pass around the known mean
  // (rather than ΣV² − m·auc²) keeps the variance free of cancellation.
  let s10 = 0;
  let s01 = 0;
  forEachTieGroup(classes, (positivesBelow, negativesBelow, positivesTied, negativesTied) => {
    const v10 = (negativesBelow + 0.5 * negativesTied) / n - auc;
    const v01 = (m - positivesBelow - 0.5 * positivesTied) / m - auc;
    s10 += positivesTied * v10 * v10;
    s01 += negativesTied * v01 * v01;
  });
  // A sample variance of a single placement value is undefined: with one positive or one
  // negative, the AUC stands but its standard error does not.
  if (m < 2 || n < 2) return { auc, se: NaN, low: NaN, high: NaN, positives: m, negatives: n };
  const se = Math.sqrt(s10 / ((m - 1) * m) + s01 / ((n - 1) * n));
  const z = normalQuantile(0.5 + level / 2);
  return { auc, se, low: Math.max(0, auc - z * se), high: Math.min(1, auc + z * se), positives: m, negatives: n };
}

/** The ROC curve; see {@link RocCurve}. With no positive or no negative, both arrays are empty (the curve is undefined). */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, maxPoints = 101): RocCurve {
  const classes = sortedClasses(scores, labels, undefined);
  const m = classes.positives.length;
  const n = classes.negatives.length;
  if (m === 0 || n === 0) return { fpr: [], tpr: [] };
  // Lowering the threshold through the distinct scores from the top: at the group with value v,
  // every row scoring ≥ v is called positive, i.e. all rows not strictly below v.
  let groups = 0;
  forEachTieGroup(classes, () => {
    groups++;
  });
  const fprAll = new Float64Array(groups + 1);
  const tprAll = new Float64Array(groups + 1);
  let g = groups;
  forEachTieGroup(classes, (positivesBelow, negativesBelow) => {
    fprAll[g] = (n - negativesBelow) / n;
    tprAll[g] = (m - positivesBelow) / m;
    g--;
  });
  // fprAll[0] = tprAll[0] = 0: the threshold above every score. The lowest group gives (1, 1).
  const total = groups + 1;
  const keep = Math.max(2, Math.floor(maxPoints));
  if (total <= keep) return { fpr: Array.from(fprAll), tpr: Array.from(tprAll) };
  // Evenly spaced indexes, first and last included; rounding an increasing sequence keeps it
  // non-decreasing, and the step (total−1)/(keep−1) > 1 makes it strictly increasing.
  const fpr: number[] = [];
  const tpr: number[] = [];
  for (let k = 0; k < keep; k++) {
    const index = Math.round((k * (total - 1)) / (keep - 1));
    fpr.push(fprAll[index]!);
    tpr.push(tprAll[index]!);
  }
  return { fpr, tpr };
}

/**
 * A proportion with its Wilson score interval; see {@link Proportion}. `count` must lie in
 * [0, trials]. Unlike the Wald interval (p ± z·√(p(1−p)/n)), Wilson's never leaves [0, 1] and
 * does not collapse to a point at 0 or n successes, which matters for small segments.
 */
export function proportion(count: number, trials: number, level = 0.95): Proportion {
  checkLevel(level);
  if (!(trials >= 0) || !(count >= 0 && count <= trials)) throw new RangeError(`a proportion needs 0 ≤ count ≤ trials (got ${count} of ${trials})`);
  if (trials === 0) return { count, trials, rate: NaN, low: 0, high: 1 };
  const rate = count / trials;
  const z = normalQuantile(0.5 + level / 2);
  const z2n = (z * z) / trials;
  const centre = (rate + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((rate * (1 - rate)) / trials + z2n / (4 * trials));
  // At 0 (or all) successes the bound is 0 (or 1) exactly; the formula reaches it only up to rounding.
  return { count, trials, rate, low: count === 0 ? 0 : Math.max(0, centre - half), high: count === trials ? 1 : Math.min(1, centre + half) };
}

// Wichura's AS 241 coefficients, lowest degree first (numerators and denominators of the
// rational approximations for the centre |p − ½| ≤ 0.425, and for the tails with r ≤ 5 and r > 5),
// written as the nearest doubles of the published 20-digit values.
const CENTRE_NUMERATOR = [3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227];
const CENTRE_DENOMINATOR = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852546];
const NEAR_NUMERATOR = [1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414];
const NEAR_DENOMINATOR = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9];
const FAR_NUMERATOR = [6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7];
const FAR_DENOMINATOR = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15];

/** The polynomial with `coefficients` (lowest degree first) at t, by Horner's rule. */
function polynomial(coefficients: readonly number[], t: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * t + coefficients[i]!;
  return value;
}

/**
 * The standard normal quantile Φ⁻¹(p) for 0 < p < 1, by Wichura's algorithm AS 241 (PPND16,
 * Applied Statistics 37, 1988), accurate to about 1 part in 10¹⁶.
 */
function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRE_NUMERATOR, r)) / polynomial(CENTRE_DENOMINATOR, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value = r <= 5 ? polynomial(NEAR_NUMERATOR, r - 1.6) / polynomial(NEAR_DENOMINATOR, r - 1.6) : polynomial(FAR_NUMERATOR, r - 5) / polynomial(FAR_DENOMINATOR, r - 5);
  return q < 0 ? -value : value;
}

/** log(1 + e^t) without overflow for large t or loss of precision for very negative t. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/**
 * L2-regularised logistic regression: minimises −loglik + (lambda/2)·‖β‖² (the intercept is not
 * penalised), by Newton–Raphson (IRLS) with a Cholesky solve of the (p+1)×(p+1) system,
 * step-halving if the objective does not fall. `x` is row-major n×p (`p` features per row), `y`
 * 0/1 (rows with any other label are skipped, as elsewhere here). `rows`: fit only those rows (for
 * cross-validation folds). Features must be finite (callers impute). Converged when the max |Δ|
 * of the parameters < tolerance (default 1e-8), maxIterations default 50.
 *
 * With lambda > 0 the objective is strictly convex in β, so perfectly separable data and n < p
 * still have one finite optimum. Where the Newton system is singular (lambda 0 with n ≤ p, or
 * collinear features) a small ridge is added to the solve only, which keeps the step a descent
 * direction. Where no finite optimum exists (lambda 0 on separable data; a single class, whose
 * unpenalised intercept runs to ±∞) the fit stops after maxIterations with `converged` false.
 * No usable row at all: all zeros, `converged` false.
 */
export function fitLogistic(
  x: Float64Array,
  p: number,
  y: ArrayLike<number>,
  options: { readonly lambda: number; readonly rows?: ArrayLike<number>; readonly maxIterations?: number; readonly tolerance?: number },
): LogisticFit {
  const { lambda, rows } = options;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  if (!Number.isInteger(p) || p < 0) throw new RangeError(`p must be a whole number ≥ 0 (got ${p})`);
  if (!(lambda >= 0 && lambda < Infinity)) throw new RangeError(`lambda must be finite and ≥ 0 (got ${lambda})`);
  if (x.length !== y.length * p) throw new RangeError(`x holds ${x.length} values, not ${y.length} rows × ${p} features`);

  // The rows used, once, so the hot loops run over a dense index.
  const candidates = rows ? rows.length : y.length;
  let n = 0;
  for (let k = 0; k < candidates; k++) {
    const label = y[rows ? rows[k]! : k];
    if (label === 0 || label === 1) n++;
  }
  const used = new Int32Array(n);
  n = 0;
  for (let k = 0; k < candidates; k++) {
    const r = rows ? rows[k]! : k;
    const label = y[r];
    if (label === 0 || label === 1) used[n++] = r;
  }

  const d = p + 1; // parameter 0 is the intercept, 1..p the coefficients
  const beta = new Float64Array(d);
  if (n === 0) return { intercept: 0, coefficients: beta.subarray(1), iterations: 0, converged: false };

  const candidate = new Float64Array(d);
  const gradient = new Float64Array(d);
  const hessian = new Float64Array(d * d); // row-major, the Cholesky factor overwrites it
  const step = new Float64Array(d);

  /** The penalised objective at parameters `b`. */
  const objective = (b: Float64Array): number => {
    let loss = 0;
    for (let k = 0; k < n; k++) {
      const r = used[k]!;
      const offset = r * p;
      let eta = b[0]!;
      for (let j = 0; j < p; j++) eta += x[offset + j]! * b[j + 1]!;
      loss += softplus(eta) - y[r]! * eta;
    }
    let norm = 0;
    for (let j = 1; j < d; j++) norm += b[j]! * b[j]!;
    return loss + 0.5 * lambda * norm;
  };

  let current = objective(beta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    // Gradient of −objective (so the Newton step is H⁻¹·g) and the Hessian X'WX + λI, upper
    // triangle only, with the intercept as a column of ones.
    gradient.fill(0);
    hessian.fill(0);
    for (let k = 0; k < n; k++) {
      const r = used[k]!;
      const offset = r * p;
      let eta = beta[0]!;
      for (let j = 0; j < p; j++) eta += x[offset + j]! * beta[j + 1]!;
      const mu = 1 / (1 + Math.exp(-eta));
      const residual = y[r]! - mu;
      const w = mu * (1 - mu);
      gradient[0]! += residual;
      hessian[0]! += w;
      for (let a = 0; a < p; a++) {
        const xa = x[offset + a]!;
        gradient[a + 1]! += residual * xa;
        const wxa = w * xa;
        hessian[a + 1]! += wxa; // row 0, column a+1
        const rowStart = (a + 1) * d;
        for (let b = a; b < p; b++) hessian[rowStart + b + 1]! += wxa * x[offset + b]!;
      }
    }
    for (let j = 1; j < d; j++) {
      gradient[j]! -= lambda * beta[j]!;
      hessian[j * d + j]! += lambda;
    }
    solveNewton(hessian, d, gradient, step);

    let largest = 0;
    for (let j = 0; j < d; j++) largest = Math.max(largest, Math.abs(step[j]!));
    if (!(largest < Infinity)) break;

    // Step-halving: the full Newton step can overshoot far from the optimum (large |eta|).
    // Near the optimum the change in the objective falls below its rounding noise, hence the
    // small slack in the comparison.
    let scale = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 40; halvings++) {
      for (let j = 0; j < d; j++) candidate[j] = beta[j]! + scale * step[j]!;
      const next = objective(candidate);
      if (next <= current + 1e-13 * Math.max(1, Math.abs(current))) {
        beta.set(candidate);
        current = next;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    if (!accepted) break;
    if (scale * largest < tolerance) {
      converged = true;
      break;
    }
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations, converged };
}

/**
 * Solves H·s = g for the symmetric positive (semi-)definite `hessian` (upper triangle filled,
 * overwritten by its Cholesky factor) into `step`. If the factorisation meets a non-positive
 * pivot (a singular system), it retries with a ridge that grows tenfold each time, starting from
 * 1e-10 of the largest diagonal entry.
 */
function solveNewton(hessian: Float64Array, d: number, gradient: Float64Array, step: Float64Array): void {
  const original = hessian.slice();
  let largestDiagonal = 0;
  for (let j = 0; j < d; j++) largestDiagonal = Math.max(largestDiagonal, original[j * d + j]!);
  let ridge = 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    hessian.set(original);
    for (let j = 0; j < d; j++) hessian[j * d + j]! += ridge;
    if (choleskyUpper(hessian, d)) {
      // H = RᵀR with R upper: solve Rᵀz = g, then R·s = z.
      for (let i = 0; i < d; i++) {
        let sum = gradient[i]!;
        for (let k = 0; k < i; k++) sum -= hessian[k * d + i]! * step[k]!;
        step[i] = sum / hessian[i * d + i]!;
      }
      for (let i = d - 1; i >= 0; i--) {
        let sum = step[i]!;
        for (let k = i + 1; k < d; k++) sum -= hessian[i * d + k]! * step[k]!;
        step[i] = sum / hessian[i * d + i]!;
      }
      return;
    }
    ridge = ridge === 0 ? Math.max(largestDiagonal, 1) * 1e-10 : ridge * 10;
  }
  step.fill(NaN);
}

/** In-place Cholesky factorisation A = RᵀR of the upper triangle of `a` (row-major d×d); false at a non-positive pivot. */
function choleskyUpper(a: Float64Array, d: number): boolean {
  for (let i = 0; i < d; i++) {
    let pivot = a[i * d + i]!;
    for (let k = 0; k < i; k++) pivot -= a[k * d + i]! * a[k * d + i]!;
    if (!(pivot > 0)) return false;
    const rii = Math.sqrt(pivot);
    a[i * d + i] = rii;
    for (let j = i + 1; j < d; j++) {
      let sum = a[i * d + j]!;
      for (let k = 0; k < i; k++) sum -= a[k * d + i]! * a[k * d + j]!;
      a[i * d + j] = sum / rii;
    }
  }
  return true;
}

/** The linear predictor b0 + x_row·β of one row (the log-odds of a positive). */
export function linearPredictor(fit: LogisticFit, x: Float64Array, p: number, row: number): number {
  const offset = row * p;
  let eta = fit.intercept;
  for (let j = 0; j < p; j++) eta += x[offset + j]! * fit.coefficients[j]!;
  return eta;
}

/**
 * Stratified k-fold assignment, deterministic for a seed: each row with label 0 or 1 gets a fold
 * 0..k−1 such that every fold holds (as near as possible) the same number of positives and of
 * negatives; other rows −1. `k` is a whole number from 1 to 127 (an Int8Array holds the folds).
 *
 * Each class is shuffled (Fisher–Yates, `seededRandom(seed)`) and dealt round-robin, so each
 * fold gets ⌊count/k⌋ or ⌈count/k⌉ of each class; the negatives' deal starts where the
 * positives' stopped, so the fold sizes overall differ by at most one as well.
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int8Array {
  if (!Number.isInteger(k) || k < 1 || k > 127) throw new RangeError(`k must be a whole number from 1 to 127 (got ${k})`);
  const folds = new Int8Array(labels.length).fill(-1);
  let m = 0;
  let n = 0;
  for (let r = 0; r < labels.length; r++) {
    if (labels[r] === 1) m++;
    else if (labels[r] === 0) n++;
  }
  const positives = new Int32Array(m);
  const negatives = new Int32Array(n);
  m = 0;
  n = 0;
  for (let r = 0; r < labels.length; r++) {
    if (labels[r] === 1) positives[m++] = r;
    else if (labels[r] === 0) negatives[n++] = r;
  }
  const random = seededRandom(seed);
  let next = 0;
  for (const members of [positives, negatives]) {
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = members[i]!;
      members[i] = members[j]!;
      members[j] = swap;
    }
    for (let i = 0; i < members.length; i++) {
      folds[members[i]!] = next;
      next = next + 1 === k ? 0 : next + 1;
    }
  }
  return folds;
}
