/**
 * The health model: what a `health-model/v1` file holds, as TypeScript types.
 *
 * These types describe a model that has passed validation (see `model-file.ts`). Optional
 * fields stay absent when the file leaves them out; defaults are resolved by the engine
 * (`MODEL_DEFAULTS`), so that exporting a model gives back the file the user wrote.
 */

/** The `format` tag every model file carries. */
export const MODEL_FORMAT = 'health-model/v1';

/** What to do with a metric that has no usable value for a customer. */
export type MissingPolicy = 'renormalize' | 'neutral' | 'zero';

export const MISSING_POLICIES: readonly MissingPolicy[] = ['renormalize', 'neutral', 'zero'];

/** `worst` gives 0 points, `best` 100, a straight line between, clamped. `worst > best`: lower is better. */
export interface LinearRule {
  readonly type: 'linear';
  readonly worst: number;
  readonly best: number;
}

/** 100 points inside `ideal`, falling linearly to 0 at `zeroAt`'s ends, 0 outside. */
export interface RangeRule {
  readonly type: 'range';
  readonly ideal: readonly [number, number];
  readonly zeroAt: readonly [number, number];
}

/** One step: values up to `upTo` (inclusive) get `points`; the last step has no `upTo`. */
export interface Step {
  readonly upTo?: number;
  readonly points: number;
}

/** The first step whose `upTo` is at or above the value gives its points; the last catches the rest. */
export interface StepsRule {
  readonly type: 'steps';
  readonly steps: readonly Step[];
}

/** Points for a yes/no value. */
export interface BooleanRule {
  readonly type: 'boolean';
  readonly true: number;
  readonly false: number;
}

/** Points per label; matching trims and ignores case; an unknown label counts as missing. */
export interface MapRule {
  readonly type: 'map';
  readonly points: Readonly<Record<string, number>>;
}

export type ScoringRule = LinearRule | RangeRule | StepsRule | BooleanRule | MapRule;

export type RuleType = ScoringRule['type'];

export const RULE_TYPES: readonly RuleType[] = ['linear', 'range', 'steps', 'boolean', 'map'];

/** Transforms applied to a metric's raw value before its rule. */
export type Transform = 'daysSince';

export const TRANSFORMS: readonly Transform[] = ['daysSince'];

export interface Metric {
  readonly id: string;
  readonly label?: string;
  /** Weight inside its category, >= 0. 0 takes the metric out of the score and of coverage. */
  readonly weight: number;
  /** Column holding the metric's value; defaults to the metric id. */
  readonly source?: string;
  readonly transform?: Transform;
  /** Overrides the model's missing policy for this metric. */
  readonly missing?: MissingPolicy;
  /** A dated value older than this many days at the as-of date counts as missing (stale). */
  readonly maxAgeDays?: number;
  readonly scoring: ScoringRule;
}

export interface Category {
  readonly id: string;
  readonly label?: string;
  /** Weight among categories, >= 0. */
  readonly weight: number;
  readonly metrics: readonly Metric[];
}

export type ComparisonOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

export const COMPARISON_OPS: readonly ComparisonOp[] = ['>', '>=', '<', '<=', '==', '!='];

/**
 * Applies when the customer's value in `source` meets `when` (a missing value never does):
 * `points` are added to the raw score, `cap` is a ceiling on it.
 */
export interface Adjustment {
  readonly id: string;
  readonly label?: string;
  readonly source: string;
  readonly when: { readonly op: ComparisonOp; readonly value: number | string | boolean };
  readonly points?: number;
  readonly cap?: number;
}

export interface BandCut {
  readonly id: string;
  readonly label?: string;
  readonly color?: string;
  /** Highest integer score in this band; ascending, the last one is 100. */
  readonly max: number;
}

export interface FixedBands {
  readonly mode: 'fixed';
  readonly cuts: readonly BandCut[];
}

/** Red at or below p25, green at or above p75 (nearest rank, over sufficient-coverage scores). */
export interface QuantileBands {
  readonly mode: 'quantile';
}

export type Bands = FixedBands | QuantileBands;

export interface MetricOverride {
  readonly weight?: number;
  readonly scoring?: ScoringRule;
}

/** Per-segment overrides of metric weights and rules, keyed by the value of a customer column. */
export interface Segments {
  readonly field: string;
  readonly overrides: Readonly<Record<string, Readonly<Record<string, MetricOverride>>>>;
}

export interface HealthModel {
  readonly format: typeof MODEL_FORMAT;
  readonly name: string;
  readonly description?: string;
  readonly missing?: MissingPolicy;
  /** Below this coverage (0–1) the band is `insufficient`. */
  readonly minCoverage?: number;
  readonly categories: readonly Category[];
  readonly adjustments?: readonly Adjustment[];
  readonly bands?: Bands;
  readonly segments?: Segments;
}

/** The band id given to customers whose coverage is below `minCoverage` or who have no score. */
export const INSUFFICIENT = 'insufficient';

export const DEFAULT_FIXED_BANDS: FixedBands = {
  mode: 'fixed',
  cuts: [
    { id: 'red', label: 'Red', color: '#c62828', max: 50 },
    { id: 'yellow', label: 'Yellow', color: '#f9a825', max: 70 },
    { id: 'green', label: 'Green', color: '#2e7d32', max: 100 },
  ],
};

/** The three bands of quantile mode, in order: at or below p25, between, at or above p75. */
export const QUANTILE_BANDS: readonly BandCut[] = [
  { id: 'red', label: 'Red', color: '#c62828', max: 25 },
  { id: 'yellow', label: 'Yellow', color: '#f9a825', max: 75 },
  { id: 'green', label: 'Green', color: '#2e7d32', max: 100 },
];

export const MODEL_DEFAULTS = {
  missing: 'renormalize' as MissingPolicy,
  minCoverage: 0.5,
  bands: DEFAULT_FIXED_BANDS as Bands,
} as const;

/** The column a metric reads: its `source`, or its id. */
export function metricSource(metric: Metric): string {
  return metric.source ?? metric.id;
}
