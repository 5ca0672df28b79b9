/**
 * A model compiled against a portfolio: columns resolved, segment overrides laid out per customer,
 * defaults filled in, so that scoring is one tight pass over typed arrays.
 */
import { MODEL_DEFAULTS, metricSource, type Adjustment, type HealthModel, type Metric, type MissingPolicy, type ScoringRule } from './model';
import { parseIsoDay, type Column, type DateColumn, type EpochDay, type NumberColumn, type Portfolio } from './portfolio';
import { fillNumericPoints, isNumericRule, pointsFor } from './rules';
import { booleanAt, cellValue, dayAt, matchKey, normalizeLabel, numberAt, parseBooleanToken } from './values';

export interface MetricPlan {
  readonly metric: Metric;
  readonly index: number;
  readonly categoryIndex: number;
  readonly source: string;
  readonly column: Column | undefined;
  /** Rule per segment slot (slot 0: no segment matched). */
  readonly rules: readonly ScoringRule[];
  /** Weight per segment slot. */
  readonly weights: Float64Array;
  /** True when some segment scores this metric with another rule. */
  readonly ruleOverridden: boolean;
  readonly policy: MissingPolicy;
  /** Points a missing value counts with: `NaN` (left out), 50 or 0. */
  readonly fill: number;
  readonly maxAgeDays: number | undefined;
}

export interface CategoryPlan {
  readonly index: number;
  readonly id: string;
  readonly label: string;
  readonly weight: number;
  /** Indexes into `ScoringPlan.metrics`. */
  readonly metrics: readonly number[];
}

export interface AdjustmentPlan {
  readonly adjustment: Adjustment;
  readonly column: Column | undefined;
  /** Whether the customer in `row` meets the condition; a missing value never does. */
  readonly meets: (row: number) => boolean;
}

/**
 * The model's weights laid out flat for the hot loop. Metrics are numbered in model order, so each
 * category's metrics are contiguous: category c holds metrics `categoryStart[c] … categoryStart[c+1]−1`.
 */
export interface FlatWeights {
  readonly metricCount: number;
  readonly categoryWeight: Float64Array;
  readonly categoryStart: Int32Array;
  /** Weight of metric m for segment slot s at `s × metricCount + m`. */
  readonly metricWeight: Float64Array;
  /** Points a missing value of metric m counts with (`NaN`: left out). */
  readonly fill: Float64Array;
}

export interface ScoringPlan {
  readonly model: HealthModel;
  readonly flat: FlatWeights;
  readonly portfolio: Portfolio;
  readonly asOf: EpochDay;
  readonly metrics: readonly MetricPlan[];
  readonly categories: readonly CategoryPlan[];
  /** Segment slot of every customer (0: none; k: the k-th override key), or `null` without segments. */
  readonly segmentSlot: Uint8Array | Uint16Array | null;
  /** Override keys, slot k at index k − 1. */
  readonly segmentKeys: readonly string[];
  readonly adjustments: readonly AdjustmentPlan[];
  readonly minCoverage: number;
}

const FILL: Readonly<Record<MissingPolicy, number>> = { renormalize: Number.NaN, neutral: 50, zero: 0 };

/** Compiles a (validated) model against a portfolio for scoring at `asOf`. */
export function compilePlan(model: HealthModel, portfolio: Portfolio, asOf: EpochDay): ScoringPlan {
  const segmentKeys = model.segments ? Object.keys(model.segments.overrides) : [];
  const segmentSlot = model.segments ? assignSegments(portfolio, model.segments.field, segmentKeys) : null;
  const metrics: MetricPlan[] = [];
  const categories: CategoryPlan[] = model.categories.map((category, categoryIndex) => {
    const indexes = category.metrics.map((metric) => {
      metrics.push(planMetric(model, portfolio, metric, { index: metrics.length, categoryIndex, segmentKeys }));
      return metrics.length - 1;
    });
    return { index: categoryIndex, id: category.id, label: category.label ?? category.id, weight: category.weight, metrics: indexes };
  });
  return {
    model,
    flat: flatten(categories, metrics, segmentKeys.length + 1),
    portfolio,
    asOf,
    metrics,
    categories,
    segmentSlot,
    segmentKeys,
    adjustments: (model.adjustments ?? []).map((adjustment) => planAdjustment(adjustment, portfolio.columns.get(adjustment.source))),
    minCoverage: model.minCoverage ?? MODEL_DEFAULTS.minCoverage,
  };
}

function flatten(categories: readonly CategoryPlan[], metrics: readonly MetricPlan[], slots: number): FlatWeights {
  const metricCount = metrics.length;
  const metricWeight = new Float64Array(slots * metricCount);
  for (const m of metrics) for (let s = 0; s < slots; s++) metricWeight[s * metricCount + m.index] = m.weights[s]!;
  const categoryStart = new Int32Array(categories.length + 1);
  categories.forEach((c, k) => (categoryStart[k + 1] = categoryStart[k]! + c.metrics.length));
  return {
    metricCount,
    categoryWeight: Float64Array.from(categories, (c) => c.weight),
    categoryStart,
    metricWeight,
    fill: Float64Array.from(metrics, (m) => m.fill),
  };
}

function assignSegments(portfolio: Portfolio, field: string, keys: readonly string[]): Uint8Array | Uint16Array {
  const slots = keys.length < 255 ? new Uint8Array(portfolio.size) : new Uint16Array(portfolio.size);
  const column = portfolio.columns.get(field);
  if (!column) return slots;
  if (column.kind === 'text') {
    // Match each distinct label once.
    const wanted = keys.map(normalizeLabel);
    const byCode = column.labels.map((label) => wanted.indexOf(normalizeLabel(label)) + 1);
    for (let row = 0; row < portfolio.size; row++) {
      const code = column.codes[row]!;
      slots[row] = code >= 0 ? byCode[code]! : 0;
    }
    return slots;
  }
  for (let row = 0; row < portfolio.size; row++) slots[row] = matchKey(column, row, keys) + 1;
  return slots;
}

function planMetric(
  model: HealthModel,
  portfolio: Portfolio,
  metric: Metric,
  at: { index: number; categoryIndex: number; segmentKeys: readonly string[] },
): MetricPlan {
  const overrides = at.segmentKeys.map((key) => model.segments?.overrides[key]?.[metric.id]);
  const rules = [metric.scoring, ...overrides.map((o) => o?.scoring ?? metric.scoring)];
  const weights = Float64Array.from([metric.weight, ...overrides.map((o) => o?.weight ?? metric.weight)]);
  const policy = metric.missing ?? model.missing ?? MODEL_DEFAULTS.missing;
  const source = metricSource(metric);
  return {
    metric,
    index: at.index,
    categoryIndex: at.categoryIndex,
    source,
    column: portfolio.columns.get(source),
    rules,
    weights,
    ruleOverridden: rules.some((r) => r !== metric.scoring),
    policy,
    fill: FILL[policy],
    maxAgeDays: metric.maxAgeDays,
  };
}

/**
 * The value a metric's rule scores for one row: the cell, or with `daysSince` the whole days from
 * the cell's date to `asOf`. `null` when the cell is missing or cannot be read for this rule.
 */
export function metricValueAt(plan: MetricPlan, row: number, asOf: EpochDay): number | boolean | string | null {
  if (plan.metric.transform === 'daysSince') {
    const day = dayAt(plan.column, row);
    return Number.isNaN(day) ? null : asOf - day;
  }
  return cellValue(plan.column, row);
}

/** Points of one row under `rule` (`NaN`: missing). The single definition every fast path agrees with. */
export function metricPointsAt(plan: MetricPlan, rule: ScoringRule, row: number, asOf: EpochDay): number {
  const value = metricValueAt(plan, row, asOf);
  if (value === null) return Number.NaN;
  // A date column is read as a date only through daysSince: its raw day number is not a score input.
  if (plan.metric.transform !== 'daysSince' && plan.column?.kind === 'date') {
    return rule.type === 'map' ? mapDatePoints(rule, plan.column, row) : Number.NaN;
  }
  return pointsFor(rule, value) ?? Number.NaN;
}

function mapDatePoints(rule: ScoringRule & { type: 'map' }, column: Column, row: number): number {
  const keys = Object.keys(rule.points);
  const k = matchKey(column, row, keys);
  return k < 0 ? Number.NaN : rule.points[keys[k]!]!;
}

/** True when the row's value is older than `maxAgeDays` at `asOf`. */
export function isStale(plan: MetricPlan, row: number, asOf: EpochDay): boolean {
  const observed = plan.column?.observedOn;
  if (plan.maxAgeDays === undefined || !observed) return false;
  const day = observed[row] ?? Number.NaN;
  return asOf - day > plan.maxAgeDays;
}

/**
 * Writes into `out[0 … end−start)` the points of rows `start … end−1` with the metric's default rule,
 * overridden rules for segment members, and stale values set to `NaN`.
 */
export function fillPoints(plan: ScoringPlan, metric: MetricPlan, out: Float64Array, start: number, end: number): void {
  const rule = metric.rules[0]!;
  fillWithRule(metric, rule, out, start, end, plan.asOf);
  const slots = plan.segmentSlot;
  if (metric.ruleOverridden && slots) {
    for (let row = start; row < end; row++) {
      const r = metric.rules[slots[row]!]!;
      if (r !== rule) out[row - start] = metricPointsAt(metric, r, row, plan.asOf);
    }
  }
  if (metric.maxAgeDays !== undefined && metric.column?.observedOn) {
    for (let row = start; row < end; row++) if (isStale(metric, row, plan.asOf)) out[row - start] = Number.NaN;
  }
}

function fillWithRule(metric: MetricPlan, rule: ScoringRule, out: Float64Array, start: number, end: number, asOf: EpochDay): void {
  const column = metric.column;
  if (!column) {
    out.fill(Number.NaN, 0, end - start);
    return;
  }
  const daysSince = metric.metric.transform === 'daysSince';
  if (isNumericRule(rule) && column.kind === (daysSince ? 'date' : 'number')) {
    fillNumericPoints(rule, (column as NumberColumn | DateColumn).values, out, start, end, daysSince ? asOf : Number.NaN);
    return;
  }
  if (!daysSince && column.kind === 'boolean') {
    // Two possible values: score each once.
    const no = pointsFor(rule, false) ?? Number.NaN;
    const yes = pointsFor(rule, true) ?? Number.NaN;
    const values = column.values;
    for (let row = start; row < end; row++) {
      const v = values[row]!;
      out[row - start] = v === 1 ? yes : v === 0 ? no : Number.NaN;
    }
    return;
  }
  if (!daysSince && column.kind === 'text') {
    // Score each distinct label once; rows look their label's points up.
    const byLabel = new Float64Array(column.labels.length);
    const first = new Int32Array(column.labels.length).fill(-1);
    for (let row = start; row < end; row++) {
      const code = column.codes[row]!;
      if (code >= 0 && first[code] === -1) first[code] = row;
    }
    for (let code = 0; code < byLabel.length; code++) byLabel[code] = first[code]! >= 0 ? metricPointsAt(metric, rule, first[code]!, asOf) : Number.NaN;
    for (let row = start; row < end; row++) {
      const code = column.codes[row]!;
      out[row - start] = code >= 0 ? byLabel[code]! : Number.NaN;
    }
    return;
  }
  for (let row = start; row < end; row++) out[row - start] = metricPointsAt(metric, rule, row, asOf);
}

function planAdjustment(adjustment: Adjustment, column: Column | undefined): AdjustmentPlan {
  return { adjustment, column, meets: column ? conditionOn(adjustment, column) : () => false };
}

function conditionOn(adjustment: Adjustment, column: Column): (row: number) => boolean {
  const { op, value } = adjustment.when;
  if (typeof value === 'number') {
    if (column.kind === 'number') return numberCondition(column.values, op, value);
    return (row) => compare(numberAt(column, row), op, value);
  }
  if (typeof value === 'boolean') {
    return (row) => {
      const b = booleanAt(column, row);
      return b !== undefined && (op === '==' ? b === value : op === '!=' ? b !== value : false);
    };
  }
  const day = parseIsoDay(value);
  if (day !== undefined && (column.kind === 'date' || !(op === '==' || op === '!='))) {
    return (row) => compare(dayAt(column, row), op, day);
  }
  if (column.kind === 'boolean') {
    const wanted = parseBooleanToken(value);
    return (row) => {
      const b = booleanAt(column, row);
      return b !== undefined && wanted !== undefined && (op === '==' ? b === wanted : op === '!=' ? b !== wanted : false);
    };
  }
  return (row) => {
    if (cellValue(column, row) === null) return false;
    const equal = matchKey(column, row, [value]) === 0;
    return op === '==' ? equal : op === '!=' ? !equal : false;
  };
}

/** A condition on a number column, one closure per operator so the hot loop does not switch on it. A missing value (`NaN`) meets none. */
function numberCondition(values: Float64Array, op: Adjustment['when']['op'], y: number): (row: number) => boolean {
  switch (op) {
    case '>':
      return (row) => values[row]! > y;
    case '>=':
      return (row) => values[row]! >= y;
    case '<':
      return (row) => values[row]! < y;
    case '<=':
      return (row) => values[row]! <= y;
    case '==':
      return (row) => values[row] === y;
    case '!=':
      return (row) => {
        const x = values[row]!;
        return x === x && x !== y;
      };
  }
}

function compare(x: number, op: Adjustment['when']['op'], y: number): boolean {
  if (Number.isNaN(x)) return false;
  switch (op) {
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '==':
      return x === y;
    case '!=':
      return x !== y;
  }
}
