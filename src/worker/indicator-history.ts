/**
 * A customer's raw values per model metric through the history (imports and hand-typed entries),
 * and whether the value in effect is stale: older than the metric's `maxAgeDays` at the scores'
 * day, which the engine counts as missing (DESIGN "maxAgeDays"; `isStale` in engine/plan.ts).
 */
import { isMissing, TEXT_MISSING, type Column, type EpochDay, type HealthModel, type Portfolio, type Snapshot } from '../engine';
import { importMetrics } from './import-session';
import type { IndicatorHistory, IndicatorPoint } from './api';
import type { EntryRecord } from '../data';

/** The value at `row` of `column` as plain data, `undefined` when missing. */
function valueAt(column: Column, row: number): number | boolean | string | undefined {
  if (isMissing(column, row)) return undefined;
  switch (column.kind) {
    case 'number':
    case 'date':
      return column.values[row]!;
    case 'boolean':
      return column.values[row] === 1;
    case 'text':
      return column.codes[row] === TEXT_MISSING ? undefined : column.labels[column.codes[row]!];
  }
}

/** The day the value at `row` was observed: its `observedOn`, else the snapshot's day. */
function dayOf(column: Column, row: number, fallback: EpochDay): EpochDay {
  const day = column.observedOn?.[row];
  return day === undefined || Number.isNaN(day) ? fallback : day;
}

function same(a: number | boolean | string, b: number | boolean | string): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : a === b;
}

/**
 * Customer `id`'s history per metric of `model`, in model order. `history` is the scored history
 * (values carried forward and dated, entries applied), `current` the current customers (row
 * `row` is `id`), `entries` the customer's hand-typed entries (to tell typed values apart and to
 * list typed values a later one replaced before any snapshot saw them).
 */
export function indicatorHistory(
  model: HealthModel,
  history: readonly Snapshot[],
  current: Portfolio,
  row: number,
  asOf: EpochDay,
  entries: readonly EntryRecord[],
): IndicatorHistory[] {
  const id = current.ids[row]!;
  const rows = history.map((snapshot) => (snapshot.portfolio.ids[row] === id ? row : snapshot.portfolio.ids.indexOf(id)));
  const metrics = model.categories.flatMap((category) => category.metrics);
  const described = importMetrics(model);
  return metrics.map((metric, k) => {
    const { source, kind, label } = described[k]!;
    const typed = entries.filter((e) => e.column === source && e.value !== undefined);
    const byDay = new Map<EpochDay, IndicatorPoint>();
    history.forEach((snapshot, s) => {
      const r = rows[s]!;
      const column = snapshot.portfolio.columns.get(source);
      if (r < 0 || !column) return;
      const value = valueAt(column, r);
      if (value === undefined) return;
      const day = dayOf(column, r, snapshot.day);
      const fromEntry = typed.some((e) => e.day === day && same(e.value!, value));
      byDay.set(day, { day, value, from: fromEntry ? 'entry' : 'import' });
    });
    // Typed values no snapshot shows (replaced by a later one before the next snapshot).
    for (const entry of typed) {
      if (entry.day <= asOf && !byDay.has(entry.day)) byDay.set(entry.day, { day: entry.day, value: entry.value!, from: 'entry' });
    }
    const points = [...byDay.values()].sort((a, b) => a.day - b.day);
    const column = current.columns.get(source);
    const latestDay = column && !isMissing(column, row) ? dayOf(column, row, asOf) : null;
    const stale = metric.maxAgeDays !== undefined && latestDay !== null && column?.observedOn !== undefined && asOf - latestDay > metric.maxAgeDays;
    return {
      metricId: metric.id, label, source, kind, ...(metric.maxAgeDays !== undefined ? { maxAgeDays: metric.maxAgeDays } : {}),
      points, latestDay, stale,
    };
  });
}
