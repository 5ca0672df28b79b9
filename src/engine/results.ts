/**
 * What scoring returns: compact columns for a whole portfolio, and explanations for one customer.
 */
import type { ComparisonOp, MissingPolicy } from './model';
import type { EpochDay } from './portfolio';

export interface ScoreOptions {
  /** The day the scores are for: `daysSince` counts to it, `maxAgeDays` is measured at it. */
  readonly asOf: EpochDay;
}

/** A band as results name it; the last band of every result is `insufficient`. */
export interface BandInfo {
  readonly id: string;
  readonly label: string;
  readonly color: string;
}

/**
 * Scores of a whole portfolio, one entry per customer in portfolio row order.
 * Every array is its own buffer, so the worker can transfer them.
 */
export interface PortfolioScores {
  readonly size: number;
  /** Integer score 0–100; `NaN` where the customer has no score (no metric with data). */
  readonly score: Float64Array;
  /** The score after adjustments and the clamp, before rounding; `NaN` with no score. */
  readonly raw: Float64Array;
  /** Share of total weight that had data, 0–1. */
  readonly coverage: Float64Array;
  /** Index into `bands`. */
  readonly band: Uint8Array;
  /** The model's bands in ascending order, then `insufficient`. */
  readonly bands: readonly BandInfo[];
  /** Category ids, in model order. */
  readonly categoryIds: readonly string[];
  /** Per category (same order as `categoryIds`), the unrounded category score; `NaN` where left out. */
  readonly categoryScores: readonly Float64Array[];
  /** For quantile bands: the p25 and p75 used (`NaN` when no customer had sufficient coverage). */
  readonly quantiles?: { readonly p25: number; readonly p75: number };
}

/** Why a metric did or did not count for a customer. */
export type MetricStatus =
  /** Had a value; its points count. */
  | 'scored'
  /** No usable value: empty, unparseable, or a label the rule does not know. Left out under `renormalize`. */
  | 'missing'
  /** Had a value older than `maxAgeDays` at the as-of date: treated as missing. */
  | 'stale'
  /** Weight 0 for this customer (possibly through a segment override): takes no part. */
  | 'unweighted';

export interface MetricExplanation {
  readonly metricId: string;
  readonly categoryId: string;
  readonly label: string;
  readonly source: string;
  /** The value the rule scored (after `daysSince`), or the raw value that could not be scored; `null` if none. */
  readonly value: number | string | boolean | null;
  readonly status: MetricStatus;
  /** Policy that applied to a missing or stale value. */
  readonly missingPolicy: MissingPolicy;
  /** Points 0–100 the metric counted with (its own, or the policy's 50/0 fill); `null` if left out. */
  readonly points: number | null;
  /** Weight in force for this customer (after segment overrides). */
  readonly weight: number;
  /** This metric's share of the raw score's total weight, 0–1; 0 if left out. */
  readonly effectiveWeight: number;
  /** `effectiveWeight × points`: what it adds to the raw score, in score points. */
  readonly contribution: number;
  /** Set when the customer's segment overrode this metric's weight or rule. */
  readonly segmentOverride?: string;
}

export interface CategoryExplanation {
  readonly categoryId: string;
  readonly label: string;
  readonly weight: number;
  /** Unrounded category score; `null` if the category was left out. */
  readonly score: number | null;
  /** This category's share of the raw score's total weight, 0–1. */
  readonly effectiveWeight: number;
  readonly contribution: number;
}

export interface AdjustmentExplanation {
  readonly adjustmentId: string;
  readonly label: string;
  readonly source: string;
  readonly op: ComparisonOp;
  readonly threshold: number | string | boolean;
  /** The customer's value in `source`; `null` if missing. */
  readonly value: number | string | boolean | null;
  readonly applied: boolean;
  readonly points?: number;
  readonly cap?: number;
  /** True for the one cap that set the ceiling (the lowest applicable). */
  readonly capBinding: boolean;
}

export interface CustomerExplanation {
  readonly row: number;
  readonly customerId: string;
  /** Integer score, or `null` with no score. */
  readonly score: number | null;
  readonly band: BandInfo;
  readonly coverage: number;
  /** Weighted mean of the category scores, before adjustments; `null` with no score. */
  readonly weightedScore: number | null;
  /** Sum of the points of applied adjustments. */
  readonly adjustmentPoints: number;
  /** The lowest applicable cap, if any applied. */
  readonly cap: number | null;
  /** After adjustments, cap and clamp, before rounding; `null` with no score. */
  readonly raw: number | null;
  readonly segment: string | null;
  readonly categories: readonly CategoryExplanation[];
  /** Metrics in model order. */
  readonly metrics: readonly MetricExplanation[];
  readonly adjustments: readonly AdjustmentExplanation[];
}

/** One part of a score change. `points` sum (over parts) to the integer change. */
export interface ChangePart {
  /** A metric's change in contribution; what adjustments, caps and the clamp changed; what rounding changed. */
  readonly kind: 'metric' | 'adjustments' | 'rounding';
  /** Metric id, for `metric` parts. */
  readonly metricId?: string;
  readonly categoryId?: string;
  readonly label: string;
  /** Exact change in score points. */
  readonly exact: number;
  /** Whole points, apportioned so that all parts add up to `delta`. */
  readonly points: number;
}

export interface ScoreChange {
  readonly before: number | null;
  readonly after: number | null;
  /** `after − before`; `null` unless both have a score. */
  readonly delta: number | null;
  readonly bandBefore: string;
  readonly bandAfter: string;
  /** Non-zero parts, largest movement first. */
  readonly parts: readonly ChangePart[];
  /** The same, summed per category. */
  readonly categories: readonly { readonly categoryId: string; readonly label: string; readonly exact: number; readonly points: number }[];
}
