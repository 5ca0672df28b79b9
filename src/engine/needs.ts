/**
 * What a model reads from a portfolio: which columns, and as what kind of value.
 */
import { metricSource, type HealthModel } from './model';
import { isNumericRule } from './rules';
import type { ColumnKind } from './portfolio';
import { parseIsoDay } from './portfolio';

/**
 * The columns a model reads, each with the kind a file's cells must be read as: numbers for
 * linear/range/steps, dates for `daysSince`, yes/no for boolean rules, labels for map rules and
 * segments; adjustments by the type of their threshold. When two uses of one column disagree, the
 * first wins (the engine reads every kind in every way it can, see `values.ts`).
 */
export function columnNeeds(model: HealthModel): Map<string, ColumnKind> {
  const needs = new Map<string, ColumnKind>();
  const need = (source: string, kind: ColumnKind) => {
    if (!needs.has(source)) needs.set(source, kind);
  };
  if (model.segments) need(model.segments.field, 'text');
  for (const category of model.categories) {
    for (const metric of category.metrics) {
      const rule = metric.scoring;
      const kind: ColumnKind =
        metric.transform === 'daysSince' ? 'date' : isNumericRule(rule) ? 'number' : rule.type === 'boolean' ? 'boolean' : 'text';
      need(metricSource(metric), kind);
    }
  }
  for (const adjustment of model.adjustments ?? []) {
    const value = adjustment.when.value;
    const kind: ColumnKind =
      typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : parseIsoDay(value) !== undefined ? 'date' : 'text';
    need(adjustment.source, kind);
  }
  return needs;
}
