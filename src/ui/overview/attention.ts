/**
 * What needs a CSM's attention on the overview: at-risk customers whose renewal is near (with the
 * revenue at stake), and the customers who changed band since the previous snapshot. Selection
 * and counting over the worker's arrays; nothing is scored here.
 */
import type { EpochDay } from '../../engine';
import { NO_BAND, type CustomerTable, type ScoresView } from '../../worker/api';

/** Days ahead that count as "renewing soon". */
export const RENEWAL_WINDOW_DAYS = 90;

export interface RenewalsAtRisk {
  /** Rows in the lowest band renewing within the window (today included), soonest first. */
  readonly rows: readonly number[];
  /** Their monthly recurring revenue together (customers with no MRR count 0). */
  readonly mrr: number;
}

/**
 * Customers in the lowest band (the first: red in the default bands) whose renewal date falls in
 * `[today, today + RENEWAL_WINDOW_DAYS]`; ties by MRR, largest first.
 */
export function renewalsAtRisk(scores: ScoresView, table: CustomerTable, today: EpochDay): RenewalsAtRisk {
  const rows: number[] = [];
  let mrr = 0;
  for (let r = 0; r < scores.band.length; r++) {
    const renewal = table.renewal[r]!;
    if (scores.band[r] !== 0 || !(renewal >= today && renewal <= today + RENEWAL_WINDOW_DAYS)) continue;
    rows.push(r);
    const value = table.mrr[r]!;
    if (!Number.isNaN(value)) mrr += value;
  }
  const value = (r: number) => (Number.isNaN(table.mrr[r]!) ? -Infinity : table.mrr[r]!);
  rows.sort((a, b) => table.renewal[a]! - table.renewal[b]! || value(b) - value(a) || a - b);
  return { rows, mrr };
}

export interface Movers {
  /** Rows now in a worse band than at the previous snapshot, biggest score fall first. */
  readonly down: readonly number[];
  /** Rows now in a better band. */
  readonly up: readonly number[];
  /** Rows that moved into or out of "insufficient data" (neither better nor worse). */
  readonly other: readonly number[];
}

/**
 * Customers whose band differs from the previous snapshot's. Bands are ordered worst first, the
 * last being "insufficient data", which is neither better nor worse than another band.
 */
export function movers(scores: ScoresView): Movers {
  const insufficient = scores.bands.length - 1;
  const down: number[] = [];
  const up: number[] = [];
  const other: number[] = [];
  for (let r = 0; r < scores.band.length; r++) {
    const before = scores.previousBand[r]!;
    const now = scores.band[r]!;
    if (before === NO_BAND || before === now) continue;
    if (before === insufficient || now === insufficient) other.push(r);
    else (now < before ? down : up).push(r);
  }
  const fall = (r: number) => scores.score[r]! - scores.previousScore[r]!;
  down.sort((a, b) => fall(a) - fall(b) || a - b);
  up.sort((a, b) => fall(b) - fall(a) || a - b);
  return { down, up, other };
}
