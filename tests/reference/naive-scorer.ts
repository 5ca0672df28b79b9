/**
 * A deliberately naive reference scorer, written from DESIGN.md ("Scoring semantics") and the
 * binding readings R1–R12 (notes/readings.md) only — not from the engine's code.
 *
 * One plain object per customer, one pass per customer, no columns, no precomputed plans, no
 * cleverness. It exists to be compared with `scorePortfolio` and with the headless scorer
 * (tests/unit/differential). Where it disagrees with them, the spec decides who is right.
 *
 * Only the model *types* are imported from the engine; every behaviour is re-derived here.
 */
import type { Adjustment, ComparisonOp, HealthModel, Metric, MissingPolicy, ScoringRule } from '../../src/engine/model';

/** A date cell: a calendar day written `YYYY-MM-DD`. */
export interface RefDate {
  readonly date: string;
}

/** One cell of a customer: a number, a yes/no, a label, a date, or nothing. */
export type RefValue = number | boolean | string | RefDate | null;

export interface RefCustomer {
  readonly id: string;
  /** Values by column name (a metric's source, an adjustment's source, the segment field). */
  readonly values: Readonly<Record<string, RefValue>>;
  /** The day each value was observed (`YYYY-MM-DD`), by column name; absent = unknown (never stale). */
  readonly observedOn?: Readonly<Record<string, string>>;
}

export interface RefResult {
  readonly id: string;
  /** Integer score, `null` with no score. */
  readonly score: number | null;
  /** Band id, or `insufficient`. */
  readonly band: string;
  /** Share of the total weight that had data, 0–1 (unrounded). */
  readonly coverage: number;
  /** Unrounded category scores by category id; `null` where the category was left out. */
  readonly categories: Record<string, number | null>;
  /** For checking the reference itself: the score before rounding (after adjustments and the clamp). */
  readonly raw: number | null;
}

// ---------------------------------------------------------------------------------------------
// Dates

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` (anything after the day is ignored: a time part uses its date as written) -> days since 1970-01-01. */
export function isoToDayNumber(iso: string): number | undefined {
  const m = /^(\d\d\d\d)-(\d\d)-(\d\d)/.exec(iso.trim());
  if (m === null) return undefined;
  const year = parseInt(m[1] as string, 10);
  const month = parseInt(m[2] as string, 10);
  const dayOfMonth = parseInt(m[3] as string, 10);
  const t = Date.UTC(year, month - 1, dayOfMonth);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== dayOfMonth) return undefined;
  return Math.round(t / MS_PER_DAY);
}

function isDate(v: RefValue): v is RefDate {
  return typeof v === 'object' && v !== null;
}

function isIsoDateString(s: string): boolean {
  return /^\d\d\d\d-\d\d-\d\d$/.test(s.trim()) && isoToDayNumber(s) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading a value the way a rule wants it (R4)

/** Case-insensitive, trimmed. */
function normalize(s: string): string {
  return s.trim().toLowerCase();
}

const TRUE_WORDS = ['true', 'yes', 'sim', 'sí', 'si', 'verdadeiro', 'verdadero', '1'];
const FALSE_WORDS = ['false', 'no', 'não', 'nao', 'falso', '0'];

/** A boolean token (R4, C8), any case, trimmed; `undefined` if it is not one. */
function booleanWord(s: string): boolean | undefined {
  const w = normalize(s);
  if (TRUE_WORDS.includes(w)) return true;
  if (FALSE_WORDS.includes(w)) return false;
  return undefined;
}

/** A text that is a plain dot-decimal number ("12", "-3.5"); `undefined` otherwise. */
function plainNumber(s: string): number | undefined {
  const t = s.trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return parseFloat(t);
}

/** Number columns as they are; booleans 1/0; text only when it is a plain number; dates never. */
function readAsNumber(v: RefValue): number | undefined {
  if (v === null || isDate(v)) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return plainNumber(v);
}

/** Booleans as they are; numbers 1/0 only; text only when it is a boolean token; dates never. */
function readAsBoolean(v: RefValue): boolean | undefined {
  if (v === null || isDate(v)) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  return booleanWord(v);
}

function readAsDay(v: RefValue): number | undefined {
  return isDate(v) ? isoToDayNumber(v.date) : undefined;
}

/**
 * Does the customer's value match a label written in the model (a `map` key, a segment key)?
 * Text: trimmed, case-insensitive. Number: the key must itself be a number, compared as numbers.
 * Boolean: the key must be a boolean token.
 */
function matchesLabel(v: RefValue, key: string): boolean {
  if (v === null || isDate(v)) return false;
  if (typeof v === 'string') return normalize(v) === normalize(key);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return false;
    const k = key.trim();
    if (k === '' || Number.isNaN(Number(k))) return false;
    return Number(k) === v;
  }
  const b = booleanWord(key);
  return b !== undefined && b === v;
}

// ---------------------------------------------------------------------------------------------
// Rules: a value -> points 0–100, or `undefined` (missing)

function clampTo100(p: number): number {
  if (p < 0) return 0;
  if (p > 100) return 100;
  return p;
}

/** Points of a rule for a number (the value after the transform, when there is one). */
function pointsOfNumber(rule: ScoringRule, x: number): number | undefined {
  if (rule.type === 'linear') {
    const fraction = (x - rule.worst) / (rule.best - rule.worst);
    return clampTo100(fraction * 100);
  }
  if (rule.type === 'range') {
    const a = rule.ideal[0];
    const b = rule.ideal[1];
    const lo = rule.zeroAt[0];
    const hi = rule.zeroAt[1];
    if (x >= a && x <= b) return 100; // inside the ideal, edges included (R3)
    if (x <= lo || x >= hi) return 0;
    if (x < a) return ((x - lo) / (a - lo)) * 100;
    return ((hi - x) / (hi - b)) * 100;
  }
  if (rule.type === 'steps') {
    for (const step of rule.steps) {
      if (step.upTo === undefined) return step.points;
      if (step.upTo >= x) return step.points;
    }
    return undefined; // cannot happen with a valid rule: the last step has no upTo
  }
  return undefined;
}

function ruleNeedsNumber(rule: ScoringRule): boolean {
  return rule.type === 'linear' || rule.type === 'range' || rule.type === 'steps';
}

function pointsOf(rule: ScoringRule, v: RefValue, transform: Metric['transform'], asOfDay: number): number | undefined {
  if (transform === 'daysSince') {
    const d = readAsDay(v);
    if (d === undefined) return undefined;
    const days = asOfDay - d;
    if (ruleNeedsNumber(rule)) return pointsOfNumber(rule, days);
    return pointsOf(rule, days, undefined, asOfDay);
  }
  if (ruleNeedsNumber(rule)) {
    const x = readAsNumber(v);
    return x === undefined ? undefined : pointsOfNumber(rule, x);
  }
  if (rule.type === 'boolean') {
    const b = readAsBoolean(v);
    if (b === undefined) return undefined;
    return b ? rule.true : rule.false;
  }
  if (rule.type === 'map') {
    for (const label of Object.keys(rule.points)) {
      if (matchesLabel(v, label)) return rule.points[label];
    }
    return undefined; // unknown label: missing
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rounding: 6 decimals first, then the wanted decimals, halves away from zero, on the decimal digits

/**
 * Rounds `x` to `decimals` (0–6) places, halves away from zero, after first rounding it to 6
 * decimals — done on the decimal text, so that what prints as 31.5 rounds to 32 whatever bits hold it.
 */
export function roundLikeTheSpec(x: number, decimals: number): number {
  const negative = x < 0;
  const six = Math.abs(x).toFixed(6); // "31.500000": the 6-decimal pre-rounding (toFixed rounds halves up on the magnitude)
  const dot = six.indexOf('.');
  const whole = six.slice(0, dot);
  const frac = six.slice(dot + 1);
  const kept = whole + frac.slice(0, decimals); // digits kept, as an integer string
  const nextDigit = frac.charCodeAt(decimals) - 48; // NaN when decimals === 6
  let n = BigInt(kept);
  if (decimals < 6 && nextDigit >= 5) n += 1n;
  const magnitude = Number(n) / 10 ** decimals;
  const result = negative ? -magnitude : magnitude;
  return result === 0 ? 0 : result; // no -0
}

/**
 * Rounds `x` to `decimals` places, halves away from zero, on the value the arithmetic meant:
 * float noise (far below 1e-10) is dropped first, nothing else. This is the headless scorer's
 * coverage column (R11), which — unlike the score — has no 6-decimal pre-rounding in the spec:
 * a coverage of 0.77249982 is 0.772 (rounding to 6 decimals first would say 0.773), and one of
 * 0.6375, stored as 0.63749999999999995559, is 0.638 (a half, away from zero).
 */
export function roundHalfAwayExact(x: number, decimals: number): number {
  const meant = Math.abs(x).toFixed(10);
  const dot = meant.indexOf('.');
  const kept = meant.slice(0, dot) + meant.slice(dot + 1, dot + 1 + decimals);
  let n = BigInt(kept);
  if (meant.charCodeAt(dot + 1 + decimals) - 48 >= 5) n += 1n;
  const magnitude = Number(n) / 10 ** decimals;
  const result = x < 0 ? -magnitude : magnitude;
  return result === 0 ? 0 : result;
}

// ---------------------------------------------------------------------------------------------
// Adjustments (R9)

function compareNumbers(left: number, op: ComparisonOp, right: number): boolean {
  switch (op) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}

function isOrdering(op: ComparisonOp): boolean {
  return op === '>' || op === '>=' || op === '<' || op === '<=';
}

/** Does the customer's value meet the adjustment's condition? A missing value never does. */
export function conditionMet(adjustment: Adjustment, v: RefValue): boolean {
  const { op, value } = adjustment.when;
  if (typeof value === 'number') {
    const x = readAsNumber(v);
    return x !== undefined && compareNumbers(x, op, value);
  }
  if (typeof value === 'boolean') {
    const b = readAsBoolean(v);
    if (b === undefined) return false;
    if (op === '==') return b === value;
    if (op === '!=') return b !== value;
    return false;
  }
  if (isOrdering(op) && isIsoDateString(value)) {
    const d = readAsDay(v);
    const threshold = isoToDayNumber(value);
    return d !== undefined && threshold !== undefined && compareNumbers(d, op, threshold);
  }
  // A label: only text reads as a label here.
  if (typeof v !== 'string') return false;
  if (op === '==') return normalize(v) === normalize(value);
  if (op === '!=') return normalize(v) !== normalize(value);
  return false;
}

// ---------------------------------------------------------------------------------------------
// One customer

interface CustomerPart {
  readonly id: string;
  readonly score: number | null;
  readonly raw: number | null;
  readonly coverage: number;
  readonly categories: Record<string, number | null>;
}

function policyOf(model: HealthModel, metric: Metric): MissingPolicy {
  return metric.missing ?? model.missing ?? 'renormalize';
}

/** The segment key the customer's value matches, if any (the first key in the model's order). */
function segmentOf(model: HealthModel, customer: RefCustomer): string | undefined {
  if (!model.segments) return undefined;
  const v = customer.values[model.segments.field] ?? null;
  for (const key of Object.keys(model.segments.overrides)) {
    if (matchesLabel(v, key)) return key;
  }
  return undefined;
}

function isStale(metric: Metric, source: string, customer: RefCustomer, asOfDay: number): boolean {
  if (metric.maxAgeDays === undefined) return false;
  const seen = customer.observedOn?.[source];
  if (seen === undefined) return false;
  const seenDay = isoToDayNumber(seen);
  if (seenDay === undefined) return false;
  return asOfDay - seenDay > metric.maxAgeDays;
}

function scoreOneCustomer(model: HealthModel, customer: RefCustomer, asOfDay: number): CustomerPart {
  const segment = segmentOf(model, customer);
  const overrides = segment === undefined ? undefined : model.segments?.overrides[segment];

  const categoryScores: Record<string, number | null> = {};
  // Per category taking part: its weight, its score (null if nothing to score) and its share of data.
  const taking: { weight: number; score: number | null; dataShare: number }[] = [];
  let anyData = false;

  for (const category of model.categories) {
    categoryScores[category.id] = null;
    if (!(category.weight > 0)) continue; // weight 0 takes no part anywhere

    let weightSum = 0;
    let weightWithData = 0;
    let pointsTimesWeight = 0;
    let weightScored = 0;
    for (const metric of category.metrics) {
      const override = overrides?.[metric.id];
      const weight = override?.weight ?? metric.weight;
      const rule = override?.scoring ?? metric.scoring;
      if (!(weight > 0)) continue; // weight 0 (maybe by segment) takes no part

      weightSum += weight;
      const source = metric.source ?? metric.id;
      const value = customer.values[source] ?? null;
      let points: number | undefined = isStale(metric, source, customer, asOfDay) ? undefined : pointsOf(rule, value, metric.transform, asOfDay);
      if (points !== undefined) {
        anyData = true;
        weightWithData += weight;
      } else {
        const policy = policyOf(model, metric);
        if (policy === 'neutral') points = 50;
        else if (policy === 'zero') points = 0;
      }
      if (points !== undefined) {
        pointsTimesWeight += points * weight;
        weightScored += weight;
      }
    }
    if (weightSum === 0) continue; // all its metrics weigh 0 for this customer: takes no part (R5)
    const score = weightScored > 0 ? pointsTimesWeight / weightScored : null;
    categoryScores[category.id] = score;
    taking.push({ weight: category.weight, score, dataShare: weightWithData / weightSum });
  }

  if (!anyData) {
    // R7: no score, no category scores, coverage 0, insufficient, no adjustments.
    const none: Record<string, number | null> = {};
    for (const category of model.categories) none[category.id] = null;
    return { id: customer.id, score: null, raw: null, coverage: 0, categories: none };
  }

  let totalWeight = 0;
  for (const t of taking) totalWeight += t.weight;
  let coverage = 0;
  for (const t of taking) coverage += (t.weight / totalWeight) * t.dataShare;

  let scoredWeight = 0;
  let weighted = 0;
  for (const t of taking) {
    if (t.score === null) continue;
    scoredWeight += t.weight;
    weighted += t.weight * t.score;
  }
  let x = weighted / scoredWeight;

  let addedPoints = 0;
  let lowestCap: number | undefined;
  for (const adjustment of model.adjustments ?? []) {
    const v = customer.values[adjustment.source] ?? null;
    if (!conditionMet(adjustment, v)) continue;
    if (adjustment.points !== undefined) addedPoints += adjustment.points;
    if (adjustment.cap !== undefined) lowestCap = lowestCap === undefined ? adjustment.cap : Math.min(lowestCap, adjustment.cap);
  }
  x += addedPoints;
  if (lowestCap !== undefined && x > lowestCap) x = lowestCap;
  x = clampTo100(x);

  return { id: customer.id, score: roundLikeTheSpec(x, 0), raw: x, coverage, categories: categoryScores };
}

// ---------------------------------------------------------------------------------------------
// Bands

function hasEnoughData(model: HealthModel, part: CustomerPart): boolean {
  if (part.score === null) return false;
  const minCoverage = model.minCoverage ?? 0.5;
  return !(roundLikeTheSpec(part.coverage, 6) < minCoverage); // R6
}

const DEFAULT_CUTS = [
  { id: 'red', max: 50 },
  { id: 'yellow', max: 70 },
  { id: 'green', max: 100 },
];

/** Scores every customer: the reference answer for `scorePortfolio` and the headless scorer. */
export function naiveScore(model: HealthModel, customers: readonly RefCustomer[], asOf: string): RefResult[] {
  const asOfDay = isoToDayNumber(asOf);
  if (asOfDay === undefined) throw new Error(`naiveScore: as-of is not a date: ${asOf}`);
  const parts = customers.map((c) => scoreOneCustomer(model, c, asOfDay));

  const bands = model.bands ?? { mode: 'fixed' as const, cuts: DEFAULT_CUTS };
  let bandOf: (score: number) => string;
  if (bands.mode === 'quantile') {
    const sorted = parts.filter((p) => hasEnoughData(model, p)).map((p) => p.score as number);
    sorted.sort((a, b) => a - b);
    const n = sorted.length;
    const p25 = sorted[Math.ceil(0.25 * n) - 1] ?? NaN;
    const p75 = sorted[Math.ceil(0.75 * n) - 1] ?? NaN;
    bandOf = (score) => (score <= p25 ? 'red' : score >= p75 ? 'green' : 'yellow');
  } else {
    const cuts = bands.cuts;
    bandOf = (score) => {
      for (const cut of cuts) if (score <= cut.max) return cut.id;
      throw new Error(`naiveScore: no band for ${score}`);
    };
  }

  return parts.map((p) => ({
    id: p.id,
    score: p.score,
    raw: p.raw,
    coverage: p.coverage,
    categories: p.categories,
    band: hasEnoughData(model, p) ? bandOf(p.score as number) : 'insufficient',
  }));
}
