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
import { NO_BAND } from './api';

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

/** Marks in `seen` the rows where `column` has a value (one pass over its typed array). */
function markPresent(column: Column, seen: Uint8Array): void {
  switch (column.kind) {
    case 'number':
    case 'date': {
      const values = column.values;
      for (let r = 0; r < values.length; r++) if (values[r] === values[r]) seen[r] = 1;
      return;
    }
    case 'boolean': {
      const values = column.values;
      for (let r = 0; r < values.length; r++) if (values[r] !== BOOLEAN_MISSING) seen[r] = 1;
      return;
    }
    case 'text': {
      const codes = column.codes;
      for (let r = 0; r < codes.length; r++) if (codes[r] !== TEXT_MISSING) seen[r] = 1;
      return;
    }
  }
}

/** Rows whose status is not "churned": the customers still in the portfolio. */
export function activeRows(portfolio: Portfolio): Int32Array {
  const status = portfolio.columns.get('status');
  const all = Int32Array.from({ length: portfolio.size }, (_, row) => row);
  if (status?.kind !== 'text') return all;
  const churned = status.labels.map((label) => label.trim().toLowerCase() === 'churned');
  return all.filter((row) => {
    const code = status.codes[row]!;
    return code === TEXT_MISSING || !churned[code];
  });
}

/**
 * Rows known on a snapshot's day: not churned, and with at least one value observed by then (a
 * customer first imported in March has no row in January's scores).
 */
export function knownRows(portfolio: Portfolio): Int32Array {
  const seen = new Uint8Array(portfolio.size);
  for (const column of portfolio.columns.values()) markPresent(column, seen);
  return activeRows(portfolio).filter((row) => seen[row] === 1);
}

/** `portfolio` restricted to `rows` (ascending); the portfolio itself when `rows` is every row. */
function restrict(portfolio: Portfolio, rows: Int32Array): Portfolio {
  return rows.length === portfolio.size ? portfolio : selectRows(portfolio, rows);
}

/** Scores the last two snapshots of `history` (the current customers, and the change since the one before). */
export function scoreHistory(model: HealthModel, history: readonly Snapshot[], fallbackDay: EpochDay): ScoredHistory {
  const last = history.at(-1);
  const days = history.map((h) => h.day);
  if (!last) {
    return { model, days, asOf: fallbackDay, current: EMPTY_PORTFOLIO, scores: scorePortfolio(model, EMPTY_PORTFOLIO, { asOf: fallbackDay }), previousScores: null };
  }
  const rows = knownRows(last.portfolio);
  const current = restrict(last.portfolio, rows);
  const before = history.at(-2);
  return {
    model,
    days,
    asOf: last.day,
    current,
    scores: scorePortfolio(model, current, { asOf: last.day }),
    previousScores: before ? previousDay(model, before, rows) : null,
  };
}

/**
 * The scores at `before` of the current customers (`rows`); no score and band `NO_BAND` for a
 * customer who was not known that day (see `knownRows`), so that the change is against the
 * previous stored snapshot.
 */
function previousDay(model: HealthModel, before: Snapshot, rows: Int32Array): PortfolioScores {
  const scores = scorePortfolio(model, restrict(before.portfolio, rows), { asOf: before.day });
  const known = new Uint8Array(before.portfolio.size);
  for (const row of knownRows(before.portfolio)) known[row] = 1;
  rows.forEach((row, i) => {
    if (known[row]) return;
    scores.score[i] = Number.NaN;
    scores.band[i] = NO_BAND;
  });
  return scores;
}

/** The scores of one snapshot, for the customers known that day. */
/** The customers of a snapshot its day's scores hold (see `knownRows`), in their order. */
export function knownPortfolio(portfolio: Portfolio): Portfolio {
  return restrict(portfolio, knownRows(portfolio));
}

export function scoreDay(model: HealthModel, snapshot: Snapshot): DayScores {
  const portfolio = knownPortfolio(snapshot.portfolio);
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
