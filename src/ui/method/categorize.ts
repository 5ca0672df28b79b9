/**
 * The Categorize step's edits of a draft model, as pure functions: each takes the draft and gives a
 * new one (the draft is never changed in place), so the wizard can keep it, undo it or score it.
 * Also what a draft still lacks before the next step, and the rule choices that fit an indicator.
 */
import { parseModel, type Category, type ColumnKind, type HealthModel, type Metric, type ModelProblem, type ScoringRule } from '../../engine';
import type { Locale, MessageKey } from '../../i18n';
import type { IndicatorDistribution } from '../../worker/api';
import { libraryRule, sentimentRule, type LibraryIndicator } from './indicator-library';

/** A category weight for a model with none yet (the Weigh step sets the real ones). */
const FIRST_CATEGORY_WEIGHT = 10;
/** A new indicator's weight inside its category. */
const NEW_METRIC_WEIGHT = 1;

/** An id made from a name: lower case letters, digits and `_`; `fallback` when nothing is left. */
export function slug(text: string, fallback: string): string {
  const base = text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return base === '' ? fallback : base;
}

/** `base`, or `base_2`, `base_3`… whichever is not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

function metricIds(draft: HealthModel): string[] {
  return draft.categories.flatMap((c) => c.metrics.map((m) => m.id));
}

function withCategory(draft: HealthModel, index: number, change: (category: Category) => Category): HealthModel {
  return { ...draft, categories: draft.categories.map((c, k) => (k === index ? change(c) : c)) };
}

function withMetric(draft: HealthModel, ci: number, mi: number, change: (metric: Metric) => Metric): HealthModel {
  return withCategory(draft, ci, (c) => ({ ...c, metrics: c.metrics.map((m, k) => (k === mi ? change(m) : m)) }));
}

/** A model with one empty category, named in the user's language. */
export function blankModel(names: { readonly model: string; readonly category: string }): HealthModel {
  return { format: 'health-model/v1', name: names.model, categories: [{ id: slug(names.category, 'category'), label: names.category, weight: FIRST_CATEGORY_WEIGHT, metrics: [] }] };
}

/** Adds an empty category named `label` at the end, weighing as much as the others do on average. */
export function addCategory(draft: HealthModel, label: string): HealthModel {
  const name = label.trim();
  const id = uniqueId(slug(name, 'category'), draft.categories.map((c) => c.id));
  const weights = draft.categories.map((c) => c.weight);
  const weight = weights.length > 0 ? Math.max(1, Math.round(weights.reduce((a, b) => a + b, 0) / weights.length)) : FIRST_CATEGORY_WEIGHT;
  return { ...draft, categories: [...draft.categories, { id, label: name, weight, metrics: [] }] };
}

/** Renames category `index` (its id stays, so weights, segments and history keep pointing at it). */
export function renameCategory(draft: HealthModel, index: number, label: string): HealthModel {
  return withCategory(draft, index, (c) => ({ ...c, label }));
}

/** Removes category `index` and its indicators, and segment overrides of those indicators. */
export function removeCategory(draft: HealthModel, index: number): HealthModel {
  const gone = new Set(draft.categories[index]?.metrics.map((m) => m.id) ?? []);
  return withoutOverrides({ ...draft, categories: draft.categories.filter((_, k) => k !== index) }, gone);
}

/** Segment overrides name metrics: those of a removed metric must go too, or the model no longer reads. */
function withoutOverrides(draft: HealthModel, gone: ReadonlySet<string>): HealthModel {
  if (!draft.segments || gone.size === 0) return draft;
  const overrides = Object.fromEntries(
    Object.entries(draft.segments.overrides).map(([segment, metrics]) => [segment, Object.fromEntries(Object.entries(metrics).filter(([id]) => !gone.has(id)))]),
  );
  return { ...draft, segments: { ...draft.segments, overrides } };
}

/** Adds `metric` to category `ci`, its id made unique in the model. */
export function addMetric(draft: HealthModel, ci: number, metric: Metric): HealthModel {
  const id = uniqueId(metric.id, metricIds(draft));
  // A metric whose id was its column name keeps reading that column under its new id.
  const source = metric.source ?? metric.id;
  const added: Metric = { ...metric, id, source };
  // A fresh copy: leaving out a source equal to the id keeps the file as a person would write it.
  if (source === id) Reflect.deleteProperty(added, 'source');
  return withCategory(draft, ci, (c) => ({ ...c, metrics: [...c.metrics, added] }));
}

/** A library indicator as a metric, labelled in the user's language. */
export function metricFromLibrary(entry: LibraryIndicator, label: string, locale: Locale): Metric {
  return {
    id: entry.id,
    label,
    weight: NEW_METRIC_WEIGHT,
    ...(entry.source === entry.id ? {} : { source: entry.source }),
    ...(entry.transform ? { transform: entry.transform } : {}),
    ...(entry.maxAgeDays === undefined ? {} : { maxAgeDays: entry.maxAgeDays }),
    scoring: libraryRule(entry, locale),
  };
}

/**
 * An imported column as a metric: dates become "days since", and the first rule fits the values
 * the customers have (`distribution`), higher being better.
 */
export function metricFromColumn(column: { readonly column: string; readonly kind: ColumnKind }, label: string, distribution: IndicatorDistribution | null, locale: Locale): Metric {
  const id = slug(column.column, 'indicator');
  const daysSince = column.kind === 'date';
  const kind: ValueKind = column.kind === 'date' ? 'number' : column.kind;
  const choice: RuleChoice = kind === 'boolean' ? 'boolean' : kind === 'text' ? 'map' : daysSince ? 'down' : 'up';
  return {
    id,
    label,
    weight: NEW_METRIC_WEIGHT,
    ...(id === column.column ? {} : { source: column.column }),
    ...(daysSince ? { transform: 'daysSince' as const } : {}),
    scoring: defaultRule(choice, null, distribution, locale),
  };
}

export function renameMetric(draft: HealthModel, ci: number, mi: number, label: string): HealthModel {
  return withMetric(draft, ci, mi, (m) => ({ ...m, label }));
}

/** Moves indicator `mi` of category `ci` to the end of category `to`. */
export function moveMetric(draft: HealthModel, ci: number, mi: number, to: number): HealthModel {
  const metric = draft.categories[ci]?.metrics[mi];
  if (!metric || to === ci || !draft.categories[to]) return draft;
  return {
    ...draft,
    categories: draft.categories.map((c, k) => {
      if (k === ci) return { ...c, metrics: c.metrics.filter((_, j) => j !== mi) };
      if (k === to) return { ...c, metrics: [...c.metrics, metric] };
      return c;
    }),
  };
}

export function removeMetric(draft: HealthModel, ci: number, mi: number): HealthModel {
  const id = draft.categories[ci]?.metrics[mi]?.id;
  const removed = withCategory(draft, ci, (c) => ({ ...c, metrics: c.metrics.filter((_, k) => k !== mi) }));
  return id === undefined ? removed : withoutOverrides(removed, new Set([id]));
}

export function setRule(draft: HealthModel, ci: number, mi: number, scoring: ScoringRule): HealthModel {
  return withMetric(draft, ci, mi, (m) => ({ ...m, scoring }));
}

/** Sets or (with `undefined`) clears the age after which a value counts as missing. */
export function setMaxAge(draft: HealthModel, ci: number, mi: number, days: number | undefined): HealthModel {
  return withMetric(draft, ci, mi, (m) => {
    const changed: Metric = { ...m, maxAgeDays: days };
    if (days === undefined) Reflect.deleteProperty(changed, 'maxAgeDays');
    return changed;
  });
}

// ---------------------------------------------------------------------------------------------
// What is missing before the next step

export type StepProblem =
  | { readonly key: MessageKey; readonly params?: Readonly<Record<string, string>> }
  | { readonly model: ModelProblem };

export interface StepCheck {
  /** The draft cannot go on as it is (the wizard's "Next" should wait). */
  readonly blocking: readonly StepProblem[];
  /** Worth knowing, not in the way. */
  readonly notes: readonly StepProblem[];
}

/** What the draft still lacks: no `blocking` problem means `parseModel` accepts it and it has an indicator to score. */
export function checkStep(draft: HealthModel): StepCheck {
  const blocking: StepProblem[] = [];
  const notes: StepProblem[] = [];
  if (draft.categories.every((c) => c.metrics.length === 0)) blocking.push({ key: 'categorize.problems.noIndicator' });
  for (const problem of parseModel(draft).problems) if (problem.severity === 'error') blocking.push({ model: problem });
  for (const c of draft.categories) if (c.metrics.length === 0 && draft.categories.some((o) => o.metrics.length > 0)) notes.push({ key: 'categorize.problems.emptyCategory', params: { name: c.label ?? c.id } });
  return { blocking, notes };
}

// ---------------------------------------------------------------------------------------------
// Rules in plain words

/** How a rule reads to a user: the six choices of the rule editor. */
export type RuleChoice = 'up' | 'down' | 'range' | 'steps' | 'boolean' | 'map';

/** The kind of values an indicator scores: numbers (dates through "days since"), yes/no, or labels. */
export type ValueKind = 'number' | 'boolean' | 'text';

export const RULE_CHOICES: Readonly<Record<ValueKind, readonly RuleChoice[]>> = {
  number: ['up', 'down', 'range', 'steps'],
  boolean: ['boolean'],
  text: ['map'],
};

export function ruleChoiceOf(rule: ScoringRule): RuleChoice {
  switch (rule.type) {
    case 'linear':
      return rule.worst > rule.best ? 'down' : 'up';
    case 'range':
      return 'range';
    case 'steps':
      return 'steps';
    case 'boolean':
      return 'boolean';
    case 'map':
      return 'map';
  }
}

/** The kind of an indicator's values: the column's, where the portfolio has it; else what its rule reads. */
export function valueKind(metric: Metric, distribution: IndicatorDistribution | null): ValueKind {
  if (distribution && distribution.kind !== 'absent') return distribution.kind;
  if (metric.transform === 'daysSince') return 'number';
  return metric.scoring.type === 'boolean' ? 'boolean' : metric.scoring.type === 'map' ? 'text' : 'number';
}

/** Low and high ends of the values worth scoring: where most customers are, else the rule's own numbers. */
function spanOf(previous: ScoringRule | null, distribution: IndicatorDistribution | null): [number, number] {
  if (distribution?.kind === 'number' && Number.isFinite(distribution.min)) {
    if (distribution.p10 < distribution.p90) return [distribution.p10, distribution.p90];
    if (distribution.min < distribution.max) return [distribution.min, distribution.max];
    return [distribution.min, distribution.min + 10];
  }
  if (previous?.type === 'linear') return [Math.min(previous.worst, previous.best), Math.max(previous.worst, previous.best)];
  if (previous?.type === 'range') return [previous.ideal[0], previous.ideal[1] > previous.ideal[0] ? previous.ideal[1] : previous.zeroAt[1]];
  if (previous?.type === 'steps') {
    const ends = previous.steps.flatMap((s) => (s.upTo === undefined ? [] : [s.upTo]));
    if (ends.length >= 2) return [ends[0]!, ends.at(-1)!];
    if (ends.length === 1) return [ends[0]!, ends[0]! + 10];
  }
  return [0, 10];
}

/** Whether a rule gives fewer points to higher values. */
function lowerIsBetter(rule: ScoringRule | null): boolean {
  if (rule?.type === 'linear') return rule.worst > rule.best;
  if (rule?.type === 'steps') return (rule.steps[0]?.points ?? 0) > (rule.steps.at(-1)?.points ?? 0);
  return false;
}

/** `x` rounded to a step that suits a span of `span` (whole numbers from 20 up). */
function tidy(x: number, span: number): number {
  const digits = span >= 20 ? 0 : span >= 2 ? 1 : 2;
  const f = 10 ** digits;
  return Math.round(x * f) / f + 0;
}

/**
 * A first rule of kind `choice`, fitting the values the customers have (or, without them, the
 * numbers of the `previous` rule): e.g. "higher is better" from the 10th to the 90th percentile.
 */
export function defaultRule(choice: RuleChoice, previous: ScoringRule | null, distribution: IndicatorDistribution | null, locale: Locale): ScoringRule {
  if (choice === 'boolean') return previous?.type === 'boolean' ? previous : { type: 'boolean', true: 100, false: 0 };
  if (choice === 'map') {
    if (previous?.type === 'map') return previous;
    if (distribution?.kind === 'text' && distribution.labels.length > 0) {
      return { type: 'map', points: Object.fromEntries(distribution.labels.map((l) => [l.label, 50])) };
    }
    return sentimentRule(locale);
  }
  let [lo, hi] = spanOf(previous, distribution);
  const span = hi - lo;
  [lo, hi] = [tidy(lo, span), tidy(hi, span)];
  if (hi <= lo) hi = lo + 1;
  switch (choice) {
    case 'up':
      return { type: 'linear', worst: lo, best: hi };
    case 'down':
      return { type: 'linear', worst: hi, best: lo };
    case 'range': {
      const a = tidy(lo + (hi - lo) / 3, span);
      const b = Math.max(a, tidy(lo + (2 * (hi - lo)) / 3, span));
      return { type: 'range', ideal: [a, b], zeroAt: [lo, hi] };
    }
    case 'steps': {
      // Steps go the way the rule they replace went: down for "lower is better" (days since the last login).
      const [low, high] = lowerIsBetter(previous) ? [100, 0] : [0, 100];
      const mid = tidy((lo + hi) / 2, span);
      const steps = mid > lo && mid < hi ? [{ upTo: lo, points: low }, { upTo: mid, points: 50 }, { points: high }] : [{ upTo: lo, points: low }, { points: high }];
      return { type: 'steps', steps };
    }
  }
}
