/**
 * A portfolio's history, scored: the current customers and their scores (what every screen
 * shows), the previous snapshot's scores (the change), and per snapshot day the scores of the
 * customers known that day (trends, a customer's history, stored score snapshots).
 */
import {
  scorePortfolio,
  selectRows,
  TEXT_MISSING,
  type Column,
  type EpochDay,
  type HealthModel,
  type Portfolio,
  type PortfolioScores,
  type Snapshot,
} from '../engine';
import { BOOLEAN_MISSING } from '../engine/portfolio';

/** The scores of one snapshot day, for the customers known that day. */
export interface DayScores {
  readonly day: EpochDay;
  readonly ids: readonly string[];
  readonly score: Float64Array;
  readonly coverage: Float64Array;
  readonly band: Uint8Array;
  readonly categories: readonly { readonly id: string; readonly values: Float64Array }[];
}

export interface ScoredHistory {
  readonly model: HealthModel;
  /** Snapshot days, oldest first. */
  readonly days: readonly EpochDay[];
  /** The day the current scores are for (the last snapshot's). */
  readonly asOf: EpochDay;
  /** The customers still in the portfolio, as of the last snapshot. */
  readonly current: Portfolio;
  readonly scores: PortfolioScores;
  /** The same customers at the previous snapshot, and their scores there. */
  readonly previousScores: PortfolioScores | null;
}

export const EMPTY_PORTFOLIO: Portfolio = { size: 0, ids: [], columns: new Map() };

function isPresent(column: Column, row: number): boolean {
  switch (column.kind) {
    case 'number':
    case 'date':
      return !Number.isNaN(column.values[row]!);
    case 'boolean':
      return column.values[row] !== BOOLEAN_MISSING;
    case 'text':
      return column.codes[row] !== TEXT_MISSING;
  }
}

/** Rows whose status is not "churned": the customers still in the portfolio. */
export function activeRows(portfolio: Portfolio): Int32Array {
  const status = portfolio.columns.get('status');
  const out: number[] = [];
  for (let row = 0; row < portfolio.size; row++) {
    if (status?.kind === 'text' && status.codes[row] !== TEXT_MISSING && status.labels[status.codes[row]!]!.trim().toLowerCase() === 'churned') continue;
    out.push(row);
  }
  return Int32Array.from(out);
}

/**
 * Rows known on a snapshot's day: not churned, and with at least one value observed by then (a
 * customer first imported in March has no row in January's scores).
 */
export function knownRows(portfolio: Portfolio): Int32Array {
  const columns = [...portfolio.columns.values()];
  const active = activeRows(portfolio);
  return active.filter((row) => columns.some((column) => isPresent(column, row)));
}

/** Scores the last two snapshots of `history` (the current customers, and the change since the one before). */
export function scoreHistory(model: HealthModel, history: readonly Snapshot[], fallbackDay: EpochDay): ScoredHistory {
  const last = history.at(-1);
  const days = history.map((h) => h.day);
  if (!last) {
    return { model, days, asOf: fallbackDay, current: EMPTY_PORTFOLIO, scores: scorePortfolio(model, EMPTY_PORTFOLIO, { asOf: fallbackDay }), previousScores: null };
  }
  const rows = knownRows(last.portfolio);
  const current = selectRows(last.portfolio, rows);
  const before = history.at(-2);
  return {
    model,
    days,
    asOf: last.day,
    current,
    scores: scorePortfolio(model, current, { asOf: last.day }),
    previousScores: before ? scorePortfolio(model, selectRows(before.portfolio, rows), { asOf: before.day }) : null,
  };
}

/** The scores of one snapshot, for the customers known that day. */
export function scoreDay(model: HealthModel, snapshot: Snapshot): DayScores {
  const rows = knownRows(snapshot.portfolio);
  const portfolio = selectRows(snapshot.portfolio, rows);
  const scores = scorePortfolio(model, portfolio, { asOf: snapshot.day });
  return dayScores(snapshot.day, portfolio.ids, scores);
}

export function dayScores(day: EpochDay, ids: readonly string[], scores: PortfolioScores): DayScores {
  return {
    day,
    ids,
    score: scores.score,
    coverage: scores.coverage,
    band: scores.band,
    categories: scores.categoryIds.map((id, k) => ({ id, values: scores.categoryScores[k]! })),
  };
}
