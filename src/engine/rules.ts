/**
 * Scoring rules: one raw value to points in [0, 100].
 */
import type { LinearRule, MapRule, RangeRule, ScoringRule, StepsRule } from './model';
import { normalizeLabel, parseBooleanToken, parsePlainNumber } from './values';

/** Points of a number under a linear rule: `worst` → 0, `best` → 100, clamped. */
export function linearPoints(rule: LinearRule, x: number): number {
  return clampPoints(((x - rule.worst) / (rule.best - rule.worst)) * 100);
}

/** Clamps to [0, 100] without branches (random data would mispredict them); `NaN` stays `NaN`. */
function clampPoints(p: number): number {
  return Math.min(100, Math.max(0, p));
}

/** Points of a number under a range rule: 100 inside `ideal`, linear to 0 at `zeroAt`'s ends, 0 outside. */
export function rangePoints(rule: RangeRule, x: number): number {
  const a = rule.ideal[0];
  const b = rule.ideal[1];
  const lo = rule.zeroAt[0];
  const hi = rule.zeroAt[1];
  if (Number.isNaN(x)) return x;
  if (x >= a && x <= b) return 100;
  if (x <= lo || x >= hi) return 0;
  return x < a ? ((x - lo) / (a - lo)) * 100 : ((hi - x) / (hi - b)) * 100;
}

/** Points of a number under a steps rule: the first step with `upTo` ≥ value (inclusive), else the last. */
export function stepsPoints(rule: StepsRule, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const steps = rule.steps;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    if (step.upTo === undefined || x <= step.upTo) return step.points;
  }
  return Number.NaN;
}

/**
 * Writes the points of `values[start … end)` under a numeric rule into `out[0 …)`, with exactly the
 * arithmetic of `linearPoints` / `rangePoints` / `stepsPoints` (so a customer's explanation agrees
 * with the portfolio's scores), one specialised loop per rule type.
 * With `daysSinceAsOf` a number, each value is a day and the value scored is `daysSinceAsOf − value`;
 * with `NaN`, values are scored as they are.
 *
 * The loops choose between candidates by indexing with `+(comparison)` rather than branching:
 * on real portfolios the branches mispredict, and that made these loops 5–8× slower.
 * `+ (x − x)` carries a missing value (`NaN`) through.
 */
export function fillNumericPoints(
  rule: LinearRule | RangeRule | StepsRule,
  values: Float64Array,
  out: Float64Array,
  start: number,
  end: number,
  daysSinceAsOf: number,
): void {
  const transformed = !Number.isNaN(daysSinceAsOf);
  const sign = transformed ? -1 : 1;
  const base = transformed ? daysSinceAsOf : 0;
  const pick = new Float64Array(3);
  switch (rule.type) {
    case 'linear': {
      const worst = rule.worst;
      const span = rule.best - rule.worst;
      pick[2] = 100;
      for (let row = start; row < end; row++) {
        const p = ((base + sign * values[row]! - worst) / span) * 100;
        pick[0] = p;
        out[row - start] = pick[+(p < 0) + 2 * +(p > 100)]!;
      }
      return;
    }
    case 'range': {
      const [a, b] = rule.ideal;
      const [lo, hi] = rule.zeroAt;
      if (a <= lo || hi <= b) {
        // A side with no slope is a step: rare in models, scored one value at a time.
        for (let row = start; row < end; row++) out[row - start] = rangePoints(rule, base + sign * values[row]!);
        return;
      }
      pick[0] = 100;
      for (let row = start; row < end; row++) {
        const x = base + sign * values[row]!;
        pick[1] = ((x - lo) / (a - lo)) * 100;
        pick[2] = ((hi - x) / (hi - b)) * 100;
        out[row - start] = pick[+(x < a) + 2 * +(x > b)]! * +(x > lo) * +(x < hi) + 0 + (x - x);
      }
      return;
    }
    case 'steps': {
      const upTo = Float64Array.from(rule.steps.slice(0, -1), (s) => s.upTo!);
      const points = Float64Array.from(rule.steps, (s) => s.points);
      for (let row = start; row < end; row++) {
        const x = base + sign * values[row]!;
        // Bounds ascend, so the count of bounds below x is the index of the first step with upTo >= x.
        let k = 0;
        for (let u = 0; u < upTo.length; u++) k += +(x > upTo[u]!);
        out[row - start] = points[k]! + (x - x);
      }
      return;
    }
  }
}

/** Whether a rule reads its value as a number (linear, range, steps). */
export function isNumericRule(rule: ScoringRule): rule is LinearRule | RangeRule | StepsRule {
  return rule.type === 'linear' || rule.type === 'range' || rule.type === 'steps';
}

/** Points of a number under a numeric rule; `NaN` in, `NaN` out. */
export function numericPoints(rule: LinearRule | RangeRule | StepsRule, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  switch (rule.type) {
    case 'linear':
      return linearPoints(rule, x);
    case 'range':
      return rangePoints(rule, x);
    case 'steps':
      return stepsPoints(rule, x);
  }
}

/** Points per map label, keyed by the label as matching sees it (trimmed, lower case). */
export function mapLookup(rule: MapRule): Map<string, number> {
  return new Map(Object.entries(rule.points).map(([label, points]) => [normalizeLabel(label), points]));
}

/**
 * Points for one value, as the semantics define them; `undefined` where the value counts as
 * missing (a label the map does not know, a value the rule cannot read).
 *
 * Numbers feed linear/range/steps; yes/no feeds boolean (numbers 1/0 and yes/no tokens too);
 * labels feed map (numbers and booleans match labels that read as the same number or yes/no).
 */
export function pointsFor(rule: ScoringRule, value: number | boolean | string): number | undefined {
  let points: number;
  switch (rule.type) {
    case 'linear':
    case 'range':
    case 'steps': {
      const x = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : (parsePlainNumber(value) ?? Number.NaN);
      points = numericPoints(rule, x);
      break;
    }
    case 'boolean': {
      const b = typeof value === 'boolean' ? value : typeof value === 'number' ? (value === 1 ? true : value === 0 ? false : undefined) : parseBooleanToken(value);
      points = b === undefined ? Number.NaN : b ? rule.true : rule.false;
      break;
    }
    case 'map':
      points = mapPointsFor(rule, value);
      break;
  }
  return Number.isNaN(points) ? undefined : points;
}

function mapPointsFor(rule: MapRule, value: number | boolean | string): number {
  if (typeof value === 'string') return mapLookup(rule).get(normalizeLabel(value)) ?? Number.NaN;
  for (const [label, points] of Object.entries(rule.points)) {
    const same = typeof value === 'number' ? parsePlainNumber(label) === value : parseBooleanToken(label) === value;
    if (same) return points;
  }
  return Number.NaN;
}
