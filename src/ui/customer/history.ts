/**
 * A customer's score history for the page: the rows of its table and the geometry of its small
 * line chart. Plain functions, tested without an SVG.
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

export interface HistoryLine {
  /** SVG `points` of each unbroken run of scores (a snapshot without a score breaks the line). */
  readonly runs: readonly string[];
  readonly dots: readonly { readonly x: number; readonly y: number; readonly band: number }[];
}

/**
 * The chart's geometry in a `width × height` box with `pad` around: time runs left to right by
 * day (evenly spaced snapshots stay evenly spaced), the score 0–100 bottom to top.
 */
export function historyLine(points: readonly CustomerHistoryPoint[], box: { readonly width: number; readonly height: number; readonly pad: number }): HistoryLine {
  const first = points[0]?.day ?? 0;
  const span = (points.at(-1)?.day ?? first) - first;
  const x = (day: EpochDay) => box.pad + (span > 0 ? ((day - first) / span) * (box.width - 2 * box.pad) : (box.width - 2 * box.pad) / 2);
  const y = (score: number) => box.pad + ((100 - score) / 100) * (box.height - 2 * box.pad);
  const runs: string[] = [];
  const dots: { x: number; y: number; band: number }[] = [];
  let run: string[] = [];
  for (const p of points) {
    if (Number.isNaN(p.score)) {
      if (run.length > 0) runs.push(run.join(' '));
      run = [];
      continue;
    }
    const at = { x: round2(x(p.day)), y: round2(y(p.score)) };
    run.push(`${at.x},${at.y}`);
    dots.push({ ...at, band: p.band });
  }
  if (run.length > 0) runs.push(run.join(' '));
  return { runs, dots };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
