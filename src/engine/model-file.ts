/**
 * Model files: reading, checking and writing `health-model/v1` JSON.
 *
 * `parseModel` is the one door through which a model enters the app, from a file or from anywhere
 * else: it checks every rule of the format, reports every problem by JSON path, and repairs what
 * is safe to repair (unknown fields are dropped, with a warning saying so). `exportModel` writes
 * the same format back with a fixed key order, so that a file read and written again is a
 * faithful copy, and two exports of one model are byte-identical.
 */
import { COMPARISON_OPS, INSUFFICIENT, MISSING_POLICIES, MODEL_FORMAT, RULE_TYPES, TRANSFORMS } from './model';
import type {
  Adjustment,
  BandCut,
  Bands,
  Category,
  ComparisonOp,
  HealthModel,
  Metric,
  MetricOverride,
  RuleType,
  ScoringRule,
  Segments,
  Step,
} from './model';
import { parseIsoDay } from './portfolio';
import { normalizeLabel } from './values';

/** One thing wrong (error) or repaired (warning) in a model file. */
export interface ModelProblem {
  /** JSON path of the field, like `categories[2].metrics[0].scoring.worst`; `$` is the whole file. */
  readonly path: string;
  /** Plain-language reason, like `must differ from best (both are 10)`. */
  readonly message: string;
  /** An error rejects the model; a warning says what was repaired or ignored. */
  readonly severity: 'error' | 'warning';
}

/** What `parseModel` found: the model (null if any problem is an error) and every problem. */
export interface ParsedModel {
  readonly model: HealthModel | null;
  readonly problems: ModelProblem[];
}

/**
 * Reads and checks a model.
 *
 * @param input JSON text (as read from a file; a leading byte-order mark is ignored), or an
 *   already-parsed value.
 * @returns `model` is null when any problem is an error. All problems are reported, not only the
 *   first. A JSON syntax error is one problem at path `$` giving line and column. Warnings say
 *   what was repaired (unknown fields and `null` optional fields are dropped; of a field written
 *   twice the last is kept) or what will never have an effect. Optional fields the input leaves
 *   out stay absent (the engine resolves defaults), so `exportModel` of the result gives back the
 *   same content. `-0` reads as `0`. Never throws on any input.
 */
export function parseModel(input: unknown): ParsedModel {
  const check = new Check();
  let data = input;
  if (typeof input === 'string') {
    const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
    if (text.trim() === '') {
      check.error(ROOT, 'the file is empty: a model file holds one JSON object');
      return { model: null, problems: check.problems };
    }
    const reader = new JsonReader(text);
    try {
      data = reader.document();
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const { line, column } = lineAndColumn(text, error.offset);
      check.error(ROOT, `not valid JSON at line ${line}, column ${column}: ${error.message}`);
      return { model: null, problems: check.problems };
    }
    for (const path of reader.repeated) check.warn(path, 'appears more than once; the last value is used');
  }
  const model = readModel(check, data);
  const rejected = check.problems.some((p) => p.severity === 'error');
  return { model: rejected || model === undefined ? null : model, problems: check.problems };
}

/**
 * Reads JSON text with the same reader `parseModel` uses (a leading byte-order mark ignored):
 * `value` is absent when the text is blank or not JSON, with one error at `$` saying where; a key
 * written twice in one object is a warning at its path (the last value is kept). For other file
 * formats that hold a model (a method file), so that they word syntax errors alike.
 */
export function readJsonText(input: string, what: string): { readonly value?: unknown; readonly problems: ModelProblem[] } {
  const check = new Check();
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text.trim() === '') {
    check.error(ROOT, `the file is empty: ${what} holds one JSON object`);
    return { problems: check.problems };
  }
  const reader = new JsonReader(text);
  try {
    const value = reader.document();
    for (const path of reader.repeated) check.warn(path, 'appears more than once; the last value is used');
    return { value, problems: check.problems };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = lineAndColumn(text, error.offset);
    check.error(ROOT, `not valid JSON at line ${line}, column ${column}: ${error.message}`);
    return { problems: check.problems };
  }
}

/** A problem as one line of text: `categories[2].metrics[0].scoring.worst: must differ from best (both are 10)`. */
export function formatProblem(problem: ModelProblem): string {
  return `${problem.path}: ${problem.message}`;
}

/**
 * Writes a model as a `health-model/v1` file: JSON with 2-space indent, keys in a fixed order
 * (the order of the format's documentation), absent optional fields left out, and a trailing
 * newline. For any valid model `m`, `parseModel(exportModel(m)).model` deep-equals `m` (a `-0`
 * is written as `0`), and exporting that again gives the same text.
 */
export function exportModel(model: HealthModel): string {
  return `${JSON.stringify(canonicalModel(model), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// The fields each object may hold, listed in the order exportModel writes them.

const MODEL_FIELDS = ['format', 'name', 'description', 'missing', 'minCoverage', 'categories', 'adjustments', 'bands', 'segments'];
const CATEGORY_FIELDS = ['id', 'label', 'weight', 'metrics'];
const METRIC_FIELDS = ['id', 'label', 'weight', 'source', 'transform', 'missing', 'maxAgeDays', 'scoring'];
const RULE_FIELDS: Readonly<Record<RuleType, readonly string[]>> = {
  linear: ['type', 'worst', 'best'],
  range: ['type', 'ideal', 'zeroAt'],
  steps: ['type', 'steps'],
  boolean: ['type', 'true', 'false'],
  map: ['type', 'points'],
};
const STEP_FIELDS = ['upTo', 'points'];
const ADJUSTMENT_FIELDS = ['id', 'label', 'source', 'when', 'points', 'cap'];
const CONDITION_FIELDS = ['op', 'value'];
const BANDS_FIELDS = ['mode', 'cuts'];
const CUT_FIELDS = ['id', 'label', 'color', 'max'];
const SEGMENTS_FIELDS = ['field', 'overrides'];
const OVERRIDE_FIELDS = ['weight', 'scoring'];

const BAND_MODES = ['fixed', 'quantile'] as const;
const ORDERING_OPS: readonly ComparisonOp[] = ['>', '>=', '<', '<='];
const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const MIN_BANDS = 2;
const MAX_BANDS = 5;

// ---------------------------------------------------------------------------------------------
// Paths and descriptions of values, for messages.

const ROOT = '$';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of `key` inside `path`: `a.b`, `a[0]`, or `a["two words"]` for keys that are not identifiers. */
function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === ROOT ? key : `${path}.${key}`;
}

/** Text quoted for a message, shortened so that a pasted paragraph does not flood the list. */
function quote(text: string): string {
  const longest = 40;
  return JSON.stringify(text.length > longest ? `${text.slice(0, longest - 1)}…` : text);
}

/** What a value is, in words: `the text "10"`, `the number 3`, `a list of 2 items`, `null`. */
function describe(value: unknown): string {
  if (typeof value === 'string') return `the text ${quote(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return `a value of type ${typeof value}`;
}

/** `"a"`, or `one of "a", "b" or "c"`. */
function choices(options: readonly string[]): string {
  const quoted = options.map((o) => `"${o}"`);
  return quoted.length === 1 ? `${quoted[0]}` : `one of ${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

// ---------------------------------------------------------------------------------------------
// Checking values.

class Check {
  readonly problems: ModelProblem[] = [];
  private errors = 0;

  /** Errors so far: a reader compares it before and after to learn whether anything inside was rejected. */
  get errorCount(): number {
    return this.errors;
  }

  error(path: string, message: string): undefined {
    this.problems.push({ path, message, severity: 'error' });
    this.errors += 1;
    return undefined;
  }

  warn(path: string, message: string): void {
    this.problems.push({ path, message, severity: 'warning' });
  }

  wrongType(path: string, expected: string, found: unknown): undefined {
    return this.error(path, `must be ${expected}, found ${describe(found)}`);
  }
}

/** Reads one value at `path`: the value if it is acceptable, else `undefined` after reporting why. */
type Reader<T> = (check: Check, value: unknown, path: string) => T | undefined;

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object's fields, read by name. */
class Fields {
  constructor(
    private readonly check: Check,
    readonly path: string,
    private readonly values: Readonly<Record<string, unknown>>,
  ) {}

  at(key: string): string {
    return child(this.path, key);
  }

  /** The object's field names, in the order they were written. */
  keys(): string[] {
    return Object.keys(this.values);
  }

  /** The field's value; `undefined` when absent (an own `undefined` counts as absent, as in JSON). */
  raw(key: string): unknown {
    return Object.hasOwn(this.values, key) ? this.values[key] : undefined;
  }

  /** True when the field holds something other than `null`. */
  isSet(key: string): boolean {
    const value = this.raw(key);
    return value !== undefined && value !== null;
  }

  required<T>(key: string, expected: string, read: Reader<T>): T | undefined {
    const value = this.raw(key);
    if (value === undefined) return this.check.error(this.at(key), `is missing; it must be ${expected}`);
    return read(this.check, value, this.at(key));
  }

  /** Tools that write JSON often write `null` for "not set": that is how it is read. */
  optional<T>(key: string, read: Reader<T>): T | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (value === null) {
      this.check.warn(this.at(key), 'null is read as "not set"; field dropped');
      return undefined;
    }
    return read(this.check, value, this.at(key));
  }

  /** Warns about each field not in `known`; those are left behind. */
  ignoreUnknown(known: readonly string[]): void {
    for (const key of this.keys()) {
      if (!known.includes(key)) this.check.warn(this.at(key), 'unknown field, ignored');
    }
  }
}

function record(check: Check, value: unknown, path: string): Fields | undefined {
  return isObject(value) ? new Fields(check, path, value) : check.wrongType(path, 'an object { … }', value);
}

function fields(check: Check, value: unknown, path: string, known: readonly string[]): Fields | undefined {
  const f = record(check, value, path);
  f?.ignoreUnknown(known);
  return f;
}

const list: Reader<readonly unknown[]> = (check, value, path) =>
  Array.isArray(value) ? value : check.wrongType(path, 'a list [ … ]', value);

const text: Reader<string> = (check, value, path) => (typeof value === 'string' ? value : check.wrongType(path, 'text', value));

const name: Reader<string> = (check, value, path) => {
  const found = text(check, value, path);
  if (found !== undefined && found.trim() === '') return check.error(path, 'must not be empty');
  return found;
};

const number: Reader<number> = (check, value, path) => {
  if (typeof value !== 'number') return check.wrongType(path, 'a number', value);
  if (!Number.isFinite(value)) return check.error(path, `must be a finite number, found ${value}`);
  // -0 prints as 0, so it is read as 0: a model then survives export and import unchanged.
  return value + 0;
};

function numberWhere(test: (n: number) => boolean, rule: string): Reader<number> {
  return (check, value, path) => {
    const n = number(check, value, path);
    if (n !== undefined && !test(n)) return check.error(path, `must be ${rule}, found ${n}`);
    return n;
  };
}

const nonNegative = numberWhere((n) => n >= 0, '0 or more');
const points = numberWhere((n) => n >= 0 && n <= 100, 'between 0 and 100');
const share = numberWhere((n) => n >= 0 && n <= 1, 'between 0 and 1');
const wholeNumber = numberWhere(Number.isInteger, 'a whole number');

function oneOf<T extends string>(options: readonly T[]): Reader<T> {
  return (check, value, path) => {
    const found = options.find((o) => o === value);
    return found ?? check.error(path, `must be ${choices(options)}, found ${describe(value)}`);
  };
}

const colour: Reader<string> = (check, value, path) => {
  const found = text(check, value, path);
  if (found !== undefined && !HEX_COLOUR.test(found)) {
    return check.error(path, `must be a colour written as # and 3 or 6 hex digits, like "#2e7d32", found ${describe(found)}`);
  }
  return found;
};

/** Ids that must be unique within a group: the second use of one is an error naming the first. */
class Ids {
  private readonly seen = new Map<string, string>();

  claim(check: Check, id: string, owner: string): void {
    const first = this.seen.get(id);
    if (first === undefined) this.seen.set(id, owner);
    else check.error(child(owner, 'id'), `${quote(id)} is already used by ${first}`);
  }

  has(id: string): boolean {
    return this.seen.has(id);
  }
}

/** Every item of a list read by `read`; `undefined` if any item was not acceptable. */
function readEach<T>(
  items: readonly unknown[],
  path: string,
  read: (value: unknown, path: string, index: number) => T | undefined,
): T[] | undefined {
  const results = items.map((item, i) => read(item, child(path, i), i));
  return results.every((item) => item !== undefined) ? results : undefined;
}

// ---------------------------------------------------------------------------------------------
// The model.

function readModel(check: Check, value: unknown): HealthModel | undefined {
  const f = fields(check, value, ROOT, MODEL_FIELDS);
  if (f === undefined) return undefined;
  const format = f.required('format', `"${MODEL_FORMAT}"`, oneOf([MODEL_FORMAT] as const));
  const modelName = f.required('name', 'text', name);
  const description = f.optional('description', text);
  const missing = f.optional('missing', oneOf(MISSING_POLICIES));
  const minCoverage = f.optional('minCoverage', share);
  const metricIds = new Ids();
  const categories = f.required('categories', 'a list of categories', (c, v, p) => readCategories(c, v, p, metricIds));
  const adjustments = f.optional('adjustments', readAdjustments);
  const bands = f.optional('bands', readBands);
  // Read after the categories: overrides name metrics, which must exist by then. Without a list
  // of categories there is nothing to look them up in, and saying so once is enough.
  const knownMetrics = Array.isArray(f.raw('categories')) ? metricIds : undefined;
  const segments = f.optional('segments', (c, v, p) => readSegments(c, v, p, knownMetrics));
  if (format === undefined || modelName === undefined || categories === undefined) return undefined;
  return {
    format,
    name: modelName,
    ...(description === undefined ? {} : { description }),
    ...(missing === undefined ? {} : { missing }),
    ...(minCoverage === undefined ? {} : { minCoverage }),
    categories,
    ...(adjustments === undefined ? {} : { adjustments }),
    ...(bands === undefined ? {} : { bands }),
    ...(segments === undefined ? {} : { segments }),
  };
}

function readCategories(check: Check, value: unknown, path: string, metricIds: Ids): Category[] | undefined {
  const items = list(check, value, path);
  if (items === undefined) return undefined;
  const categoryIds = new Ids();
  // Weights are collected apart from the categories so that "no category weighs anything" is
  // reported even when a category is rejected for another reason.
  const weights: (number | undefined)[] = [];
  const categories = readEach(items, path, (item, itemPath) => readCategory(check, item, itemPath, { categoryIds, metricIds, weights }));
  if (weights.every((w) => w === 0)) {
    check.error(path, 'needs at least one category with a weight above 0');
  }
  return categories;
}

interface CategoryContext {
  readonly categoryIds: Ids;
  readonly metricIds: Ids;
  readonly weights: (number | undefined)[];
}

function readCategory(check: Check, value: unknown, path: string, context: CategoryContext): Category | undefined {
  const f = fields(check, value, path, CATEGORY_FIELDS);
  if (f === undefined) {
    context.weights.push(undefined);
    return undefined;
  }
  const id = f.required('id', 'text', name);
  if (id !== undefined) context.categoryIds.claim(check, id, path);
  const label = f.optional('label', text);
  const weight = f.required('weight', 'a number, 0 or more', nonNegative);
  context.weights.push(weight);
  const metrics = f.required('metrics', 'a list of metrics', (c, v, p) => {
    const items = list(c, v, p);
    if (items?.length === 0) c.warn(p, 'has no metrics, so this category takes no part in the score');
    return items && readEach(items, p, (item, itemPath) => readMetric(c, item, itemPath, context.metricIds));
  });
  if (id === undefined || weight === undefined || metrics === undefined) return undefined;
  return { id, ...(label === undefined ? {} : { label }), weight, metrics };
}

function readMetric(check: Check, value: unknown, path: string, metricIds: Ids): Metric | undefined {
  const f = fields(check, value, path, METRIC_FIELDS);
  if (f === undefined) return undefined;
  const id = f.required('id', 'text', name);
  if (id !== undefined) metricIds.claim(check, id, path);
  const label = f.optional('label', text);
  const weight = f.required('weight', 'a number, 0 or more', nonNegative);
  const source = f.optional('source', name);
  const transform = f.optional('transform', oneOf(TRANSFORMS));
  const missing = f.optional('missing', oneOf(MISSING_POLICIES));
  const maxAgeDays = f.optional('maxAgeDays', nonNegative);
  const scoring = f.required('scoring', `a scoring rule, an object with a "type"`, readRule);
  if (id === undefined || weight === undefined || scoring === undefined) return undefined;
  return {
    id,
    ...(label === undefined ? {} : { label }),
    weight,
    ...(source === undefined ? {} : { source }),
    ...(transform === undefined ? {} : { transform }),
    ...(missing === undefined ? {} : { missing }),
    ...(maxAgeDays === undefined ? {} : { maxAgeDays }),
    scoring,
  };
}

// ---------------------------------------------------------------------------------------------
// Scoring rules.

const readRule: Reader<ScoringRule> = (check, value, path) => {
  const f = record(check, value, path);
  if (f === undefined) return undefined;
  const type = f.required('type', choices(RULE_TYPES), oneOf(RULE_TYPES));
  // Which fields are unknown depends on the type; with no valid type there is nothing to judge.
  if (type === undefined) return undefined;
  f.ignoreUnknown(RULE_FIELDS[type]);
  switch (type) {
    case 'linear':
      return readLinear(check, f);
    case 'range':
      return readRange(check, f);
    case 'steps':
      return readSteps(check, f);
    case 'boolean': {
      const whenTrue = f.required('true', 'points, 0 to 100', points);
      const whenFalse = f.required('false', 'points, 0 to 100', points);
      return whenTrue === undefined || whenFalse === undefined ? undefined : { type, true: whenTrue, false: whenFalse };
    }
    case 'map':
      return readMap(check, f);
  }
};

function readLinear(check: Check, f: Fields): ScoringRule | undefined {
  const worst = f.required('worst', 'a number (the value that scores 0)', number);
  const best = f.required('best', 'a number (the value that scores 100)', number);
  if (worst === undefined || best === undefined) return undefined;
  if (worst === best) return check.error(f.at('worst'), `must differ from best (both are ${worst})`);
  return { type: 'linear', worst, best };
}

const pair: Reader<readonly [number, number]> = (check, value, path) => {
  if (!Array.isArray(value) || value.length !== 2) return check.wrongType(path, 'a list of two numbers, like [1, 5]', value);
  const low = number(check, value[0], child(path, 0));
  const high = number(check, value[1], child(path, 1));
  return low === undefined || high === undefined ? undefined : [low, high];
};

function readRange(check: Check, f: Fields): ScoringRule | undefined {
  const ideal = f.required('ideal', 'a list of two numbers [from, to] that score 100', pair);
  const zeroAt = f.required('zeroAt', 'a list of two numbers [low, high] where points reach 0', pair);
  if (ideal === undefined || zeroAt === undefined) return undefined;
  const [a, b] = ideal;
  const [lo, hi] = zeroAt;
  const before = check.errorCount;
  if (a > b) check.error(f.at('ideal'), `must be in ascending order, found [${a}, ${b}]`);
  if (lo > a) check.error(child(f.at('zeroAt'), 0), `must be at or below ideal[0] (${a}), found ${lo}`);
  if (hi < b) check.error(child(f.at('zeroAt'), 1), `must be at or above ideal[1] (${b}), found ${hi}`);
  if (lo === hi) check.error(f.at('zeroAt'), `must span more than one value (both ends are ${lo})`);
  return check.errorCount > before ? undefined : { type: 'range', ideal, zeroAt };
}


function readSteps(check: Check, f: Fields): ScoringRule | undefined {
  const before = check.errorCount;
  const steps = f.required('steps', 'a list of steps', (c, v, p) => {
    const items = list(c, v, p);
    if (items?.length === 0) return c.error(p, 'needs at least one step');
    let previous: number | undefined;
    return items && readEach(items, p, (item, itemPath, index): Step | undefined => {
      const step = fields(c, item, itemPath, STEP_FIELDS);
      if (step === undefined) return undefined;
      if (index === items.length - 1) {
        if (step.isSet('upTo')) c.error(step.at('upTo'), 'must be left out on the last step, which takes every value above the others');
        const lastPoints = step.required('points', 'points, 0 to 100', points);
        return lastPoints === undefined ? undefined : { points: lastPoints };
      }
      const upTo = step.required('upTo', 'a number (every step but the last has one)', number);
      if (upTo !== undefined && previous !== undefined && upTo <= previous) {
        c.error(step.at('upTo'), `must be above the previous step's upTo (${previous}), found ${upTo}`);
      }
      previous = upTo ?? previous;
      const stepPoints = step.required('points', 'points, 0 to 100', points);
      return upTo === undefined || stepPoints === undefined ? undefined : { upTo, points: stepPoints };
    });
  });
  return steps === undefined || check.errorCount > before ? undefined : { type: 'steps', steps };
}

function readMap(check: Check, f: Fields): ScoringRule | undefined {
  const labels = f.required('points', 'an object of labels and their points, like {"happy": 100}', (c, v, p) => {
    const map = record(c, v, p);
    return map && readLabels(c, map);
  });
  return labels === undefined ? undefined : { type: 'map', points: labels };
}

function readLabels(check: Check, map: Fields): Readonly<Record<string, number>> | undefined {
  const labels = map.keys();
  if (labels.length === 0) return check.error(map.path, 'needs at least one label');
  const before = check.errorCount;
  const firstByKey = new Map<string, string>();
  const entries: [string, number][] = [];
  for (const label of labels) {
    const key = normalizeLabel(label);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, label);
    else check.error(map.at(label), `is the same label as ${quote(first)} once spaces and capitals are ignored`);
    if (key === '') check.warn(map.at(label), 'an empty label never matches: an empty cell counts as missing');
    const labelPoints = map.required(label, 'points, 0 to 100', points);
    if (labelPoints !== undefined) entries.push([label, labelPoints]);
  }
  // fromEntries, not assignment: a label such as "__proto__" must stay an ordinary key.
  return check.errorCount > before ? undefined : Object.fromEntries(entries);
}

// ---------------------------------------------------------------------------------------------
// Adjustments.

const readAdjustments: Reader<Adjustment[]> = (check, value, path) => {
  const items = list(check, value, path);
  const ids = new Ids();
  return items && readEach(items, path, (item, itemPath) => readAdjustment(check, item, itemPath, ids));
};

function readAdjustment(check: Check, value: unknown, path: string, ids: Ids): Adjustment | undefined {
  const f = fields(check, value, path, ADJUSTMENT_FIELDS);
  if (f === undefined) return undefined;
  const id = f.required('id', 'text', name);
  if (id !== undefined) ids.claim(check, id, path);
  const label = f.optional('label', text);
  const source = f.required('source', 'text (the column to test)', name);
  const when = f.required('when', 'a condition, like {"op": ">", "value": 30}', readCondition);
  const adjustmentPoints = f.optional('points', number);
  const cap = f.optional('cap', points);
  if (!f.isSet('points') && !f.isSet('cap')) return check.error(path, 'needs points, a cap, or both');
  if (id === undefined || source === undefined || when === undefined) return undefined;
  return {
    id,
    ...(label === undefined ? {} : { label }),
    source,
    when,
    ...(adjustmentPoints === undefined ? {} : { points: adjustmentPoints }),
    ...(cap === undefined ? {} : { cap }),
  };
}

const conditionValue: Reader<number | string | boolean> = (check, value, path) => {
  if (typeof value === 'number') return number(check, value, path);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return check.wrongType(path, 'a number, text, true or false', value);
};

const readCondition: Reader<Adjustment['when']> = (check, value, path) => {
  const f = fields(check, value, path, CONDITION_FIELDS);
  if (f === undefined) return undefined;
  const op = f.required('op', choices(COMPARISON_OPS), oneOf(COMPARISON_OPS));
  const compared = f.required('value', 'a number, text, true or false', conditionValue);
  if (op === undefined || compared === undefined) return undefined;
  if (ORDERING_OPS.includes(op)) {
    if (typeof compared === 'boolean') {
      return check.error(f.at('value'), `true or false can only be compared with "==" or "!=", not "${op}"`);
    }
    if (typeof compared === 'string' && parseIsoDay(compared) === undefined) {
      return check.error(f.at('value'), `must be a number or a date (yyyy-mm-dd) to compare with "${op}", found ${describe(compared)}`);
    }
  }
  return { op, value: compared };
};

// ---------------------------------------------------------------------------------------------
// Bands.

const readBands: Reader<Bands> = (check, value, path) => {
  const f = fields(check, value, path, BANDS_FIELDS);
  if (f === undefined) return undefined;
  const mode = f.required('mode', choices(BAND_MODES), oneOf(BAND_MODES));
  if (mode === 'quantile') {
    if (f.isSet('cuts')) return check.error(f.at('cuts'), 'must be left out: quantile bands take no cuts (or use mode "fixed")');
    return { mode };
  }
  // A file with cuts but a bad mode most likely meant "fixed": its cuts are checked all the same.
  const cuts = f.required('cuts', `a list of ${MIN_BANDS} to ${MAX_BANDS} bands`, readCuts);
  return mode === undefined || cuts === undefined ? undefined : { mode, cuts };
};

const readCuts: Reader<BandCut[]> = (check, value, path) => {
  const items = list(check, value, path);
  if (items === undefined) return undefined;
  const before = check.errorCount;
  if (items.length < MIN_BANDS || items.length > MAX_BANDS) {
    check.error(path, `must list ${MIN_BANDS} to ${MAX_BANDS} bands, found ${items.length}`);
  }
  const ids = new Ids();
  let previous: number | undefined;
  const cuts = readEach(items, path, (item, itemPath, index): BandCut | undefined => {
    const f = fields(check, item, itemPath, CUT_FIELDS);
    if (f === undefined) return undefined;
    const id = f.required('id', 'text', name);
    if (id === INSUFFICIENT) check.error(f.at('id'), `"${INSUFFICIENT}" is reserved for customers with too little data; choose another id`);
    else if (id !== undefined) ids.claim(check, id, itemPath);
    const label = f.optional('label', text);
    const color = f.optional('color', colour);
    const max = f.required('max', 'a whole number, the highest score in the band', wholeNumber);
    if (max !== undefined) {
      if (index === 0 && max < 0) check.error(f.at('max'), `must be 0 or more, found ${max}`);
      if (previous !== undefined && max <= previous) check.error(f.at('max'), `must be above the previous band's max (${previous}), found ${max}`);
      if (index === items.length - 1 && max !== 100) check.error(f.at('max'), `must be 100 on the last band, found ${max}`);
    }
    previous = max ?? previous;
    if (id === undefined || max === undefined) return undefined;
    return {
      id,
      ...(label === undefined ? {} : { label }),
      ...(color === undefined ? {} : { color }),
      max,
    };
  });
  return check.errorCount > before ? undefined : cuts;
};

// ---------------------------------------------------------------------------------------------
// Segments.

function readSegments(check: Check, value: unknown, path: string, metricIds: Ids | undefined): Segments | undefined {
  const f = fields(check, value, path, SEGMENTS_FIELDS);
  if (f === undefined) return undefined;
  const field = f.required('field', 'text (the customer column that names the segment)', name);
  const overrides = f.required('overrides', 'an object like {"onboarding": {"<metric id>": {"weight": 0}}}', (c, v, p) => {
    const segmentValues = record(c, v, p);
    return segmentValues && readOverrides(c, segmentValues, metricIds);
  });
  return field === undefined || overrides === undefined ? undefined : { field, overrides };
}

function readOverrides(check: Check, segmentValues: Fields, metricIds: Ids | undefined): Segments['overrides'] | undefined {
  const before = check.errorCount;
  const firstByKey = new Map<string, string>();
  const entries: [string, Readonly<Record<string, MetricOverride>>][] = [];
  for (const segmentValue of segmentValues.keys()) {
    const path = segmentValues.at(segmentValue);
    const key = normalizeLabel(segmentValue);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, segmentValue);
    else check.error(path, `is the same segment as ${quote(first)} once spaces and capitals are ignored`);
    if (key === '') check.warn(path, 'an empty segment value never matches: an empty cell counts as missing');
    const metrics = record(check, segmentValues.raw(segmentValue), path);
    if (metrics === undefined) continue;
    const overrides: [string, MetricOverride][] = [];
    for (const metricId of metrics.keys()) {
      const overridePath = metrics.at(metricId);
      if (metricIds !== undefined && !metricIds.has(metricId)) check.error(overridePath, `no metric has the id ${quote(metricId)}`);
      const override = readOverride(check, metrics.raw(metricId), overridePath);
      if (override !== undefined) overrides.push([metricId, override]);
    }
    entries.push([segmentValue, Object.fromEntries(overrides)]);
  }
  return check.errorCount > before ? undefined : Object.fromEntries(entries);
}

const readOverride: Reader<MetricOverride> = (check, value, path) => {
  const f = fields(check, value, path, OVERRIDE_FIELDS);
  if (f === undefined) return undefined;
  const weight = f.optional('weight', nonNegative);
  const scoring = f.optional('scoring', readRule);
  if (!f.isSet('weight') && !f.isSet('scoring')) check.warn(path, 'sets neither weight nor scoring, so it changes nothing');
  return { ...(weight === undefined ? {} : { weight }), ...(scoring === undefined ? {} : { scoring }) };
};

// ---------------------------------------------------------------------------------------------
// Writing: every object rebuilt with its keys in the documented order. `undefined` fields are
// left out by JSON.stringify, which is what keeps absent optional fields absent.

function canonicalModel(model: HealthModel): HealthModel {
  return {
    format: model.format,
    name: model.name,
    description: model.description,
    missing: model.missing,
    minCoverage: model.minCoverage,
    categories: model.categories.map((category) => ({
      id: category.id,
      label: category.label,
      weight: category.weight,
      metrics: category.metrics.map(canonicalMetric),
    })),
    adjustments: model.adjustments?.map(canonicalAdjustment),
    bands: model.bands && canonicalBands(model.bands),
    segments: model.segments && {
      field: model.segments.field,
      overrides: mapValues(model.segments.overrides, (metrics) =>
        mapValues(metrics, (override) => ({
          weight: override.weight,
          scoring: override.scoring && canonicalRule(override.scoring),
        })),
      ),
    },
  };
}

function canonicalMetric(metric: Metric): Metric {
  return {
    id: metric.id,
    label: metric.label,
    weight: metric.weight,
    source: metric.source,
    transform: metric.transform,
    missing: metric.missing,
    maxAgeDays: metric.maxAgeDays,
    scoring: canonicalRule(metric.scoring),
  };
}

function canonicalRule(rule: ScoringRule): ScoringRule {
  switch (rule.type) {
    case 'linear':
      return { type: rule.type, worst: rule.worst, best: rule.best };
    case 'range':
      return { type: rule.type, ideal: rule.ideal, zeroAt: rule.zeroAt };
    case 'steps':
      return { type: rule.type, steps: rule.steps.map((step) => ({ upTo: step.upTo, points: step.points })) };
    case 'boolean':
      return { type: rule.type, true: rule.true, false: rule.false };
    case 'map':
      return { type: rule.type, points: rule.points };
  }
}

function canonicalAdjustment(adjustment: Adjustment): Adjustment {
  return {
    id: adjustment.id,
    label: adjustment.label,
    source: adjustment.source,
    when: { op: adjustment.when.op, value: adjustment.when.value },
    points: adjustment.points,
    cap: adjustment.cap,
  };
}

function canonicalBands(bands: Bands): Bands {
  if (bands.mode === 'quantile') return { mode: bands.mode };
  return {
    mode: bands.mode,
    cuts: bands.cuts.map((cut) => ({ id: cut.id, label: cut.label, color: cut.color, max: cut.max })),
  };
}

function mapValues<T, U>(values: Readonly<Record<string, T>>, f: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, f(value)]));
}

// ---------------------------------------------------------------------------------------------
// JSON text. A small reader of our own rather than JSON.parse: browsers word (and place) syntax
// errors differently or not at all, and JSON.parse silently keeps the last of two equal keys.

/** A syntax error at a character offset of the text. */
class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

/** A model is a few levels deep; this bounds the recursion against a hostile file. */
const MAX_DEPTH = 64;
const NUMBER_CHARS = /[-+0-9.eE]+/y;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const WORD = /[A-Za-z_$][\w$]*/y;
const FIELD_NAME = 'a field name in double quotes';
const VALUE = 'a value';

/** Reads one JSON document (RFC 8259), noting the paths of repeated keys. */
class JsonReader {
  private at = 0;
  /** Paths of keys written twice in one object (the last value wins, as with JSON.parse). */
  readonly repeated: string[] = [];

  constructor(private readonly text: string) {}

  document(): unknown {
    this.space();
    const value = this.value(ROOT, 0);
    this.space();
    if (this.at < this.text.length) throw this.unexpected('the end of the file after the model');
    return value;
  }

  private value(path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) throw this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    const ch = this.text[this.at];
    switch (ch) {
      case '{':
        return this.object(path, depth);
      case '[':
        return this.array(path, depth);
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
    }
    if (ch !== undefined && '-+.0123456789'.includes(ch)) return this.number();
    throw this.unexpected(VALUE);
  }

  private object(path: string, depth: number): Record<string, unknown> {
    this.at += 1;
    const entries: [string, unknown][] = [];
    const keys = new Set<string>();
    this.space();
    if (this.peek() === '}') {
      this.at += 1;
      return {};
    }
    for (;;) {
      this.space();
      if (this.peek() !== '"') {
        // Only reachable after a comma: the empty object was handled above.
        throw this.peek() === '}' ? this.fail('remove the comma before "}": nothing follows it') : this.unexpected(FIELD_NAME);
      }
      const key = this.string();
      const keyPath = child(path, key);
      if (keys.has(key)) this.repeated.push(keyPath);
      keys.add(key);
      this.space();
      if (this.peek() !== ':') throw this.unexpected('":" after the field name');
      this.at += 1;
      this.space();
      entries.push([key, this.value(keyPath, depth + 1)]);
      this.space();
      if (this.peek() === '}') {
        this.at += 1;
        // fromEntries, not assignment: a "__proto__" key must stay an ordinary field.
        return Object.fromEntries(entries);
      }
      if (this.peek() !== ',') throw this.unexpected('"," or "}"');
      this.at += 1;
    }
  }

  private array(path: string, depth: number): unknown[] {
    this.at += 1;
    const items: unknown[] = [];
    this.space();
    if (this.peek() === ']') {
      this.at += 1;
      return items;
    }
    for (;;) {
      this.space();
      if (this.peek() === ']') throw this.fail('remove the comma before "]": nothing follows it');
      items.push(this.value(child(path, items.length), depth + 1));
      this.space();
      if (this.peek() === ']') {
        this.at += 1;
        return items;
      }
      if (this.peek() !== ',') throw this.unexpected('"," or "]"');
      this.at += 1;
    }
  }

  private string(): string {
    const start = this.at;
    this.at += 1;
    let out = '';
    for (;;) {
      const ch = this.text[this.at];
      if (ch === undefined) {
        this.at = start;
        throw this.fail('this text has no closing double quote');
      }
      if (ch === '"') {
        this.at += 1;
        return out;
      }
      if (ch === '\\') {
        out += this.escape();
      } else if (ch < ' ') {
        throw this.fail(ch === '\n' || ch === '\r' ? 'a line break inside text: close the text with a double quote, or write \\n' : 'a control character inside text');
      } else {
        out += ch;
        this.at += 1;
      }
    }
  }

  private escape(): string {
    const code = this.text[this.at + 1] ?? '';
    const simple = ESCAPES.get(code);
    if (simple !== undefined) {
      this.at += 2;
      return simple;
    }
    const hex = this.text.slice(this.at + 2, this.at + 6);
    if (code === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
      this.at += 6;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    throw this.fail(`"\\${code}" is not a valid escape in text; write "\\\\" for a backslash`);
  }

  private number(): number {
    NUMBER_CHARS.lastIndex = this.at;
    const lexeme = NUMBER_CHARS.exec(this.text)?.[0] ?? '';
    if (!JSON_NUMBER.test(lexeme)) throw this.fail(`${quote(lexeme)} is not a valid number`);
    this.at += lexeme.length;
    return Number(lexeme);
  }

  private literal<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.at)) throw this.unexpected(VALUE);
    this.at += word.length;
    return value;
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.at))) this.at += 1;
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  private fail(message: string): JsonSyntaxError {
    return new JsonSyntaxError(this.at, message);
  }

  /** "expected X, found Y", with a hint for the usual slips of hand-written JSON. */
  private unexpected(expected: string): JsonSyntaxError {
    const ch = this.peek();
    if (ch === undefined) return this.fail(`the file ends too early: expected ${expected}`);
    if (ch === "'") return this.fail(`expected ${expected}, found "'": JSON takes double quotes`);
    if (ch === '/') return this.fail(`expected ${expected}, found "/": JSON does not allow comments`);
    if (expected === FIELD_NAME && ch >= '0' && ch <= '9') {
      return this.fail(`expected ${expected}, found "${ch}": JSON numbers take a dot for decimals (0.5, not 0,5)`);
    }
    if (ch === '"' && expected.startsWith('","')) return this.fail(`expected ${expected}, found '"': is a comma missing before it?`);
    WORD.lastIndex = this.at;
    const word = WORD.exec(this.text)?.[0];
    if (word === 'NaN' || word === 'Infinity') return this.fail(`expected ${expected}, found ${word}: JSON has only finite numbers`);
    if (word !== undefined && expected === FIELD_NAME) return this.fail(`expected ${expected}, found ${word}: field names take double quotes`);
    if (word !== undefined && expected === VALUE) return this.fail(`expected ${expected}, found ${word}: text takes double quotes`);
    if (word !== undefined) return this.fail(`expected ${expected}, found ${word}`);
    return this.fail(`expected ${expected}, found ${JSON.stringify(ch)}`);
  }
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
