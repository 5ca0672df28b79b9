/**
 * How the customer page reads an engine explanation: indicators ordered by what they cost, the
 * indicators that had no usable value, the adjustments that applied. Plain functions over
 * `CustomerExplanation`, so the order a CSM sees is tested without rendering.
 */
import type { AdjustmentExplanation, CustomerExplanation, MetricExplanation } from '../../engine';

/** One indicator as the "why" table shows it. */
export interface IndicatorLine {
  readonly metric: MetricExplanation;
  /** The category's label (fallback: its id). */
  readonly category: string;
  /**
   * Score points this indicator costs: its share of the weight times the points it fell short of
   * 100 (`effectiveWeight × (100 − points)`). What it adds plus what it costs is its full share.
   * 0 for an indicator left out.
   */
  readonly cost: number;
  /** Counts in the score (with its own points, or the missing policy's 50 or 0). */
  readonly counted: boolean;
}

/**
 * Every indicator of the explanation, the biggest drags first: indicators that count, by the
 * points they cost (most first; ties in model order), then those left out for want of a value
 * (missing or stale, model order), then those that take no part (weight 0 for this customer).
 */
export function indicatorsByDrag(explanation: CustomerExplanation): IndicatorLine[] {
  const categories = new Map(explanation.categories.map((c) => [c.categoryId, c.label || c.categoryId]));
  const lines = explanation.metrics.map((metric, order) => {
    const counted = metric.points !== null && metric.effectiveWeight > 0;
    const cost = counted ? metric.effectiveWeight * (100 - metric.points!) : 0;
    return { line: { metric, category: categories.get(metric.categoryId) ?? metric.categoryId, cost, counted }, order };
  });
  const group = (l: IndicatorLine) => (l.counted ? 0 : l.metric.status === 'unweighted' ? 2 : 1);
  lines.sort((a, b) => group(a.line) - group(b.line) || (a.line.counted ? b.line.cost - a.line.cost : 0) || a.order - b.order);
  return lines.map((l) => l.line);
}

/** Indicators that had no usable value (missing, or too old), in model order. */
export function withoutValue(explanation: CustomerExplanation): MetricExplanation[] {
  return explanation.metrics.filter((m) => m.status === 'missing' || m.status === 'stale');
}

/** The adjustments and caps that applied, in model order. */
export function appliedAdjustments(explanation: CustomerExplanation): AdjustmentExplanation[] {
  return explanation.adjustments.filter((a) => a.applied);
}
