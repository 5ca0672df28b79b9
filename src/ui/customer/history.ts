/**
 * A customer's score history for the page: the rows of its table (the chart is `history-chart.ts`).
 */
import type { EpochDay } from '../../engine';
import type { CustomerHistoryPoint } from '../../worker/api';

export interface HistoryRow {
  readonly day: EpochDay;
  /** `NaN` with no score. */
  readonly score: number;
  readonly band: number;
  /** Change from the snapshot before; `null` for the first, or where either has no score. */
  readonly change: number | null;
}

/** The table's rows, newest first, each with its change from the snapshot before it. */
export function historyRows(points: readonly CustomerHistoryPoint[]): HistoryRow[] {
  return points
    .map((p, k) => {
      const before = points[k - 1];
      const change = before && !Number.isNaN(p.score) && !Number.isNaN(before.score) ? p.score - before.score : null;
      return { day: p.day, score: p.score, band: p.band, change };
    })
    .reverse();
}
